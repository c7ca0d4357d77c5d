import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeTerminal } from "../render/escape-terminal.js";

export function registerList(program: Command): void {
  program
    .command("list")
    .alias("ls")
    .description("show the project's agents, their locked versions and whether their files are intact")
    .addHelpText("after", examples(["agentreg list", "agentreg list --json"]))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { listAgents } = await import("@agentreg/sdk");
      const result = await listAgents({ dir: context.dir });
      context.output(result, () => {
        if (result.agents.length === 0) return "no agents (add one with `agentreg add <name>`)\n";
        return result.agents
          .map((agent) => {
            const state = agent.state === "ok" ? "" : `  [${agent.state}]`;
            return `${escapeTerminal(agent.key)}@${agent.version ?? "-"}  ${agent.range ?? "-"}  ${escapeTerminal(agent.registry ?? "-")}  ${agent.path}${state}\n`;
          })
          .join("");
      });
    });
}
