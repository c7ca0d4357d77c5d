import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeTerminal, escapeValue } from "../render/escape-terminal.js";

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("show your edits to an installed agent (locked version → file on disk), or what moving to --to would change")
    .argument("<agent>", "the name as written in agentreg.json")
    .option("--to <version>", "compare the file on disk with this version, range or tag")
    .addHelpText("after", examples(["agentreg diff senior-backend-engineer", "agentreg diff senior-backend-engineer --to 1.1.0"]))
    .action(async (name: string, options: { to?: string }, command: Command) => {
      const context = commandContext(command);
      const { diffAgent } = await import("@agentreg/sdk");
      const result = await diffAgent({
        dir: context.dir,
        configDir: context.configDir,
        name,
        ...(options.to === undefined ? {} : { to: options.to }),
        ...(context.registry === undefined ? {} : { registry: context.registry }),
        network: context.network,
      });
      context.output(result, () => (result.diff === "" ? `no differences between ${escapeValue(result.from)} and ${escapeValue(result.to)}\n` : escapeTerminal(result.diff)));
    });
}
