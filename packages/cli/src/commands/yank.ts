import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerYank(program: Command): void {
  program
    .command("yank")
    .description("stop new resolutions of a published version (locked projects keep installing it)")
    .argument("<name@version>", "one exact published version")
    .requiredOption("--to <source-dir>", "the registry source folder")
    .option("--undo", "take the yank back")
    .addHelpText("after", examples(["agentreg yank reviewer@1.2.0 --to ./my-registry", "agentreg yank reviewer@1.2.0 --to ./my-registry --undo"]))
    .action(async (spec: string, options: { to: string; undo?: boolean }, command: Command) => {
      const context = commandContext(command);
      const { yankVersion } = await import("@agentreg/sdk");
      const result = await yankVersion({ spec, to: options.to, undo: options.undo === true, dryRun: context.dryRun });
      const what = `${escapeValue(result.name)}@${escapeValue(result.version)}`;
      context.output({ ...result, dryRun: context.dryRun }, () => {
        if (!result.changed) return `${what} is already ${result.yanked ? "yanked" : "not yanked"}; nothing to do\n`;
        const verb = result.yanked ? "yank" : "unyank";
        return `${context.dryRun ? `would ${verb}` : `${verb}ed`} ${what}; latest is ${escapeValue(result.latest)}\n${context.dryRun ? "dry run: nothing was written\n" : `next: agentreg registry build ${escapeValue(options.to)} --out <dir>\n`}`;
      });
    });
}
