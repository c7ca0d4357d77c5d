import type { AgentChange, InstallEvent } from "@agentreg/sdk";
import type { CommandContext } from "../context.js";
import { escapeTerminal } from "./escape-terminal.js";

/**
 * One line per agent: `+ name@1.0.0 -> .claude/agents/name.md (tools: all)`, sorted by name.
 * Type-only import: rendering must not load the SDK.
 */
export function renderChanges(agents: AgentChange[], options: { dryRun: boolean }): string {
  if (agents.length === 0) return "nothing to install\n";
  const verb: Record<AgentChange["action"], string> = { added: "+", updated: "↑", installed: "✓", unchanged: "=", removed: "-" };
  const lines = [...agents]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((agent) => {
      const from = agent.previousVersion ? ` (was ${agent.previousVersion})` : "";
      const tools = agent.tools === undefined ? "" : ` (tools: ${agent.tools === "all" ? "all" : agent.tools.join(", ") || "none"})`;
      return `${verb[agent.action]} ${escapeTerminal(agent.key)}@${agent.version}${from} -> ${agent.path}${tools}`;
    });
  if (options.dryRun) lines.push("dry run: nothing was written");
  return `${lines.join("\n")}\n`;
}

/** Warnings the installer reports while it works: deprecated and yanked versions. */
export function renderInstallEvent(context: CommandContext, event: InstallEvent): void {
  if (event.type === "deprecated") context.note(`warning: ${escapeTerminal(event.key)}@${event.version} is deprecated: ${escapeTerminal(event.message)}`);
  if (event.type === "text-warning") context.note(`warning: ${escapeTerminal(event.key)}@${event.version} ${escapeTerminal(event.message)}`);
  if (event.type === "yanked") context.note(`warning: ${escapeTerminal(event.key)}@${event.version} was yanked from its registry; installed from the lockfile`);
}
