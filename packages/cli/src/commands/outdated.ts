import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerOutdated(program: Command): void {
  program
    .command("outdated")
    .description("show each agent's locked, wanted (highest in range) and latest version")
    .addHelpText("after", examples(["agentreg outdated", "agentreg outdated --json", "agentreg outdated -g"]))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { findOutdatedAgents } = await import("@agentreg/sdk");
      const result = await findOutdatedAgents({
        dir: context.dir,
        configDir: context.configDir,
        ...(context.registry === undefined ? {} : { registry: context.registry }),
        network: context.network,
      });
      context.output(result, () => {
        const rows = result.agents.filter((agent) => agent.outdated || agent.note !== undefined);
        if (rows.length === 0) return result.agents.length === 0 ? "no agents\n" : "all agents are up to date\n";
        const table = [["agent", "current", "wanted", "latest"], ...rows.map((a) => [a.key, a.current ?? "-", a.wanted ?? "-", a.latest ?? "-"].map(escapeValue))];
        const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0))) ?? [];
        const notes = rows.flatMap((a) => (a.note === undefined ? [] : [`note: ${escapeValue(a.key)}: ${escapeValue(a.note)}`]));
        return `${[...table.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd()), ...notes].join("\n")}\n`;
      });
    });
}
