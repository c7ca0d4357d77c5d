import { checkExactlyOne, checkOptions } from "../check-arguments.js";
import { interpretAgent, type AgentDefinition } from "./agent-definition.js";
import { checkAgentName, checkClaudeCodeName } from "./agent-name.js";
import { AGENT_RULES, makeIssue, type AgentRuleId, type ValidationIssue } from "./agent-rules.js";
import { checkFrontmatterFields } from "./check-frontmatter-fields.js";
import { readAgentText, readDecodedText } from "./lint-agent-text.js";
import type { ParseFrontmatterSuccess } from "./parse-frontmatter.js";

export type { ValidationIssue, ValidationSeverity } from "./agent-rules.js";

/** The whole agent file, as bytes (preferred: only bytes show invalid UTF-8 and a BOM) or as text. */
export type ValidateAgentOptions = ValidateAgentInput & {
  /** The file's base name (`reviewer.md`); when given, `name` must match it. */
  fileName?: string;
};

export type ValidateAgentInput = { bytes: Uint8Array; text?: undefined } | { text: string; bytes?: undefined };

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
 * Throws `E_USAGE` unless `options` is what `validateAgent` takes (also for `validateForPublish`).
 *
 * @example
 * checkValidateAgentOptions("validateForPublish", options);
 */
export function checkValidateAgentOptions(fn: string, options: ValidateAgentOptions): void {
  checkOptions(fn, options, { bytes: "bytes?", text: "string?", fileName: "string?" });
  checkExactlyOne(fn, options, ["bytes", "text"]);
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
  checkValidateAgentOptions("validateAgent", options);
  // The frontmatter is read past a byte order mark, as Claude Code does (DESIGN §1 step 5); the
  // mark itself is the lint's `bom` warning.
  const { findings, frontmatter: parsed } = options.bytes === undefined ? readDecodedText(options.text) : readAgentText(options.bytes);
  if (!parsed.ok) {
    const issues = [makeIssue(parsed.ruleId, parsed.message, parsed.line, parsed.column), ...findings].sort(compareIssues);
    return { ok: false, repaired: false, issues };
  }

  const issues: ValidationIssue[] = [
    ...findings,
    ...(parsed.repaired ? [repairedIssue(parsed)] : []),
    ...nameIssues(parsed, options.fileName),
    ...checkFrontmatterFields(parsed),
    ...contentIssues(parsed),
  ];
  // The validator reports every reason Claude Code skips the file, interpretAgent the first; should
  // interpretAgent know a reason the rules above miss, it still shows as an error.
  const interpreted = interpretAgent(parsed.data);
  if (!interpreted.ok && !issues.some((issue) => issue.severity === "error")) {
    const ruleId = (Object.hasOwn(AGENT_RULES, interpreted.ruleId) ? interpreted.ruleId : "name-invalid") as AgentRuleId;
    issues.push(makeIssue(ruleId, interpreted.message, parsed.keyLines.name ?? 1));
  }

  issues.sort(compareIssues);
  return {
    ok: !issues.some((issue) => issue.severity === "error"),
    ...(interpreted.ok ? { agent: interpreted.agent } : {}),
    frontmatter: parsed.data,
    repaired: parsed.repaired,
    issues,
  };
}

/**
 * `name` must be a string Claude Code accepts (errors); agentreg's naming rules and the file name are
 * warnings, since Claude Code loads the agent either way (issue 13).
 */
function nameIssues(parsed: ParseFrontmatterSuccess, fileName: string | undefined): ValidationIssue[] {
  const name = parsed.data.name;
  // A missing key is reported at the frontmatter's opening line, so every issue has a line.
  const line = parsed.keyLines.name ?? 1;
  if (isAbsent(name)) return [makeIssue("name-missing", "the frontmatter has no `name`; Claude Code skips this file", line)];
  if (typeof name !== "string") {
    return [makeIssue("name-invalid", `\`name\` must be a string, not ${JSON.stringify(name)}; Claude Code skips this file`, line)];
  }
  const refused = checkClaudeCodeName(name);
  if (refused !== undefined) return [makeIssue("name-invalid", `invalid agent name: ${refused}; Claude Code skips this file`, line)];
  const issues: ValidationIssue[] = [];
  const problem = checkAgentName(name);
  if (problem !== undefined) issues.push(makeIssue("name-format", `${problem}; Claude Code loads it, but a registry installs agents as \`<name>.md\` and publishes only portable names`, line));
  if (fileName !== undefined && fileName.replace(/\.md$/i, "") !== name) {
    issues.push(makeIssue("name-mismatch", `\`name\` is "${name}" but the file is ${fileName}; Claude Code knows the agent as ${name}`, line));
  }
  return issues;
}

/** A description to route by, and a system prompt. */
function contentIssues(parsed: ParseFrontmatterSuccess): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (isAbsent(parsed.data.description)) {
    issues.push(
      makeIssue("description-missing", "the frontmatter has no `description`; Claude Code skips this file", parsed.keyLines.description ?? 1),
    );
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

function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}
