import { AGENT_RULES, type ValidationSeverity } from "../agent/agent-rules.js";
import { LINT_RULES } from "../agent/lint-finding.js";
import { SOURCE_RULES } from "./source-rules.js";

/**
 * Every rule `validate` can report, with its severity. The ids are stable: users and CI
 * configurations refer to them, so rename none of them.
 */
export const RULES = {
  // Issue 13: error only for what makes Claude Code drop, misread or refuse the file.
  ...AGENT_RULES,
  // The agent-text lint: hidden Unicode, bidi controls, control characters, invalid UTF-8, mojibake,
  // BOM, blank-looking characters, and non-ASCII names and tools.
  ...LINT_RULES,
  // `validate <registry-source-dir>`: the source's metadata and layout.
  ...SOURCE_RULES,
} as const satisfies Record<string, { severity: ValidationSeverity; description: string }>;

export type RuleId = keyof typeof RULES;
