import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";
import { CLI_VERSION } from "../version.js";

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("create agentreg.json in the project")
    .addHelpText("after", examples(["agentreg init", "agentreg init --dir ./my-project"]))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { initProject, configSchemaUrl } = await import("@agentreg/sdk");
      const result = await initProject({ dir: context.configDir, dryRun: context.dryRun, schemaUrl: configSchemaUrl(CLI_VERSION) });
      context.output(result, () => `${context.dryRun ? "would create" : "created"} ${escapeValue(result.path)}\nnext: agentreg add senior-backend-engineer (or any agent from \`agentreg search\`)\n`);
    });
}
