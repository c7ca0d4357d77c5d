import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { defaultCacheDir } from "../cache-dir.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerCache(program: Command): void {
  const cache = program
    .command("cache")
    .description(`inspect or empty the shared cache of registry documents, tarballs and git mirrors (AGENTREG_CACHE)`)
    .addHelpText("after", examples(["agentreg cache ls", "agentreg cache clean"]));

  cache
    .command("ls")
    .description("list cached registry documents, tarballs and git mirrors")
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { listCache } = await import("@agentreg/sdk");
      const listing = await listCache({ dir: defaultCacheDir() });
      context.output(listing, () => {
        const lines = [`cache: ${escapeValue(listing.dir)}`];
        for (const doc of listing.documents) lines.push(`  ${escapeValue(doc.registry)}${escapeValue(doc.path)}  ${doc.bytes} B  ${escapeValue(doc.storedAt)}`);
        for (const tarball of listing.tarballs) lines.push(`  ${escapeValue(tarball.integrity.slice(0, 30))}…  ${tarball.bytes} B`);
        lines.push(`${plural(listing.documents.length, "document")}, ${plural(listing.tarballs.length, "tarball")}, ${plural(listing.gitMirrors, "git mirror")}`);
        return `${lines.join("\n")}\n`;
      });
    });

  cache
    .command("clean")
    .description("delete everything agentreg cached")
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { cleanCache } = await import("@agentreg/sdk");
      const removed = await cleanCache({ dir: defaultCacheDir(), dryRun: context.dryRun });
      context.output(removed, () => `${context.dryRun ? "would remove" : "removed"} ${plural(removed.documents.length, "document")}, ${plural(removed.tarballs.length, "tarball")} and ${plural(removed.gitMirrors, "git mirror")} from ${escapeValue(removed.dir)}\n`);
    });
}

/** "1 document", "2 documents". */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
