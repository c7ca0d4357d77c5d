import type { AgentDefinition } from "../agent/agent-definition.js";

/** The targets whose files list an agent's tools one by one. */
export type ListTarget = "opencode" | "copilot" | "gemini" | "qwen";

/**
 * One tool (or permission) of a target and the Claude Code tools it stands for. The target's tool is
 * granted only when the agent has every Claude tool of one of `requires`: a target tool that can do
 * more than the grant (OpenCode's `edit` also writes new files) is left out, so a translated agent
 * is only ever narrowed, never widened.
 */
export interface TargetTool {
  name: string;
  requires: ReadonlyArray<readonly string[]>;
}

/** Tool lists by target; docs/targets.md is generated from these tables. */
export const TARGET_TOOLS: Readonly<Record<ListTarget, readonly TargetTool[]>> = {
  // OpenCode permission keys (permission.ts); `edit` gates edit, write and patch alike.
  opencode: [
    { name: "read", requires: [["Read"]] },
    { name: "grep", requires: [["Grep"]] },
    { name: "glob", requires: [["Glob"]] },
    { name: "list", requires: [["Glob"], ["LS"]] },
    { name: "edit", requires: [["Edit", "Write"]] },
    { name: "bash", requires: [["Bash"]] },
    { name: "webfetch", requires: [["WebFetch"]] },
    { name: "websearch", requires: [["WebSearch"]] },
    { name: "task", requires: [["Task"], ["Agent"]] },
    { name: "todowrite", requires: [["TodoWrite"]] },
    { name: "skill", requires: [["Skill"]] },
    { name: "lsp", requires: [["LSP"]] },
  ],
  // Copilot's tool aliases (custom-agents-configuration.md): one alias covers several Claude tools.
  copilot: [
    { name: "read", requires: [["Read"]] },
    { name: "edit", requires: [["Edit", "Write"]] },
    { name: "search", requires: [["Grep", "Glob"]] },
    { name: "execute", requires: [["Bash"]] },
    { name: "web", requires: [["WebFetch", "WebSearch"]] },
    { name: "agent", requires: [["Task"], ["Agent"]] },
    { name: "todo", requires: [["TodoWrite"]] },
  ],
  // Gemini CLI's built-in tools (tool-names.ts); a name it does not know fails the whole file.
  gemini: [
    { name: "read_file", requires: [["Read"]] },
    { name: "read_many_files", requires: [["Read"]] },
    { name: "grep_search", requires: [["Grep"]] },
    { name: "glob", requires: [["Glob"]] },
    { name: "list_directory", requires: [["Glob"], ["LS"]] },
    { name: "replace", requires: [["Edit"]] },
    { name: "write_file", requires: [["Write"]] },
    { name: "run_shell_command", requires: [["Bash"]] },
    { name: "web_fetch", requires: [["WebFetch"]] },
    { name: "google_web_search", requires: [["WebSearch"]] },
    { name: "write_todos", requires: [["TodoWrite"]] },
  ],
  // Qwen Code's built-in tools (tool-names.ts); it takes Claude's Grep or Edit as aliases, not Read, Write or Bash.
  qwen: [
    { name: "read_file", requires: [["Read"]] },
    { name: "grep_search", requires: [["Grep"]] },
    { name: "glob", requires: [["Glob"]] },
    { name: "list_directory", requires: [["Glob"], ["LS"]] },
    { name: "edit", requires: [["Edit"]] },
    { name: "write_file", requires: [["Write"]] },
    { name: "run_shell_command", requires: [["Bash"]] },
    { name: "web_fetch", requires: [["WebFetch"]] },
    { name: "web_search", requires: [["WebSearch"]] },
    { name: "todo_write", requires: [["TodoWrite"]] },
    { name: "agent", requires: [["Task"], ["Agent"]] },
    { name: "notebook_edit", requires: [["NotebookEdit"]] },
    { name: "skill", requires: [["Skill"]] },
    { name: "lsp", requires: [["LSP"]] },
  ],
};

/** How an MCP tool grant (`mcp__server__tool`) is written for a target, if the target has MCP tools. */
export const MCP_TOOL_NAMES: Readonly<Record<ListTarget, ((server: string, tool: string) => string) | undefined>> = {
  // OpenCode names MCP tools `<server>_<tool>` and takes them as permission keys.
  opencode: (server, tool) => `${server}_${tool}`,
  copilot: (server, tool) => `${server}/${tool}`,
  gemini: (server, tool) => `mcp_${server}_${tool}`,
  // Qwen Code's names for MCP tools were not confirmed in its source: such grants are left out.
  qwen: undefined,
};

/** The Claude tools an agent with every tool has, for `disallowedTools` to take from. */
const EVERY_TOOL = ["Read", "Grep", "Glob", "LS", "Edit", "Write", "Bash", "WebFetch", "WebSearch", "Task", "Agent", "TodoWrite", "Skill", "LSP"];

/** What an agent's tools become for a target with a tool list. */
export interface TranslatedGrants {
  /** `all` when the agent has every tool and the target can say so; else the target's names. */
  tools: string[] | "all";
  /** Claude grants the target file leaves out, each with why. */
  dropped: Array<{ grant: string; why: string }>;
}

/**
 * An agent's tool grants in a target's names. A tool granted with a rule (`Bash(git diff:*)`) is a
 * narrower grant than the target's tool, so it is left out; so is an MCP tool on a target that names
 * none, and a Claude tool no target tool stands for alone.
 *
 * @example
 * translateGrants({ tools: ["Read", "Grep", "Glob"], disallowedTools: [] }, "copilot").tools; // ["read", "search"]
 */
export function translateGrants(agent: Pick<AgentDefinition, "tools" | "disallowedTools">, target: ListTarget): TranslatedGrants {
  if (agent.tools === "all" && agent.disallowedTools.length === 0) return { tools: "all", dropped: [] };
  const dropped: TranslatedGrants["dropped"] = [];
  const entries = agent.tools === "all" ? EVERY_TOOL.filter((tool) => !agent.disallowedTools.includes(tool)) : agent.tools;
  if (agent.tools === "all") dropped.push({ grant: "every tool", why: `disallowedTools is set, so only the tools agentreg knows are listed (${entries.join(", ")}); MCP and new tools are left out` });
  const granted = new Set<string>();
  const mcp: string[] = [];
  for (const entry of entries) {
    if (entry.includes("(")) dropped.push({ grant: entry, why: "a tool limited by a rule; the target's tool would allow more" });
    else if (entry.startsWith("mcp__")) {
      const [, server = "", ...tool] = entry.split("__");
      const name = MCP_TOOL_NAMES[target];
      if (name && server !== "" && tool.length > 0) mcp.push(name(server, tool.join("__")));
      else dropped.push({ grant: entry, why: "the target names no MCP tools" });
    } else granted.add(entry);
  }
  const tools = TARGET_TOOLS[target].filter((tool) => tool.requires.some((set) => set.every((claude) => granted.has(claude))));
  const used = new Set(tools.flatMap((tool) => tool.requires.filter((set) => set.every((claude) => granted.has(claude))).flat()));
  for (const tool of granted) {
    if (used.has(tool)) continue;
    const partOf = TARGET_TOOLS[target].find((candidate) => candidate.requires.some((set) => set.includes(tool)));
    dropped.push({
      grant: tool,
      why: partOf ? `the target's ${partOf.name} also needs ${partOf.requires.map((set) => set.join(" and ")).join(" or ")}` : "the target has no such tool",
    });
  }
  return { tools: [...tools.map((tool) => tool.name), ...mcp], dropped };
}

/** Whether an agent may change files and run commands: what a target without a tool list can express. */
export function grantsWriting(agent: Pick<AgentDefinition, "tools" | "disallowedTools">): boolean {
  const has = (tool: string): boolean => (agent.tools === "all" ? !agent.disallowedTools.includes(tool) : agent.tools.includes(tool));
  return has("Edit") && has("Write") && has("Bash");
}
