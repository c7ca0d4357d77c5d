import { makeFinding, type LintFinding } from "./lint-finding.js";
import { describeCodePoint, formatCodePoint } from "./text-describe.js";
import { createPositionFinder } from "./text-position.js";

/**
 * Characters that are neither spaces nor invisible, yet draw as an empty cell: U+2800 BRAILLE
 * PATTERN BLANK and U+1D159 MUSICAL SYMBOL NULL NOTEHEAD, the usual way to make a "blank" name or
 * message that no trim removes. They warn rather than block: each takes a visible cell, so a run of
 * them shows as a gap and cannot hide text the way a zero-width character does, and braille text
 * uses U+2800 as its space. The blank-looking characters that are default-ignorable (U+3164 HANGUL
 * FILLER, U+FFA0 HALFWIDTH HANGUL FILLER, U+115F, U+1160) draw as nothing and are reported, and
 * block, as hidden-unicode; in `name`, `tools` or `disallowedTools` any of them blocks as a
 * non-ASCII identifier.
 */
const BLANK = /[\u2800\u{1D159}]+/gu;

/**
 * Reports each run of blank-looking characters once, at its line and column.
 *
 * @example
 * findBlankCharacters("Review\u2800\u2800the code");
 * // [{ ruleId: "blank-character", severity: "warning", line: 1, column: 7, codePoint: "U+2800", message: "2 blank-looking characters, the first U+2800 BRAILLE PATTERN BLANK: …" }]
 */
export function findBlankCharacters(text: string): LintFinding[] {
  const findings: LintFinding[] = [];
  let positionOf: ReturnType<typeof createPositionFinder> | undefined;
  for (const match of text.matchAll(BLANK)) {
    positionOf ??= createPositionFinder(text);
    const codePoint = match[0].codePointAt(0) ?? 0;
    const count = [...match[0]].length;
    const what = count === 1 ? describeCodePoint(codePoint) : `${count} blank-looking characters, the first ${describeCodePoint(codePoint)}`;
    const message = `${what}: draws as an empty cell but is not a space; make sure the gap is meant`;
    findings.push(makeFinding("blank-character", message, { ...positionOf(match.index), codePoint: formatCodePoint(codePoint) }));
  }
  return findings;
}
