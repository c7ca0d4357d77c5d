import { describe, expect, it } from "vitest";
import { findBlankCharacters } from "./lint-blank-characters.js";

const summary = (text: string): string[] => findBlankCharacters(text).map((finding) => `${finding.ruleId}:${finding.severity}@${finding.line}:${finding.column} ${finding.codePoint}`);

describe("findBlankCharacters", () => {
  it.each<[string, string, string[]]>([
    ["a braille blank", "a\u2800b", ["blank-character:warning@1:2 U+2800"]],
    ["a run of them is one finding", "a\n\u2800\u2800\u2800b", ["blank-character:warning@2:1 U+2800"]],
    ["the null notehead, after an emoji", "🧹\u{1D159}", ["blank-character:warning@1:2 U+1D159"]],
    ["two runs", "\u2800a\u2800", ["blank-character:warning@1:1 U+2800", "blank-character:warning@1:3 U+2800"]],
    ["braille with dots is visible", "⠁⠃⠉", []],
    ["spaces of every width are spaces", "a b\u00A0c\u2003d\u3000e", []],
    ["ASCII", "Review the code.", []],
  ])("%s", (_, text, findings) => {
    expect(summary(text)).toEqual(findings);
  });

  it("names the character and counts a run", () => {
    expect(findBlankCharacters("\u2800\u2800")[0]?.message).toBe(
      "2 blank-looking characters, the first U+2800 BRAILLE PATTERN BLANK: draws as an empty cell but is not a space; make sure the gap is meant",
    );
  });
});
