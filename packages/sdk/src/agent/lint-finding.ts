/**
 * The rules of the agent-text lint (issue 6, "Agent text"). They join the validator's RULES, so the
 * ids are as stable as the validator's: users and CI configurations refer to them.
 */
export const LINT_RULES = {
  "hidden-unicode": {
    severity: "error",
    description:
      "An invisible character (tag, zero-width, variation selector, line separator or other format character) outside the contexts where scripts and emoji need it, in the bytes or in a YAML-escaped frontmatter value; it can hide instructions from the human reviewer.",
  },
  "bidi-control": {
    severity: "error",
    description:
      "A bidirectional control character, in the bytes or in a YAML-escaped frontmatter value; it can make the text a reviewer sees differ from the text the model reads (Trojan Source).",
  },
  "control-character": {
    severity: "error",
    description:
      "A control character other than tab, newline, or the CR of a CRLF, in the bytes or in a YAML-escaped frontmatter value (`\\e`, `\\x1b`); terminals act on them (ESC, CR) instead of showing them.",
  },
  "invalid-utf8": { severity: "error", description: "Bytes that are not UTF-8; the file is corrupt or in another encoding." },
  mojibake: {
    severity: "warning",
    description: "UTF-8 text that was once decoded as cp1252 or Latin-1 (`Ã©` for `é`); `validate --fix-encoding` repairs it.",
  },
  bom: { severity: "warning", description: "The file starts with a byte order mark, which UTF-8 does not need and some tools misread." },
  "blank-character": {
    severity: "warning",
    description: "A character that draws as an empty cell (U+2800 BRAILLE PATTERN BLANK, U+1D159); it shows as a gap, so it hides nothing, but it can fake an empty value.",
  },
  "non-ascii-identifier": {
    severity: "error",
    description:
      "A non-ASCII character in `name`, `tools` or `disallowedTools`, or in a key that looks like a known field: `Bаsh` with a Cyrillic `а` reads as Bash but matches no tool, so a denial denies nothing.",
  },
} as const;

export type LintRuleId = keyof typeof LINT_RULES;

/** One problem in an agent file's text. */
export interface LintFinding {
  ruleId: LintRuleId;
  severity: "error" | "warning";
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in code points. */
  column?: number;
  /** The offending character, as `U+XXXX` (the first one, for a run of them). */
  codePoint?: string;
  /** For `mojibake`: the text the damaged run stands for. */
  repaired?: string;
  /** For `invalid-utf8`: the byte offset of the first bad byte. */
  offset?: number;
}

/** Builds a finding with its rule's severity. */
export function makeFinding(ruleId: LintRuleId, message: string, fields: Omit<LintFinding, "ruleId" | "severity" | "message">): LintFinding {
  return { ruleId, severity: LINT_RULES[ruleId].severity, message, ...fields };
}
