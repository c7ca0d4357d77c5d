import { describe, expect, it } from "vitest";
import { describeCodePoint, escapeInvisible, formatCodePoint, quoteExcerpt } from "./text-describe.js";

describe("formatCodePoint and describeCodePoint", () => {
  it.each<[number, string, string]>([
    [0x1b, "U+001B", "U+001B ESC"],
    [0x7f, "U+007F", "U+007F DELETE"],
    [0x9b, "U+009B", "U+009B CSI"],
    [0xad, "U+00AD", "U+00AD SOFT HYPHEN"],
    [0x202e, "U+202E", "U+202E RIGHT-TO-LEFT OVERRIDE"],
    [0xfe0f, "U+FE0F", "U+FE0F VARIATION SELECTOR-16"],
    [0xe0100, "U+E0100", "U+E0100 VARIATION SELECTOR-17"],
    [0xe0049, "U+E0049", "U+E0049 TAG LATIN CAPITAL LETTER I"],
    [0xe0067, "U+E0067", "U+E0067 TAG LATIN SMALL LETTER G"],
    [0xe0031, "U+E0031", "U+E0031 TAG DIGIT ONE"],
    [0xe0020, "U+E0020", "U+E0020 TAG SPACE"],
    [0xe007f, "U+E007F", "U+E007F CANCEL TAG"],
    [0x2028, "U+2028", "U+2028 LINE SEPARATOR"],
    [0x2800, "U+2800", "U+2800 BRAILLE PATTERN BLANK"],
    [0x0430, "U+0430", "U+0430 CYRILLIC SMALL LETTER A"],
    [0xff32, "U+FF32", "U+FF32 FULLWIDTH LATIN CAPITAL LETTER R"],
    [0x41, "U+0041", "U+0041"],
  ])("%s", (codePoint, formatted, described) => {
    expect(formatCodePoint(codePoint)).toBe(formatted);
    expect(describeCodePoint(codePoint)).toBe(described);
  });
});

describe("escapeInvisible", () => {
  it.each<[string, string, string]>([
    ["visible text is unchanged", "café 🧹 “x”", "café 🧹 “x”"],
    ["controls", "a\u001b[2J\r", "a<U+001B>[2J<U+000D>"],
    ["bidi controls and zero-width characters", "a\u202Eb\u200Bc", "a<U+202E>b<U+200B>c"],
    ["tag characters", "x\u{E0049}", "x<U+E0049>"],
    ["line separators", "a\u2028b", "a<U+2028>b"],
  ])("%s", (_, text, escaped) => {
    expect(escapeInvisible(text)).toBe(escaped);
  });
});

describe("quoteExcerpt", () => {
  it.each<[string, string, number | undefined, string]>([
    ["short text is quoted whole", "ðŸ§¹", undefined, "ðŸ§¹"],
    ["long text stops at the limit, counted in code points", "🧹🧹🧹🧹", 3, "🧹🧹🧹…"],
    ["text exactly at the limit has no ellipsis", "abc", 3, "abc"],
    ["invisible characters are escaped", "Ã\u00AD", undefined, "Ã<U+00AD>"],
  ])("%s", (_, text, max, quoted) => {
    expect(quoteExcerpt(text, max)).toBe(quoted);
  });
});
