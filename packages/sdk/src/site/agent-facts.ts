import { interpretAgent } from "../agent/agent-definition.js";
import { listGrants } from "../agent/permission-widening.js";
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

/**
 * The facts of one version, read from its frontmatter as the permission gate reads grants
 * (`listGrants`: a hooks block that runs no command grants nothing); the index entry's tools and
 * model when the frontmatter is not an agent (a program's own documents).
 */
export function agentFacts(entry: Pick<RegistryIndexEntry, "tools" | "model">, version: PackumentVersion | undefined): AgentFacts {
  const interpreted = version === undefined ? undefined : interpretAgent(version.frontmatter);
  if (!interpreted?.ok) return { tools: entry.tools, model: entry.model, permissionMode: undefined, hooks: false, mcpServers: false };
  const grants = listGrants(interpreted.agent);
  return { tools: grants.tools, model: interpreted.agent.model, permissionMode: grants.permissionMode, hooks: grants.hooks.length > 0, mcpServers: grants.mcpServers.length > 0 };
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
