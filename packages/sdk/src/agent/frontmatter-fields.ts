// The frontmatter fields of a subagent file and the values Claude Code knows, without the zod schema
// (frontmatter-schema.ts) that checks them: reading an agent (agent-definition.ts) needs these names,
// and only validation needs the schema, whose building is a noticeable part of a command's start-up.

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
