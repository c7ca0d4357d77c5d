import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { renderChanges } from "../render/render-changes.js";

export function registerAdd(program: Command): void {
  program
    .command("add")
    .description("resolve, verify and install agents, pinning them in agentreg.json and agentreg.lock")
    .argument("<agents...>", "name, name@range or @registry/name@range")
    .option("--force", "replace a file that was edited or not installed by agentreg")
    .addHelpText(
      "after",
      examples([
        "agentreg add senior-backend-engineer",
        "agentreg add senior-backend-engineer@1.0.0",
        "agentreg add @acme/reviewer@~2.1.0",
        "agentreg add my-agent --registry ./my-registry",
      ]),
    )
    .action(async (specs: string[], options: { force?: boolean }, command: Command) => {
      const context = commandContext(command);
      const { addAgents } = await import("@agentreg/sdk");
      const result = await addAgents({
        dir: context.dir,
        specs,
        ...(context.registry === undefined ? {} : { registry: context.registry }),
        network: context.network,
        dryRun: context.dryRun,
        force: options.force === true,
        onEvent: (event) => {
          if (event.type === "deprecated") context.note(`warning: ${event.key}@${event.version} is deprecated: ${event.message}`);
        },
      });
      context.output(result, () => renderChanges(result.agents, { dryRun: result.dryRun }));
    });
}
