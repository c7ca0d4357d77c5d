import { describe, expect, it } from "vitest";
import { findControlCharacters } from "./lint-control-characters.js";

/** The findings as `line:column codePoint`, the shortest readable form for a table. */
const summary = (text: string): string[] => findControlCharacters(text).map((finding) => `${finding.line}:${finding.column} ${finding.codePoint}`);

describe("findControlCharacters", () => {
  it.each<[string, string, string[]]>([
    ["tab, LF and CRLF are text", "a\tb\nc\r\nd\r\n", []],
    ["a lone CR can make a terminal overwrite the line", "safe\rrm -rf /", ["1:5 U+000D"]],
    ["a CR at the very end is lone too", "a\r", ["1:2 U+000D"]],
    ["an escape sequence: ESC is reported, its printable tail is not", "ok\r\n\u001b[2Jcleared", ["2:1 U+001B"]],
    ["NUL, BEL, backspace, vertical tab and form feed", "\u0000\u0007\u0008\u000b\u000c", ["1:1 U+0000", "1:2 U+0007", "1:3 U+0008", "1:4 U+000B", "1:5 U+000C"]],
    ["DEL", "a\u007f", ["1:2 U+007F"]],
    ["C1 controls: CSI and NEL", "\u009b31m \u0085", ["1:1 U+009B", "1:6 U+0085"]],
    ["columns count code points", "🧹🧹\u0007", ["1:3 U+0007"]],
  ])("%s", (_, text, findings) => {
    expect(summary(text)).toEqual(findings);
  });

  it("names the control", () => {
    expect(findControlCharacters("\u001b")).toEqual([
      {
        ruleId: "control-character",
        severity: "error",
        message: "control character U+001B ESC: a terminal acts on it instead of showing it",
        line: 1,
        column: 1,
        codePoint: "U+001B",
      },
    ]);
  });
});
