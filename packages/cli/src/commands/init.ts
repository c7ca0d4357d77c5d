import type { Command } from "commander";
import { commandContext, examples } from "../context.js";

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("create agentreg.json in the project")
    .addHelpText("after", examples(["agentreg init", "agentreg init --dir ./my-project"]))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { initProject } = await import("@agentreg/sdk");
      const result = await initProject({ dir: context.configDir, dryRun: context.dryRun });
      context.output(result, () => `${context.dryRun ? "would create" : "created"} ${result.path}\nnext: agentreg add <name>\n`);
    });
}
