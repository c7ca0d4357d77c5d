import type { AgentChange } from "@agentreg/sdk";
import { escapeValue } from "./escape-terminal.js";

/** The SDK's `AgentGrants`, reached through a type the SDK's public door already exports. */
type AgentGrants = NonNullable<AgentChange["grants"]>;

/**
 * An agent's grants as lines named like the frontmatter fields a reviewer would look for in the file:
 * `tools: Read, Grep`, `disallowedTools: Write`, `permissionMode: plan`, `mcpServers: github`,
 * `hooks: PreToolUse`. Only `tools` is always there (`allTools` when the file has no tools line);
 * every name is escaped. Type-only SDK import: rendering must not load the SDK.
 *
 * @example
 * grantLines({ tools: "all", disallowedTools: ["Write"], mcpServers: [], hooks: [] }); // ["tools: all", "disallowedTools: Write"]
 */
export function grantLines(grants: AgentGrants, allTools = "all"): string[] {
  const names = (list: string[]): string => list.map(escapeValue).join(", ");
  const lines = [`tools: ${grants.tools === "all" ? allTools : names(grants.tools) || "none"}`];
  if (grants.disallowedTools.length > 0) lines.push(`disallowedTools: ${names(grants.disallowedTools)}`);
  if (grants.permissionMode !== undefined) lines.push(`permissionMode: ${escapeValue(grants.permissionMode)}`);
  if (grants.mcpServers.length > 0) lines.push(`mcpServers: ${names(grants.mcpServers)}`);
  if (grants.hooks.length > 0) lines.push(`hooks: ${names(grants.hooks)}`);
  return lines;
}
