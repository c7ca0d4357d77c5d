import * as z from "zod";

/** The frontmatter fields Claude Code documents for subagents (DESIGN §1); agentreg interprets these. */
export const KNOWN_FRONTMATTER_FIELDS = [
  "name",
  "description",
  "tools",
  "disallowedTools",
  "model",
  "color",
  "permissionMode",
  "skills",
  "mcpServers",
  "hooks",
] as const;

/**
 * Every field Claude Code reads from a subagent file, as its own frontmatter schema lists them
 * (2.1.328): it warns about any other key, and the validator's `field-unknown` warns about the same
 * ones, never more. agentreg keeps the fields beyond the documented ones as `extra`.
 */
export const CLAUDE_CODE_FIELDS = [
  ...KNOWN_FRONTMATTER_FIELDS,
  "effort",
  "maxTurns",
  "autoCompactWindow",
  "initialPrompt",
  "memory",
  "background",
  "omitClaudeMd",
  "isolation",
  "observer",
  "observerMessage",
  "observeToolResults",
  "observeSubagents",
  "experimental",
] as const;

export type KnownFrontmatterField = (typeof KNOWN_FRONTMATTER_FIELDS)[number];

/** Short model names Claude Code resolves itself; `inherit` uses the main conversation's model. */
export const MODEL_ALIASES = ["sonnet", "opus", "haiku", "inherit"] as const;

/** A full model id such as `claude-sonnet-4-5-20250929` (or a provider's: `us.anthropic.claude-…`, `claude-…@2025…`). */
export const FULL_MODEL_ID = /^(?:[a-z0-9-]+\.)*claude-[a-z0-9.@:[\]-]+$/;

export const PERMISSION_MODES = ["default", "acceptEdits", "bypassPermissions", "plan", "dontAsk"] as const;

/** `tools: Read, Grep` and `tools: [Read, Grep]` are both accepted by Claude Code. */
const stringOrList = (field: string) =>
  z.union([z.string(), z.array(z.string())], {
    error: `\`${field}\` must be a comma-separated string or a list of strings`,
  });

/**
 * The known fields of an agent's frontmatter. Unknown fields pass through untouched: Claude Code
 * ignores them, so the validator only warns. `color` is any string here because Claude Code drops
 * an unknown colour instead of refusing the file; the validator warns about that separately.
 */
export const agentFrontmatterSchema = z.looseObject({
  name: z.string({ error: "`name` must be a string" }),
  description: z.string({ error: "`description` must be a string" }),
  tools: stringOrList("tools").optional(),
  disallowedTools: stringOrList("disallowedTools").optional(),
  // Any string: Claude Code passes an unknown model on as written, so the validator only warns
  // (`model-unknown`); new aliases appear faster than releases (issue 13).
  model: z.string({ error: "`model` must be a string" }).optional(),
  color: z.string({ error: "`color` must be a string" }).optional(),
  permissionMode: z
    .enum(PERMISSION_MODES, { error: `\`permissionMode\` must be one of ${PERMISSION_MODES.join(", ")}` })
    .optional(),
  skills: stringOrList("skills").optional(),
  mcpServers: z
    .union([z.record(z.string(), z.unknown()), z.array(z.unknown())], {
      error: "`mcpServers` must be a mapping of server names or a list",
    })
    .optional(),
  hooks: z.record(z.string(), z.unknown(), { error: "`hooks` must be a mapping of event names" }).optional(),
});

/** Agent frontmatter after schema validation; unknown fields are kept as `unknown`. */
export type AgentFrontmatter = z.infer<typeof agentFrontmatterSchema>;
