import type { PackumentVersion, RegistryIndexEntry } from "../registry/protocol.js";
import { escapeHtml } from "./escape-html.js";

/** What a reader weighs before installing an agent: what it may do, and with which model. */
export interface AgentFacts {
  /** `"all"` when the agent has no `tools` line and so inherits every tool. */
  tools: "all" | readonly string[];
  model: string | undefined;
  permissionMode: string | undefined;
  hooks: boolean;
  mcpServers: boolean;
}

/** The facts of one version, from the index entry (tools, model) and the version's frontmatter. */
export function agentFacts(entry: Pick<RegistryIndexEntry, "tools" | "model">, version: PackumentVersion | undefined): AgentFacts {
  const frontmatter = version?.frontmatter ?? {};
  const present = (key: string): boolean => frontmatter[key] !== undefined && frontmatter[key] !== null;
  const permissionMode = frontmatter["permissionMode"];
  return {
    tools: entry.tools,
    model: entry.model,
    permissionMode: typeof permissionMode === "string" ? permissionMode : present("permissionMode") ? String(permissionMode) : undefined,
    hooks: present("hooks"),
    mcpServers: present("mcpServers"),
  };
}

/**
 * The grants as HTML: each tool by name, and a warning badge for everything that widens what the
 * agent may do beyond a tool list (every tool, its own permission mode, hooks, MCP servers).
 */
export function renderGrants(facts: AgentFacts): string {
  const parts: string[] = [];
  if (facts.tools === "all") parts.push(`<span class="badge warn" title="No tools line: the agent inherits every tool, MCP tools included">all tools</span>`);
  else if (facts.tools.length === 0) parts.push(`<span class="muted">no tools</span>`);
  else parts.push(facts.tools.map((tool) => `<code>${escapeHtml(tool)}</code>`).join(", "));
  if (facts.permissionMode !== undefined) parts.push(`<span class="badge warn">permissionMode: ${escapeHtml(facts.permissionMode)}</span>`);
  if (facts.hooks) parts.push(`<span class="badge warn" title="Runs commands on Claude Code events">hooks</span>`);
  if (facts.mcpServers) parts.push(`<span class="badge warn" title="Starts or connects to MCP servers of its own">mcpServers</span>`);
  return parts.join(" ");
}

/** The model as HTML: the frontmatter's value, or what Claude Code uses without one. */
export function renderModel(model: string | undefined): string {
  return model === undefined ? `<span class="muted">inherit</span>` : `<code>${escapeHtml(model)}</code>`;
}
