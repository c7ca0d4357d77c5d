import { join } from "node:path";
import type { Command } from "commander";
import { escapeValue } from "../../render/escape-terminal.js";
import { commandContext, examples } from "../../context.js";
import { wholeNumber } from "../../parse-number.js";

export function registerRegistryBuild(registry: Command): void {
  registry
    .command("build")
    .description("build a registry source folder into a static registry any web server can host")
    .argument("<source-dir>", "the registry source folder")
    .requiredOption("--out <dir>", "the output folder: created, or replaced if it is empty or holds an earlier build (.agentreg-build)")
    .option("--sign-key <pem>", "sign every version and the index with this ed25519 private key")
    .option("--expires-in <days>", "with --sign-key: the signed index expires after this many days (clients refuse it then)", wholeNumber({ min: 1 }))
    .option("--no-marketplace", "do not also write the Claude Code plugin marketplace (.claude-plugin/, plugins/)")
    .option("--no-site", "do not also write the catalog website (index.html, agents/<name>.html, site/)")
    .addHelpText("after", examples(["agentreg registry build ./registry --out ./public", "agentreg registry build ./registry --out ./public --no-site --no-marketplace"]))
    .action(async (source: string, options: { out: string; signKey?: string; expiresIn?: number; marketplace: boolean; site: boolean }, command: Command) => {
      const context = commandContext(command);
      const { buildRegistry } = await import("@agentreg/sdk");
      const result = await buildRegistry({
        source,
        out: options.out,
        dryRun: context.dryRun,
        marketplace: options.marketplace,
        site: options.site,
        signingKeyFile: options.signKey,
        expiresInDays: options.expiresIn,
      });
      context.output(result, () =>
        `${context.dryRun ? "would build" : "built"} ${result.agents} agent${result.agents === 1 ? "" : "s"}, ${result.versions} version${result.versions === 1 ? "" : "s"} (${result.files.length} files, ${result.bytes} bytes) into ${result.out}${result.signed ? ", signed" : ""}\n` +
          (result.marketplace === undefined ? "" : `Claude Code: /plugin marketplace add ${escapeValue(result.out)}, then /plugin install <agent>@${escapeValue(result.marketplace)}\n`) +
          (result.site ? `catalog: ${escapeValue(join(result.out, "index.html"))} (or \`agentreg registry serve ${escapeValue(result.out)}\`)\n` : ""),
      );
    });
}
