import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerList(program: Command): void {
  program
    .command("list")
    .alias("ls")
    .description("show the project's and the user's agents, their locked versions and whether their files are intact")
    .addHelpText("after", examples(["agentreg list", "agentreg list --json", "agentreg list -g"]))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { listAgents } = await import("@agentreg/sdk");
      // The project view also lists the user scope, since Claude Code loads both (project wins a clash).
      const result = context.global
        ? await listAgents({ dir: context.dir, configDir: context.configDir, scope: "user" })
        : await listAgents({ dir: context.dir, configDir: context.configDir, userScope: context.userScope });
      context.output(result, () => {
        if (result.agents.length === 0) return "no agents (add one with `agentreg add senior-backend-engineer`, or find one with `agentreg search`)\n";
        return result.agents
          .map((agent) => {
            const state = agent.state === "ok" ? "" : `  [${agent.state}]`;
            const shadowed = agent.shadowed ? "  [shadowed by the project agent]" : "";
            return `${agent.scope.padEnd(7)}  ${escapeValue(agent.key)}@${escapeValue(agent.version ?? "-")}  ${escapeValue(agent.range ?? "-")}  ${escapeValue(agent.registry ?? "-")}  ${agent.scope === "user" ? "~/" : ""}${escapeValue(agent.path)}${state}${shadowed}\n`;
          })
          .join("");
      });
    });
}
