import { AGENT_COLORS } from "./agent-definition.js";
import { makeIssue, type ValidationIssue } from "./agent-rules.js";
import { CLAUDE_CODE_TOOLS, splitToolEntries, toolOfEntry } from "./claude-code-tools.js";
import { CLAUDE_CODE_FIELDS, FULL_MODEL_ID, MODEL_ALIASES } from "./frontmatter-fields.js";
import { agentFrontmatterSchema } from "./frontmatter-schema.js";
import type { ParseFrontmatterSuccess } from "./parse-frontmatter.js";
import { suggestSpelling } from "./suggest-spelling.js";

/**
 * Keys people write for a field under another name. Claude Code suggests the same ones (it maps
 * `allowedtools` to `tools` and `whentouse` to `description`, compared without case and separators).
 */
const FIELD_ALIASES = new Map([
  ["allowedtools", "tools"],
  ["whentouse", "description"],
]);

/** Fields read as a list of names: Claude Code keeps the string entries and drops the rest. */
const LIST_FIELDS = ["tools", "disallowedTools", "skills"];

/** Hook events Claude Code refuses to see outside `hooks`: they may be what guards the permissions. */
const GUARD_EVENTS = ["PreToolUse", "PermissionRequest"];

/**
 * What Claude Code makes of each frontmatter field besides `name` (which validate-agent checks):
 * a `description` that is not a string or `hooks` it cannot read make it drop the file (errors);
 * unknown fields, unknown models and tools, colours it ignores and other wrong shapes it reads
 * around (warnings, with a "did you mean" for near misses).
 *
 * @example
 * checkFrontmatterFields(parsed); // [{ ruleId: "field-unknown", severity: "warning", message: "`colour` is not a field Claude Code knows; it is ignored. Did you mean `color`?", line: 4 }]
 */
export function checkFrontmatterFields(parsed: ParseFrontmatterSuccess): ValidationIssue[] {
  const { data, keyLines } = parsed;
  return [...shapeIssues(parsed), ...unknownFieldIssues(parsed), ...modelIssues(data.model, keyLines.model), ...toolIssues(parsed), ...colorIssues(data.color, keyLines.color)];
}

/** Zod problems with the known fields; the ones Claude Code drops the file for are errors. */
function shapeIssues(parsed: ParseFrontmatterSuccess): ValidationIssue[] {
  const { data, keyLines } = parsed;
  const issues: ValidationIssue[] = [];
  const where = (field: string): string => (keyLines[field] === undefined ? "" : ` (line ${keyLines[field]})`);
  // Claude Code tests `description` for presence first, so an empty one is missing (contentIssues),
  // and anything else that is not a string makes it skip the file (DESIGN §1 step 5).
  if (!isAbsent(data.description) && typeof data.description !== "string") {
    const message = `\`description\` is ${describeValue(data.description)}, not a string; Claude Code skips this file`;
    issues.push(makeIssue("description-invalid", message, keyLines.description));
  }
  // Claude Code reads a falsy `hooks` as none; any other value must pass its hooks schema.
  if (Boolean(data.hooks) && !isMapping(data.hooks)) {
    const message = `\`hooks\` must be a mapping of event names, not ${describeValue(data.hooks)}; Claude Code does not load this agent`;
    issues.push(makeIssue("hooks-invalid", message, keyLines.hooks));
  }
  for (const event of GUARD_EVENTS.filter((key) => isDeclared(data[key]))) {
    const message = `\`${event}\` is a hook event, written outside \`hooks\`; Claude Code does not load an agent whose guard hooks it cannot place. Move it under \`hooks:\``;
    issues.push(makeIssue("hooks-invalid", message, keyLines[event]));
  }
  const result = agentFrontmatterSchema.safeParse(data);
  const reported = new Set(["name", "description", "hooks"]);
  for (const problem of result.success ? [] : result.error.issues) {
    const field = String(problem.path[0] ?? "");
    // `name` and `description` have rules of their own; one problem gives one issue.
    if (reported.has(field)) continue;
    reported.add(field);
    const consequence = LIST_FIELDS.includes(field) ? "; Claude Code keeps only the names it can read" : "; Claude Code ignores it";
    issues.push(makeIssue("field-invalid", `${problem.message}${consequence}${where(field)}`, keyLines[field]));
  }
  return issues;
}

function unknownFieldIssues(parsed: ParseFrontmatterSuccess): ValidationIssue[] {
  const known = CLAUDE_CODE_FIELDS as readonly string[];
  return Object.keys(parsed.data)
    .filter((field) => !known.includes(field) && !GUARD_EVENTS.includes(field))
    .map((field) => {
      const meant = FIELD_ALIASES.get(field.replace(/[-_]/g, "").toLowerCase()) ?? suggestSpelling(field, known);
      const hint = meant === undefined ? "" : `. Did you mean \`${meant}\`?`;
      return makeIssue("field-unknown", `\`${field}\` is not a field Claude Code knows; it is ignored${hint}`, parsed.keyLines[field]);
    });
}

/** Claude Code trims `model`, reads `inherit` in any case, and passes every other string on as written. */
function modelIssues(model: unknown, line: number | undefined): ValidationIssue[] {
  if (typeof model !== "string" || model.trim() === "") return [];
  const value = model.trim();
  const alias = value.toLowerCase().replace(/\[1m\]$/, "");
  if ((MODEL_ALIASES as readonly string[]).includes(alias) || FULL_MODEL_ID.test(value.toLowerCase())) return [];
  const meant = suggestSpelling(value, MODEL_ALIASES);
  const hint = meant === undefined ? `; the aliases are ${MODEL_ALIASES.join(", ")}` : `. Did you mean \`${meant}\`?`;
  return [makeIssue("model-unknown", `model "${value}" is not a model alias or a Claude model id; Claude Code passes it on as written${hint}`, line)];
}

/** Each entry of `tools` and `disallowedTools` that names no Claude Code tool: a typo drops a grant or a denial. */
function toolIssues(parsed: ParseFrontmatterSuccess): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const field of ["tools", "disallowedTools"] as const) {
    const unknown = splitToolEntries(parsed.data[field])
      .map(toolOfEntry)
      // A non-ASCII name is the lint's `non-ascii-identifier` error (`Bаsh`); one problem, one issue.
      .filter((tool): tool is string => tool !== undefined && /^[\x20-\x7e]*$/.test(tool) && !(CLAUDE_CODE_TOOLS as readonly string[]).includes(tool));
    for (const tool of [...new Set(unknown)]) {
      const meant = suggestSpelling(tool, CLAUDE_CODE_TOOLS);
      const consequence = field === "tools" ? "it grants nothing" : "it denies nothing";
      const hint = meant === undefined ? "" : `. Did you mean \`${meant}\`?`;
      issues.push(makeIssue("tool-unknown", `${field}: "${tool}" is not a Claude Code tool, so ${consequence}${hint}`, parsed.keyLines[field]));
    }
  }
  return issues;
}

function colorIssues(color: unknown, line: number | undefined): ValidationIssue[] {
  if (typeof color !== "string" || (AGENT_COLORS as readonly string[]).includes(color)) return [];
  const meant = suggestSpelling(color, AGENT_COLORS);
  const hint = meant === undefined ? "" : `. Did you mean \`${meant}\`?`;
  return [makeIssue("color-unknown", `color "${color}" is not one of ${AGENT_COLORS.join(", ")}; Claude Code ignores it${hint}`, line)];
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function isMapping(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Claude Code counts a guard event as declared unless it is empty: null or an empty list. */
function isDeclared(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a mapping";
  return `the ${typeof value} ${String(value)}`;
}
