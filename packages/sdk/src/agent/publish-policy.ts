import type { AgentRuleId } from "./agent-rules.js";
import { checkValidateAgentOptions, validateAgent, type ValidateAgentOptions, type ValidateAgentResult, type ValidationIssue } from "./validate-agent.js";

/**
 * The registry's publish policy (issue 13): what `publish`, `pack` and `registry build` refuse on top
 * of what Claude Code refuses, each with what it requires. These findings are warnings to
 * `validate`, because Claude Code loads such files; a registry is stricter because every agent it
 * serves installs as `<name>.md` on every OS and is listed by its `tools` and `model`.
 */
export const PUBLISH_POLICY = {
  "name-format": "a name that is a portable file name (lowercase a-z, 0-9, `-` and `.`, at most 64 characters), since the agent installs as `<name>.md`",
  "name-mismatch": "the file to be named `<name>.md`, the file the registry installs (rename the file, or publish with --rename)",
  "field-invalid": "every known field in the shape Claude Code documents",
} as const satisfies Partial<Record<AgentRuleId, string>>;

/**
 * Turns the findings the publish policy refuses into errors that say so: "the registry's publish
 * policy requires …", never "Claude Code skips this file", which would not be true. The rule ids
 * stay the same, so a finding is one finding in both views.
 *
 * @example
 * applyPublishPolicy(validateAgent({ bytes, fileName: "fastapi-pro.md" }).issues);
 * // [{ ruleId: "name-mismatch", severity: "error", message: "the registry's publish policy requires the file to be named `<name>.md`…" }]
 */
export function applyPublishPolicy(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const requires = Object.hasOwn(PUBLISH_POLICY, issue.ruleId) ? PUBLISH_POLICY[issue.ruleId as keyof typeof PUBLISH_POLICY] : undefined;
    return requires === undefined ? issue : { ...issue, severity: "error", message: `the registry's publish policy requires ${requires}: ${issue.message}` };
  });
}

/**
 * Validates an agent file as a registry publishes it: the validator's findings, with the publish
 * policy's ones as errors (`validate --for-publish` shows this view). `fileName` is the name the file
 * is published from; pass `<name>.md` for a file published under its frontmatter name (`--rename`).
 *
 * @example
 * const checked = validateForPublish({ bytes: await readFile("fastapi-pro.md"), fileName: "fastapi-pro.md" });
 * checked.ok; // false: the policy wants python-development-fastapi-pro.md
 */
export function validateForPublish(options: ValidateAgentOptions): ValidateAgentResult {
  checkValidateAgentOptions("validateForPublish", options);
  const validated = validateAgent(options);
  const issues = applyPublishPolicy(validated.issues);
  return { ...validated, ok: !issues.some((issue) => issue.severity === "error"), issues };
}
