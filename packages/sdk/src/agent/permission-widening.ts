import { stringifyStable } from "../stable-json.js";
import type { AgentDefinition } from "./agent-definition.js";
import { checkArgument } from "../check-arguments.js";

/** The ways a new version of an agent can hold more power than the old one, in report order. */
export type WideningKind =
  | "tools-added"
  | "tools-all"
  | "disallowed-removed"
  | "permission-mode"
  | "mcp-servers-added"
  | "hooks-added"
  | "model-changed"
  // Not found by `findWidenings`: the gate reports it when one side's file cannot be read, because an
  // update whose grants cannot be compared cannot be shown not to widen them.
  | "unreadable";

/** One way a new version grants more than the old one, with a one-line message for people. */
export interface Widening {
  kind: WideningKind;
  message: string;
}

/** Entries by name (a server or a hook event), each a set of stable-JSON definitions. */
type Entries = Map<string, Set<string>>;

/**
 * Lists every way `after` grants more than `before`, ordered by kind as `WideningKind` lists them.
 * An update that only narrows (fewer tools, more disallowed tools, fewer servers or hooks) yields
 * nothing, so an empty result means the update is safe to take without a second look.
 *
 * @example
 * const before = interpretAgent({ name: "reviewer", description: "Reviews.", tools: "Read", model: "sonnet" });
 * const after = interpretAgent({ name: "reviewer", description: "Reviews.", tools: "Read, Bash", model: "opus" });
 * if (before.ok && after.ok) findWidenings(before.agent, after.agent);
 * // [{ kind: "tools-added", message: "adds tools: Bash" },
 * //  { kind: "model-changed", message: "changes model: sonnet → opus" }]
 */
export function findWidenings(before: AgentDefinition, after: AgentDefinition): Widening[] {
  checkArgument("findWidenings", "before", before, "agent");
  checkArgument("findWidenings", "after", after, "agent");
  const widenings: Widening[] = [];
  const report = (kind: WideningKind, message: string): void => void widenings.push({ kind, message });

  // From "all" nothing can be added, so only a restricted `before` can widen its tool list.
  if (before.tools !== "all") {
    if (after.tools === "all") {
      report("tools-all", "removes the tools line (grants every tool)");
    } else {
      const added = missing(after.tools, before.tools);
      if (added.length > 0) report("tools-added", `adds tools: ${list(added)}`);
    }
  }

  const allowed = missing(before.disallowedTools, after.disallowedTools);
  if (allowed.length > 0) report("disallowed-removed", `allows previously disallowed tools: ${list(allowed)}`);

  // Any change counts, even to `plan`: a mode is a policy, and a reviewer should see every switch.
  if (before.permissionMode !== after.permissionMode) {
    report(
      "permission-mode",
      `changes permissionMode: ${shown(before.permissionMode ?? "(none)")} → ${shown(after.permissionMode ?? "(none)")}`,
    );
  }

  const servers = added(mcpServerEntries(before.mcpServers), mcpServerEntries(after.mcpServers));
  if (servers.length > 0) report("mcp-servers-added", `adds mcpServers: ${list(servers)}`);

  const events = added(hookEntries(before.hooks), hookEntries(after.hooks));
  if (events.length > 0) report("hooks-added", `adds hooks: ${list(events)}`);

  // Claude Code runs an agent without `model` on the main conversation's model, exactly like
  // `model: inherit`, so moving between the two changes nothing.
  const fromModel = before.model ?? "inherit";
  const toModel = after.model ?? "inherit";
  if (fromModel !== toModel) {
    report("model-changed", `changes model: ${modelName(before.model)} → ${modelName(after.model)}`);
  }

  return widenings;
}

/**
 * One line for an update that widens an agent's grants, for logs and `outdated`/`update` output.
 * Returns an empty string when there is nothing to report, so callers can drop it with a filter.
 *
 * @example
 * formatWidenings("senior-backend-engineer", "1.0.0", "1.1.0", [
 *   { kind: "tools-added", message: "adds tools: Bash" },
 *   { kind: "model-changed", message: "changes model: sonnet → opus" },
 * ]);
 * // "widen senior-backend-engineer 1.0.0 → 1.1.0 adds tools: Bash; changes model: sonnet → opus"
 */
export function formatWidenings(name: string, fromVersion: string, toVersion: string, widenings: Widening[]): string {
  if (widenings.length === 0) return "";
  return `widen ${name} ${fromVersion} → ${toVersion} ${widenings.map((widening) => widening.message).join("; ")}`;
}

/**
 * What an agent file lets the agent do, named as its frontmatter names it, for people to review
 * (`info`, install summaries). Read it from the file itself: registry metadata can claim anything.
 */
export interface AgentGrants {
  /** `"all"` when the file has no `tools` line (or one with `*`): the agent inherits every tool. */
  tools: string[] | "all";
  disallowedTools: string[];
  permissionMode?: string;
  /** The MCP servers it names or defines, by name, in file order. */
  mcpServers: string[];
  /** The hook events it runs commands on, in file order; an event with no command grants nothing. */
  hooks: string[];
}

/**
 * Lists every grant-like field of an agent. Lists keep the order the agent file gives them, because
 * this describes one file rather than a difference; values are raw, for the caller to escape.
 *
 * @example
 * const result = interpretAgent({ name: "reviewer", description: "Reviews.", mcpServers: ["github"], hooks: { Stop: [{ hooks: [{ type: "command", command: "./lint.sh" }] }] } });
 * if (result.ok) listGrants(result.agent);
 * // { tools: "all", disallowedTools: [], mcpServers: ["github"], hooks: ["Stop"] }
 */
export function listGrants(agent: AgentDefinition): AgentGrants {
  checkArgument("listGrants", "agent", agent, "agent");
  return {
    tools: agent.tools,
    disallowedTools: agent.disallowedTools,
    ...(agent.permissionMode === undefined ? {} : { permissionMode: agent.permissionMode }),
    mcpServers: [...mcpServerEntries(agent.mcpServers).keys()],
    hooks: [...hookEntries(agent.hooks).keys()],
  };
}

/**
 * Summarises {@link listGrants} on one line, with control and bidi characters shown as escapes.
 *
 * @example
 * const result = interpretAgent({ name: "reviewer", description: "Reviews.", tools: "Read, Grep", permissionMode: "plan" });
 * if (result.ok) describeGrants(result.agent); // "tools: Read, Grep; permissionMode: plan"
 */
export function describeGrants(agent: AgentDefinition): string {
  checkArgument("describeGrants", "agent", agent, "agent");
  const grants = listGrants(agent);
  const tools = grants.tools === "all" ? "all" : grants.tools.length === 0 ? "none" : grants.tools.map(shown).join(", ");
  const parts = [`tools: ${tools}`];
  if (grants.disallowedTools.length > 0) parts.push(`disallowedTools: ${grants.disallowedTools.map(shown).join(", ")}`);
  if (grants.permissionMode !== undefined) parts.push(`permissionMode: ${shown(grants.permissionMode)}`);
  if (grants.mcpServers.length > 0) parts.push(`mcpServers: ${grants.mcpServers.map(shown).join(", ")}`);
  if (grants.hooks.length > 0) parts.push(`hooks: ${grants.hooks.map(shown).join(", ")}`);
  return parts.join("; ");
}

/** The distinct entries of `next` that `previous` lacks, compared exactly, as Claude Code does. */
function missing(next: readonly string[], previous: readonly string[]): string[] {
  const known = new Set(previous);
  return [...new Set(next)].filter((entry) => !known.has(entry));
}

/** Names with a definition in `next` that `previous` did not have under that name. */
function added(previous: Entries, next: Entries): string[] {
  return [...next]
    .filter(([name, definitions]) => [...definitions].some((definition) => !previous.get(name)?.has(definition)))
    .map(([name]) => name);
}

/**
 * Claude Code takes `mcpServers` as a list of server names (references to servers the user already
 * configured) and `{ name: config }` inline definitions; a mapping of names to configs is read the
 * same way. A changed config under a known name counts as new: it may start a different program.
 */
function mcpServerEntries(value: unknown): Entries {
  const entries: Entries = new Map();
  if (value === undefined || value === null) return entries;
  if (isRecord(value)) {
    for (const [name, config] of Object.entries(value)) put(entries, name, config);
    return entries;
  }
  for (const item of Array.isArray(value) ? value : [value]) {
    if (isRecord(item) && typeof item.name === "string") put(entries, item.name, item);
    else if (isRecord(item) && Object.keys(item).length === 1) {
      const [name, config] = Object.entries(item)[0] ?? ["", undefined];
      put(entries, name, config);
    } else if (typeof item === "string") put(entries, item, item);
    // Anything else Claude Code cannot name; keying it by its JSON keeps it visible, not dropped.
    else put(entries, JSON.stringify(item) ?? String(item), item);
  }
  return entries;
}

/**
 * Hooks are `{ Event: [{ matcher, hooks: [command, …] }] }`. Each command is taken with its
 * group's other fields, so dropping one command from a group does not make the rest look new, and
 * an event with no commands, which runs nothing, grants nothing.
 */
function hookEntries(value: unknown): Entries {
  const entries: Entries = new Map();
  if (!isRecord(value)) return entries;
  for (const [event, groups] of Object.entries(value)) {
    for (const group of Array.isArray(groups) ? groups : [groups]) {
      if (isRecord(group) && Array.isArray(group.hooks)) {
        const { hooks, ...rest } = group;
        for (const hook of hooks as unknown[]) put(entries, event, [rest, hook]);
      } else if (group !== undefined && group !== null) {
        put(entries, event, group);
      }
    }
  }
  return entries;
}

function put(entries: Entries, name: string, definition: unknown): void {
  const definitions = entries.get(name) ?? new Set<string>();
  definitions.add(stringifyStable(definition));
  entries.set(name, definitions);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function modelName(model: string | undefined): string {
  return model === undefined ? "(inherit)" : shown(model);
}

/** Sorted, so the same update always prints the same line. */
function list(names: readonly string[]): string {
  return [...names].sort().map(shown).join(", ");
}

/**
 * Agent files are untrusted text headed for a terminal. Control characters and bidirectional
 * overrides could hide or reorder the very warning meant to expose a widening (CVE-2021-42574), and
 * a zero-width character makes `Bash\u200b` look like a tool already granted, so every character
 * that is not shown as itself (the class `escapeInvisible` reports) is shown as an escape.
 */
function shown(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/gu, (char) => `\\u{${char.codePointAt(0)?.toString(16)}}`);
}
