import type { AgentChange, InstallEvent } from "@agentreg/sdk";
import type { CommandContext } from "../context.js";
import { escapeTerminal, escapeValue } from "./escape-terminal.js";
import { grantLines } from "./render-grants.js";

/**
 * One line per agent: `+ name@1.0.0 -> .claude/agents/name.md (tools: all)`, sorted by name. The
 * grants are those of the bytes the command fetched, read by the SDK from the file itself.
 * Type-only import: rendering must not load the SDK.
 */
export function renderChanges(agents: AgentChange[], options: { dryRun: boolean; showPath?: (path: string) => string }): string {
  const showPath = options.showPath ?? escapeValue;
  if (agents.length === 0) return "nothing to install\n";
  const verb: Record<AgentChange["action"], string> = { added: "+", updated: "↑", installed: "✓", unchanged: "=", removed: "-" };
  const lines = [...agents]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((agent) => {
      const from = agent.previousVersion ? ` (was ${escapeValue(agent.previousVersion)})` : "";
      const grants = agent.grants
        ? ` (${grantLines(agent.grants).join("; ")})`
        : agent.unloadable
          ? ` (Claude Code loads nothing from it: ${escapeValue(agent.unloadable)})`
          : "";
      return `${verb[agent.action]} ${escapeValue(agent.key)}@${escapeValue(agent.version)}${from} -> ${showPath(agent.path)}${grants}`;
    });
  if (options.dryRun) lines.push("dry run: nothing was written");
  return `${lines.join("\n")}\n`;
}

/** Warnings the installer reports while it works: deprecated and yanked versions. */
export function renderInstallEvent(context: CommandContext, event: InstallEvent): void {
  if (event.type === "deprecated") context.note(`warning: ${subject(event)} is deprecated: ${escapeTerminal(event.message)}`);
  if (event.type === "text-warning") context.note(`warning: ${subject(event)} ${escapeTerminal(event.message)}`);
  if (event.type === "translated") context.note(`note: ${subject(event)} for ${escapeTerminal(event.target)}: ${escapeTerminal(event.field)}: ${escapeTerminal(event.message)}`);
  if (event.type === "yanked") context.note(`warning: ${subject(event)} was yanked from its registry; installed from the lockfile`);
}

function subject(event: { key: string; version: string }): string {
  return `${escapeValue(event.key)}@${escapeValue(event.version)}`;
}
