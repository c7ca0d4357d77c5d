import { describe, expect, it } from "vitest";
import { asciiSkeleton, confusableName } from "./text-confusables.js";

describe("asciiSkeleton", () => {
  it.each<[string, string, string]>([
    ["ASCII stays as it is", "Bash(git log:*)", "Bash(git log:*)"],
    ["a Cyrillic а passes for a", "Bаsh", "Bash"],
    ["Cyrillic and Greek capitals", "ВАЅН ΤΟΟL", "BASH TOOL"],
    ["fullwidth letters fold", "Ｒｅａｄ", "Read"],
    ["mathematical letters fold", "𝐖𝐫𝐢𝐭𝐞", "Write"],
    ["accents drop", "Édit", "Edit"],
    ["dashes pass for a hyphen", "code‐reviewer", "code-reviewer"],
    ["invisible characters drop", "Ba\u200Bsh\u2060", "Bash"],
    ["what has no ASCII look stays", "日本 Bаsh", "日本 Bash"],
  ])("%s", (_, text, skeleton) => {
    expect(asciiSkeleton(text)).toBe(skeleton);
  });
});

describe("confusableName", () => {
  it.each<[number, string | undefined]>([
    [0x0430, "CYRILLIC SMALL LETTER A"],
    [0x03bf, "GREEK SMALL LETTER OMICRON"],
    [0xff32, "FULLWIDTH LATIN CAPITAL LETTER R"],
    [0xff45, "FULLWIDTH LATIN SMALL LETTER E"],
    [0xff10, undefined],
    [0x65e5, undefined],
  ])("U+%s", (codePoint, name) => {
    expect(confusableName(codePoint)).toBe(name);
  });
});
