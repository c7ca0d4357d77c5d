import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerDeprecate(program: Command): void {
  program
    .command("deprecate")
    .description("set the message shown to everyone who installs matching versions; an empty message removes it")
    .argument("<name[@range]>", "an agent, a version or a range (no range: every version)")
    .argument("<message>", 'the message; "" takes the deprecation back')
    .requiredOption("--to <source-dir>", "the registry source folder")
    .addHelpText(
      "after",
      examples(['agentreg deprecate reviewer@"<2.0.0" "use 2.x: it reads diffs, not whole files" --to ./my-registry', 'agentreg deprecate reviewer@1.0.0 "" --to ./my-registry']),
    )
    .action(async (spec: string, message: string, options: { to: string }, command: Command) => {
      const context = commandContext(command);
      const { deprecateVersions } = await import("@agentreg/sdk");
      const result = await deprecateVersions({ spec, message, to: options.to, dryRun: context.dryRun });
      const versions = result.versions.map((version) => `${escapeValue(result.name)}@${escapeValue(version)}`).join(", ");
      context.output({ ...result, dryRun: context.dryRun }, () => {
        if (!result.changed) return `${versions}: nothing to change\n`;
        const did = result.message === undefined ? "removed the deprecation of" : "deprecated";
        return `${context.dryRun ? `would have ${did}` : did} ${versions}\n${context.dryRun ? "dry run: nothing was written\n" : `next: agentreg registry build ${escapeValue(options.to)} --out <dir>\n`}`;
      });
    });
}
