import { AGENT_COLORS, interpretAgent, type AgentDefinition } from "./agent-definition.js";
import { checkAgentName } from "./agent-name.js";
import { MAX_FRONTMATTER_BYTES, MAX_FRONTMATTER_DEPTH } from "./frontmatter-limits.js";
import { agentFrontmatterSchema, KNOWN_FRONTMATTER_FIELDS } from "./frontmatter-schema.js";
import { readAgentText, readDecodedText } from "./lint-agent-text.js";
import { SOURCE_RULES } from "../build/source-rules.js";
import { LINT_RULES } from "./lint-finding.js";
import { parseFrontmatter, type ParseFrontmatterSuccess } from "./parse-frontmatter.js";

/**
 * Every rule the validator can report, with its severity. The ids are stable: users and CI
 * configurations refer to them, so rename none of them.
 */
export const RULES = {
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
    description: "`name` is not a string, or breaks the naming rules (lowercase a-z, 0-9, single `-`, ≤ 64 characters).",
  },
  "name-mismatch": { severity: "error", description: "`name` differs from the file name without `.md`." },
  "description-missing": {
    severity: "error",
    description: "The frontmatter has no `description`; Claude Code skips the file.",
  },
  "field-invalid": { severity: "error", description: "A known frontmatter field has a value of the wrong shape." },
  "field-unknown": { severity: "warning", description: "A frontmatter field Claude Code does not know; it is ignored." },
  "color-unknown": {
    severity: "warning",
    description: `\`color\` is not one of ${AGENT_COLORS.join(", ")}; Claude Code ignores it.`,
  },
  "body-empty": { severity: "warning", description: "Nothing follows the frontmatter: the agent has no system prompt." },
  // The agent-text lint: hidden Unicode, bidi controls, control characters, invalid UTF-8, mojibake,
  // BOM, blank-looking characters, and non-ASCII names and tools.
  ...LINT_RULES,
  // `validate <registry-source-dir>`: the source's metadata and layout.
  ...SOURCE_RULES,
} as const satisfies Record<string, { severity: ValidationSeverity; description: string }>;

export type RuleId = keyof typeof RULES;

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

/** The whole agent file, as bytes (preferred: only bytes show invalid UTF-8 and a BOM) or as text. */
export type ValidateAgentOptions = ValidateAgentInput & {
  /** The file's base name (`reviewer.md`); when given, `name` must match it. */
  fileName?: string;
};

type ValidateAgentInput = { bytes: Uint8Array; text?: undefined } | { text: string; bytes?: undefined };

export interface ValidateAgentResult {
  /** True when no issue is an error. */
  ok: boolean;
  /** The agent Claude Code would load, when it would load one. */
  agent?: AgentDefinition;
  /** The parsed frontmatter, when it parsed. */
  frontmatter?: Record<string, unknown>;
  /** True when only Claude Code's quoting retry made the frontmatter parse. */
  repaired: boolean;
  /** Sorted by line, then rule id; issues without a line come first. */
  issues: ValidationIssue[];
}

/**
 * Checks an agent file the way Claude Code reads it, plus agentreg's own rules, and reports every
 * problem with a stable rule id and a line. Never throws for a bad file: a bad file is a result.
 *
 * @example
 * const result = validateAgent({ text: "---\nname: reviewer\ndescription: Reviews code.\n---\nYou review code.\n", fileName: "reviewer.md" });
 * result.ok;     // true
 * result.issues; // []
 * validateAgent({ bytes: await readFile("reviewer.md"), fileName: "reviewer.md" });
 */
export function validateAgent(options: ValidateAgentOptions): ValidateAgentResult {
  const { text, findings, frontmatter } = options.bytes === undefined ? readDecodedText(options.text) : readAgentText(options.bytes);
  // The lint read the frontmatter past a byte order mark, as Claude Code does; the validator still
  // reports the mark as hiding the frontmatter from tools that expect `---` first.
  const parsed = text.startsWith("\uFEFF") ? parseFrontmatter(text) : frontmatter;
  if (!parsed.ok) {
    const issues = [makeIssue(parsed.ruleId, parsed.message, parsed.line, parsed.column), ...findings].sort(compareIssues);
    return { ok: false, repaired: false, issues };
  }

  const issues: ValidationIssue[] = [
    ...findings,
    ...(parsed.repaired ? [repairedIssue(parsed)] : []),
    ...schemaIssues(parsed),
    ...nameIssues(parsed, options.fileName),
    ...contentIssues(parsed),
  ];
  // interpretAgent fails exactly when name-missing, a non-string name or description-missing is
  // among the issues; the validator reports all of them at once, interpretAgent only the first.
  const interpreted = interpretAgent(parsed.data);

  issues.sort(compareIssues);
  return {
    ok: !issues.some((issue) => issue.severity === "error"),
    ...(interpreted.ok ? { agent: interpreted.agent } : {}),
    frontmatter: parsed.data,
    repaired: parsed.repaired,
    issues,
  };
}

/** Zod problems with the known fields, and a warning for each field Claude Code does not know. */
function schemaIssues(parsed: ParseFrontmatterSuccess): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const result = agentFrontmatterSchema.safeParse(parsed.data);
  const reported = new Set<string>();
  for (const problem of result.success ? [] : result.error.issues) {
    const field = String(problem.path[0] ?? "");
    // A missing or non-string `name`, and a missing `description`, have rules of their own
    // (nameIssues, contentIssues); one problem should produce one issue.
    if (field === "name" || (field === "description" && isAbsent(parsed.data.description))) continue;
    if (reported.has(field)) continue;
    reported.add(field);
    const line = parsed.keyLines[field];
    const where = line === undefined ? "" : ` (line ${line})`;
    issues.push(makeIssue("field-invalid", `${problem.message}${where}`, line));
  }
  for (const field of Object.keys(parsed.data)) {
    if ((KNOWN_FRONTMATTER_FIELDS as readonly string[]).includes(field)) continue;
    const line = parsed.keyLines[field];
    issues.push(makeIssue("field-unknown", `\`${field}\` is not a field Claude Code knows; it is ignored`, line));
  }
  return issues;
}

/** `name` must be present, a string, follow agentreg's naming rules and match the file name. */
function nameIssues(parsed: ParseFrontmatterSuccess, fileName: string | undefined): ValidationIssue[] {
  const name = parsed.data.name;
  // A missing key is reported at the frontmatter's opening line, so every issue has a line.
  const line = parsed.keyLines.name ?? 1;
  if (isAbsent(name)) return [makeIssue("name-missing", "the frontmatter has no `name`; Claude Code skips this file", line)];
  if (typeof name !== "string") {
    return [makeIssue("name-invalid", `\`name\` must be a string, not ${JSON.stringify(name)}; Claude Code skips this file`, line)];
  }
  const issues: ValidationIssue[] = [];
  const problem = checkAgentName(name);
  if (problem !== undefined) issues.push(makeIssue("name-invalid", `invalid agent name: ${problem}`, line));
  if (fileName !== undefined && fileName.replace(/\.md$/i, "") !== name) {
    issues.push(makeIssue("name-mismatch", `\`name\` is "${name}" but the file is ${fileName}; rename one so they match`, line));
  }
  return issues;
}

/** A description to route by, a colour Claude Code can show, and a system prompt. */
function contentIssues(parsed: ParseFrontmatterSuccess): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (isAbsent(parsed.data.description)) {
    issues.push(
      makeIssue("description-missing", "the frontmatter has no `description`; Claude Code skips this file", parsed.keyLines.description ?? 1),
    );
  }
  const color = parsed.data.color;
  if (typeof color === "string" && !(AGENT_COLORS as readonly string[]).includes(color)) {
    const colors = AGENT_COLORS.join(", ");
    issues.push(makeIssue("color-unknown", `color "${color}" is not one of ${colors}; Claude Code ignores it`, parsed.keyLines.color));
  }
  if (parsed.body.trim() === "") {
    issues.push(makeIssue("body-empty", "nothing follows the frontmatter, so the agent has no system prompt", parsed.bodyStartLine));
  }
  return issues;
}

function repairedIssue(parsed: ParseFrontmatterSuccess): ValidationIssue {
  const strict = parsed.strictError;
  const why = strict === undefined ? "" : ` (line ${strict.line}: ${strict.message})`;
  const quoted = parsed.repairs.map((repair) => `\`${repair.key}\` (line ${repair.line})`).join(", ");
  const what = quoted === "" ? "after replacing leading tabs" : `after quoting ${quoted}`;
  return makeIssue(
    "frontmatter-repaired",
    `strict YAML rejects the frontmatter${why}; Claude Code loads it only ${what}. ` +
      "Quote those values to make the file readable by other YAML tools",
    strict?.line ?? parsed.repairs[0]?.line,
    strict?.column,
  );
}

function makeIssue(ruleId: RuleId, message: string, line?: number, column?: number): ValidationIssue {
  return {
    ruleId,
    severity: RULES[ruleId].severity,
    message,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  };
}

function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}
