import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { renderChanges } from "../render/render-changes.js";

export function registerInstall(program: Command): void {
  program
    .command("install")
    .alias("i")
    .description("make .claude/agents match agentreg.json and agentreg.lock")
    .option("--frozen", "install exactly what agentreg.lock says; fail if it does not match agentreg.json (CI)")
    .option("--force", "replace files that were edited or not installed by agentreg")
    .addHelpText("after", examples(["agentreg install", "agentreg install --frozen"]))
    .action(async (options: { frozen?: boolean; force?: boolean }, command: Command) => {
      const context = commandContext(command);
      const { installAgents } = await import("@agentreg/sdk");
      const result = await installAgents({
        dir: context.dir,
        frozen: options.frozen === true,
        ...(context.registry === undefined ? {} : { registry: context.registry }),
        network: context.network,
        dryRun: context.dryRun,
        force: options.force === true,
        onEvent: (event) => {
          if (event.type === "deprecated") context.note(`warning: ${event.key}@${event.version} is deprecated: ${event.message}`);
        },
      });
      context.output(result, () => {
        const lines = [renderChanges(result.agents, { dryRun: result.dryRun })];
        for (const key of result.removed) lines.push(`- ${key} (no longer in agentreg.json)`);
        return lines.join("");
      });
    });
}
