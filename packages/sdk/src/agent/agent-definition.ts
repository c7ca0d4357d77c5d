import { checkClaudeCodeName } from "./agent-name.js";
import { KNOWN_FRONTMATTER_FIELDS } from "./frontmatter-fields.js";
import { checkArgument } from "../check-arguments.js";

/** The colours Claude Code shows an agent in; any other `color` is dropped. */
export const AGENT_COLORS = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"] as const;

export type AgentColor = (typeof AGENT_COLORS)[number];

/** The longest `name` Claude Code accepts, in UTF-16 units (2.1.332); a longer one skips the file. */
export const MAX_CLAUDE_CODE_NAME_LENGTH = 256;

/** An agent as Claude Code holds it after reading the frontmatter (DESIGN §1 steps 4 and 5). */
export interface AgentDefinition {
  name: string;
  /** With every literal `\n` turned into a newline. */
  description: string;
  /** The granted tools, or `"all"` when `tools` is missing or contains `*`. */
  tools: string[] | "all";
  disallowedTools: string[];
  /** Trimmed; `inherit` in any case is `inherit`; a blank or non-string `model` is no model. */
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
  | { ok: false; ruleId: "name-missing" | "name-invalid" | "description-missing" | "description-invalid"; message: string };

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
  checkArgument("interpretAgent", "data", data, "object");
  const { name, description } = data;
  // The checks and their order are Claude Code's (2.1.332): a falsy or non-string `name`, then its
  // form, then a falsy or non-string `description`.
  if (!name) return { ok: false, ruleId: "name-missing", message: "the frontmatter has no `name`; Claude Code skips this file" };
  if (typeof name !== "string") {
    return {
      ok: false,
      ruleId: "name-invalid",
      message: `\`name\` is ${describe(name)}, not a string; Claude Code skips this file`,
    };
  }
  const refused =
    name.length > MAX_CLAUDE_CODE_NAME_LENGTH
      ? `"${name.slice(0, 32)}…" is ${name.length} characters long, over Claude Code's ${MAX_CLAUDE_CODE_NAME_LENGTH}`
      : checkClaudeCodeName(name);
  if (refused !== undefined) return { ok: false, ruleId: "name-invalid", message: `invalid agent name: ${refused}; Claude Code skips this file` };
  // Claude Code tests `description` for presence first, so an empty string, like `false`, is missing.
  if (!description) {
    return {
      ok: false,
      ruleId: "description-missing",
      message: "the frontmatter has no `description`; Claude Code skips this file",
    };
  }
  if (typeof description !== "string") {
    return {
      ok: false,
      ruleId: "description-invalid",
      message: `\`description\` is ${describe(description)}, not a string; Claude Code skips this file`,
    };
  }

  const agent: AgentDefinition = {
    name,
    description: description.replaceAll("\\n", "\n"),
    tools: toolGrant(data.tools),
    disallowedTools: listOf(data.disallowedTools) ?? [],
    extra: Object.fromEntries(
      Object.entries(data).filter(([key]) => !(KNOWN_FRONTMATTER_FIELDS as readonly string[]).includes(key)),
    ),
  };
  const model = modelOf(data.model);
  if (model !== undefined) agent.model = model;
  if (typeof data.color === "string" && (AGENT_COLORS as readonly string[]).includes(data.color)) agent.color = data.color;
  if (typeof data.permissionMode === "string") agent.permissionMode = data.permissionMode;
  const skills = listOf(data.skills);
  if (skills !== undefined) agent.skills = skills;
  if (data.mcpServers !== undefined) agent.mcpServers = data.mcpServers;
  if (data.hooks !== undefined) agent.hooks = data.hooks;
  return { ok: true, agent };
}

/** Claude Code trims `model` and reads `inherit` in any case as `inherit`; a blank one is none. */
function modelOf(value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const model = value.trim();
  return model.toLowerCase() === "inherit" ? "inherit" : model;
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

/** A list entry as text: YAML reads `tools: [Read, 42]` with a number in it. */
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
