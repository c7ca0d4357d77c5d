/**
 * Tool names Claude Code has shipped, for the `tool-unknown` warning and its "did you mean". The
 * list is generous on purpose: it includes tools later renamed or folded into others (`LS`,
 * `MultiEdit`, `NotebookRead`, `KillBash`), since collections still name them and a name Claude Code
 * ignores costs nothing. What the warning is for is the typo (`Bsh`, `grep`) that silently drops a
 * tool the author meant to grant or to deny. New tools appear faster than releases: an unknown name
 * is a warning, never an error.
 */
export const CLAUDE_CODE_TOOLS = [
  "Agent",
  "AskUserQuestion",
  "Bash",
  "BashOutput",
  "CronCreate",
  "CronDelete",
  "CronList",
  "Edit",
  "EnterPlanMode",
  "EnterWorktree",
  "ExitPlanMode",
  "ExitWorktree",
  "Glob",
  "Grep",
  "KillBash",
  "KillShell",
  "LS",
  "LSP",
  "ListMcpResourcesTool",
  "Monitor",
  "MultiEdit",
  "NotebookEdit",
  "NotebookRead",
  "PowerShell",
  "Read",
  "ReadMcpResourceTool",
  "SendMessage",
  "Skill",
  "SlashCommand",
  "Task",
  "TaskCreate",
  "TaskGet",
  "TaskList",
  "TaskOutput",
  "TaskStop",
  "TaskUpdate",
  "TodoRead",
  "TodoWrite",
  "ToolSearch",
  "WebFetch",
  "WebSearch",
  "Write",
] as const;

/**
 * The tool a `tools` or `disallowedTools` entry names, or `undefined` when it names no built-in tool
 * by design: `*`, and MCP tools (`mcp__server__tool`), whose names belong to their servers.
 * A permission rule names its tool before the parenthesis: `Bash(git diff:*)` is `Bash`.
 *
 * @example
 * toolOfEntry("Bash(git diff:*)");      // "Bash"
 * toolOfEntry("mcp__github__get_issue"); // undefined
 */
export function toolOfEntry(entry: string): string | undefined {
  const tool = entry.split("(", 1)[0]?.trim() ?? "";
  if (tool === "" || tool === "*" || tool.startsWith("mcp__")) return undefined;
  return tool;
}

/**
 * The entries of a `tools` value as Claude Code splits a string: at commas and spaces outside
 * parentheses (`Read, Grep` and `Read Grep` are two tools; `Bash(git diff:*)` is one). A list's
 * items are split the same way. Values of another shape hold no entries.
 *
 * @example
 * splitToolEntries("Read, Bash(git diff:*) Grep"); // ["Read", "Bash(git diff:*)", "Grep"]
 */
export function splitToolEntries(value: unknown): string[] {
  const items = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  const entries: string[] = [];
  for (const item of items) {
    let current = "";
    let depth = 0;
    for (const char of item) {
      if (char === "(") depth++;
      if (char === ")") depth = Math.max(0, depth - 1);
      if (depth === 0 && (char === "," || char === " ")) {
        if (current.trim() !== "") entries.push(current.trim());
        current = "";
      } else current += char;
    }
    if (current.trim() !== "") entries.push(current.trim());
  }
  return entries;
}
