import { AGENT_COLORS } from "./agent-definition.js";
import { MAX_FRONTMATTER_BYTES, MAX_FRONTMATTER_DEPTH } from "./frontmatter-limits.js";
import { MODEL_ALIASES } from "./frontmatter-fields.js";

/**
 * The validator's own rules, with their severity (issue 13): **error** only for what makes Claude
 * Code drop, misread or refuse the file; **warning** for what it loads anyway. A registry's publish
 * policy may be stricter (build/publish-policy.ts), and says so. The ids are stable: users and CI
 * configurations refer to them, so rename none of them.
 */
export const AGENT_RULES = {
  "frontmatter-missing": {
    severity: "error",
    description: "The file does not start with a `---` frontmatter block; Claude Code skips it.",
  },
  "frontmatter-yaml": {
    severity: "error",
    description: "The frontmatter is not YAML even after Claude Code's quoting retry; Claude Code drops the agent silently.",
  },
  "frontmatter-limit": {
    severity: "error",
    description: `The frontmatter is over ${MAX_FRONTMATTER_BYTES / 1024} KiB, nests deeper than ${MAX_FRONTMATTER_DEPTH} levels, or its aliases expand too far (an alias bomb); agentreg does not parse it, and refuses to install it.`,
  },
  "frontmatter-repaired": {
    severity: "info",
    description: "Strict YAML rejects the frontmatter; Claude Code loads it only through its quoting retry, other tools will not.",
  },
  "name-missing": { severity: "error", description: "The frontmatter has no `name`; Claude Code skips the file." },
  "name-invalid": {
    severity: "error",
    description: "`name` is not a string, starts with `-`, or contains `:` (Claude Code reserves it for plugin namespaces); Claude Code skips the file.",
  },
  "name-format": {
    severity: "warning",
    description:
      "`name` breaks agentreg's naming rules (lowercase a-z, 0-9, `-` and `.`, ≤ 64 characters, not a Windows device name). Claude Code loads it; a registry publishes only names that are portable file names.",
  },
  "name-mismatch": {
    severity: "warning",
    description: "`name` differs from the file name without `.md`. Claude Code knows agents by `name`, so it loads the file; a registry publishes it as `<name>.md`.",
  },
  "description-missing": {
    severity: "error",
    description: "The frontmatter has no `description`; Claude Code skips the file.",
  },
  "description-invalid": {
    severity: "error",
    description: "`description` is not a string (a number, `true`, a list, a mapping); Claude Code skips the file.",
  },
  "hooks-invalid": {
    severity: "error",
    description: "`hooks` is not a mapping of event names, or PreToolUse/PermissionRequest hooks sit at the top level outside `hooks`; Claude Code does not load the agent.",
  },
  "field-invalid": {
    severity: "warning",
    description: "A known field has a value of the wrong shape; Claude Code ignores it or reads it differently (a `tools` it cannot read grants no tool).",
  },
  "field-unknown": { severity: "warning", description: "A frontmatter field Claude Code does not know; it is ignored." },
  "model-unknown": {
    severity: "warning",
    description: `\`model\` is neither an alias (${MODEL_ALIASES.join(", ")}) nor a full Claude model id; Claude Code passes it on as written, so it works only if that model exists.`,
  },
  "tool-unknown": {
    severity: "warning",
    description: "A name in `tools` or `disallowedTools` that is not a Claude Code tool nor an MCP tool (`mcp__…`); Claude Code ignores it.",
  },
  "color-unknown": {
    severity: "warning",
    description: `\`color\` is not one of ${AGENT_COLORS.join(", ")}; Claude Code ignores it.`,
  },
  "body-empty": { severity: "warning", description: "Nothing follows the frontmatter: the agent has no system prompt." },
} as const satisfies Record<string, { severity: ValidationSeverity; description: string }>;

export type AgentRuleId = keyof typeof AGENT_RULES;

export type ValidationSeverity = "error" | "warning" | "info";

export interface ValidationIssue {
  ruleId: string;
  severity: ValidationSeverity;
  message: string;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based column in the file. */
  column?: number;
  /** The offending character as `U+XXXX`, for the agent-text rules. */
  codePoint?: string;
  /** For `mojibake`: the text the damaged run stands for. */
  repaired?: string;
  /** For `invalid-utf8`: the byte offset of the first bad byte. */
  offset?: number;
}

/**
 * An issue of one of the validator's own rules, with that rule's severity.
 *
 * @example
 * makeIssue("field-unknown", "`colour` is not a field Claude Code knows", 4);
 * // { ruleId: "field-unknown", severity: "warning", message: "…", line: 4 }
 */
export function makeIssue(ruleId: AgentRuleId, message: string, line?: number, column?: number): ValidationIssue {
  return {
    ruleId,
    severity: AGENT_RULES[ruleId].severity,
    message,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  };
}
