import { makeFinding, type LintFinding } from "./lint-finding.js";
import { describeCodePoint, formatCodePoint } from "./text-describe.js";
import { createPositionFinder } from "./text-position.js";

/**
 * C0 controls but tab and newline, DEL, and the C1 controls. A CR is allowed only as the first half
 * of a CRLF: a lone CR sends a terminal back to the start of the line, so text after it can
 * overwrite what came before, and ESC, CSI and OSC start escape sequences.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Reports control characters, each with its line, column and code point.
 *
 * @example
 * findControlCharacters("ok\r\nthen \u001b[2J");
 * // [{ ruleId: "control-character", line: 2, column: 6, codePoint: "U+001B", message: "control character U+001B ESC: …" }]
 */
export function findControlCharacters(text: string): LintFinding[] {
  const findings: LintFinding[] = [];
  let positionOf: ReturnType<typeof createPositionFinder> | undefined;
  const messages = new Map<number, string>();
  for (const match of text.matchAll(CONTROL)) {
    const index = match.index;
    const codePoint = text.charCodeAt(index);
    if (codePoint === 0x0d && text.charCodeAt(index + 1) === 0x0a) continue;
    positionOf ??= createPositionFinder(text);
    let message = messages.get(codePoint);
    if (message === undefined) {
      message = `control character ${describeCodePoint(codePoint)}: a terminal acts on it instead of showing it`;
      messages.set(codePoint, message);
    }
    const { line, column } = positionOf(index);
    findings.push(makeFinding("control-character", message, { line, column, codePoint: formatCodePoint(codePoint) }));
  }
  return findings;
}
