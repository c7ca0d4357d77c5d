import { KNOWN_FRONTMATTER_FIELDS } from "./frontmatter-schema.js";

/** The colours Claude Code shows an agent in; any other `color` is dropped. */
export const AGENT_COLORS = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"] as const;

export type AgentColor = (typeof AGENT_COLORS)[number];

/** An agent as Claude Code holds it after reading the frontmatter (DESIGN §1 step 4). */
export interface AgentDefinition {
  name: string;
  /** With every literal `\n` turned into a newline. */
  description: string;
  /** The granted tools, or `"all"` when `tools` is missing or contains `*`. */
  tools: string[] | "all";
  disallowedTools: string[];
  model?: string;
  /** Only one of `AGENT_COLORS`; anything else is dropped, as Claude Code does. */
  color?: string;
  permissionMode?: string;
  skills?: string[];
  mcpServers?: unknown;
  hooks?: unknown;
  /** Fields Claude Code does not know, kept as parsed. */
  extra: Record<string, unknown>;
}

export type InterpretAgentResult =
  | { ok: true; agent: AgentDefinition }
  | { ok: false; ruleId: "name-missing" | "name-invalid" | "description-missing"; message: string };

/**
 * Turns parsed frontmatter into the agent Claude Code would load, or says why Claude Code would
 * skip the file. It is lenient where Claude Code is lenient: schema problems are the validator's
 * business, not this function's.
 *
 * @example
 * const result = interpretAgent({ name: "reviewer", description: "Reviews code.\\nThoroughly.", tools: "Read, Grep" });
 * if (result.ok) console.log(result.agent.tools); // ["Read", "Grep"]
 */
export function interpretAgent(data: Record<string, unknown>): InterpretAgentResult {
  const { name, description } = data;
  if (name === undefined || name === null || name === "") {
    return { ok: false, ruleId: "name-missing", message: "the frontmatter has no `name`; Claude Code skips this file" };
  }
  if (typeof name !== "string") {
    return {
      ok: false,
      ruleId: "name-invalid",
      message: `\`name\` is ${describe(name)}, not a string; Claude Code skips this file`,
    };
  }
  // Claude Code tests `description` for presence, so an empty string is as good as missing.
  if (description === undefined || description === null || description === "") {
    return {
      ok: false,
      ruleId: "description-missing",
      message: "the frontmatter has no `description`; Claude Code skips this file",
    };
  }

  const agent: AgentDefinition = {
    name,
    description: textOf(description).replaceAll("\\n", "\n"),
    tools: toolGrant(data.tools),
    disallowedTools: listOf(data.disallowedTools) ?? [],
    extra: Object.fromEntries(
      Object.entries(data).filter(([key]) => !(KNOWN_FRONTMATTER_FIELDS as readonly string[]).includes(key)),
    ),
  };
  if (typeof data.model === "string") agent.model = data.model;
  if (typeof data.color === "string" && (AGENT_COLORS as readonly string[]).includes(data.color)) agent.color = data.color;
  if (typeof data.permissionMode === "string") agent.permissionMode = data.permissionMode;
  const skills = listOf(data.skills);
  if (skills !== undefined) agent.skills = skills;
  if (data.mcpServers !== undefined) agent.mcpServers = data.mcpServers;
  if (data.hooks !== undefined) agent.hooks = data.hooks;
  return { ok: true, agent };
}

/**
 * A missing `tools` inherits every tool. An explicit empty list grants none, which is what Claude
 * Code's spawn path does (anthropics/claude-code#82562), so `[]` is kept as `[]`.
 */
function toolGrant(value: unknown): string[] | "all" {
  const tools = listOf(value);
  if (tools === undefined || tools.includes("*")) return "all";
  return tools;
}

/** A comma-separated string or a list, trimmed, without empty entries. */
function listOf(value: unknown): string[] | undefined {
  if (typeof value === "string") return value.split(",").map((item) => item.trim()).filter((item) => item !== "");
  if (Array.isArray(value)) return value.map((item) => textOf(item).trim()).filter((item) => item !== "");
  return undefined;
}

/** YAML turns `description: 42` into a number; Claude Code would show it as text. */
function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value) ?? "";
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `the ${typeof value} ${String(value)}`;
}
