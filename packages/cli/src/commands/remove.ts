import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";
import { reportSkipped } from "../render/report-skipped.js";

export function registerRemove(program: Command): void {
  program
    .command("remove")
    .alias("rm")
    .description("delete agents' files and their entries in agentreg.json and agentreg.lock")
    .argument("<agents...>", "names as written in agentreg.json")
    .option("--force", "also delete files you edited (a backup copy is kept)")
    .addHelpText("after", examples(["agentreg remove senior-backend-engineer"]))
    .action(async (names: string[], options: { force?: boolean }, command: Command) => {
      const context = commandContext(command);
      const { removeAgents, skippedError } = await import("@agentreg/sdk");
      const result = await removeAgents({ ...context.session, names, force: options.force === true });
      context.output(result, () =>
        result.removed
          .map((agent) => `${result.dryRun ? "would remove" : "removed"} ${escapeValue(agent.key)}${agent.version ? `@${escapeValue(agent.version)}` : ""} (${context.showPath(agent.path)})\n`)
          .join(""),
      );
      reportSkipped(context, result, (skipped) => skippedError(skipped, { action: "delete" }));
    });
}
