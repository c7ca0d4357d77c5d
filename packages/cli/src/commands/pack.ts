import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerPack(program: Command): void {
  program
    .command("pack")
    .description("write the deterministic tarball of an agent file and print its integrity")
    .argument("<file>", "the agent file (its name must match the agent's name)")
    .option("--out <dir>", "folder for <name>.tgz", ".")
    .addHelpText("after", examples(["agentreg pack reviewer.md", "agentreg pack reviewer.md --out dist --json"]))
    .action(async (file: string, options: { out: string }, command: Command) => {
      const context = commandContext(command);
      const { packAgentFile } = await import("@agentreg/sdk");
      const result = await packAgentFile({ file, out: options.out, dryRun: context.dryRun });
      context.output(result, () => `${context.dryRun ? "would write" : "wrote"} ${escapeValue(result.path)} (${result.size} bytes)\n${escapeValue(result.integrity)}\n`);
    });
}
