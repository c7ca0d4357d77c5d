import { describe, expect, it } from "vitest";
import { lintFrontmatter } from "./lint-frontmatter.js";
import { parseFrontmatter } from "./parse-frontmatter.js";

/** The frontmatter lint of a file made of these frontmatter lines, as `ruleId@line:column codePoint`. */
function lint(...lines: string[]): string[] {
  const parsed = parseFrontmatter(`---\nname: a\ndescription: d\n${lines.join("\n")}\n---\nBody.\n`);
  if (!parsed.ok) throw new Error(parsed.message);
  return lintFrontmatter(parsed.strings).map((finding) => `${finding.ruleId}@${finding.line}:${finding.column} ${finding.codePoint}`);
}

function messages(...lines: string[]): string[] {
  const parsed = parseFrontmatter(`---\nname: a\ndescription: d\n${lines.join("\n")}\n---\nBody.\n`);
  if (!parsed.ok) throw new Error(parsed.message);
  return lintFrontmatter(parsed.strings).map((finding) => finding.message);
}

describe("lintFrontmatter: what YAML escapes decode to", () => {
  it.each<[string, string, string[]]>([
    ["\\u200B, a zero-width space", String.raw`x: "rm\u200B -rf"`, ["hidden-unicode@4:4 U+200B"]],
    ["\\U000E0041, tag characters", String.raw`x: "ok\U000E0041\U000E0042"`, ["hidden-unicode@4:4 U+E0041"]],
    ["\\u202E, a bidi override", String.raw`x: "a\u202Eb"`, ["bidi-control@4:4 U+202E"]],
    ["\\e, an escape", String.raw`x: "\e[2J"`, ["control-character@4:4 U+001B"]],
    ["\\x1b, an escape", String.raw`x: "\x1b"`, ["control-character@4:4 U+001B"]],
    ["\\0 and \\a, NUL and BEL", String.raw`x: "\0\a"`, ["control-character@4:4 U+0000", "control-character@4:4 U+0007"]],
    ["\\N, the C1 next line", String.raw`x: "a\Nb"`, ["control-character@4:4 U+0085"]],
    ["\\L and \\P, line and paragraph separators", String.raw`x: "a\Lb\Pc"`, ["hidden-unicode@4:4 U+2028", "hidden-unicode@4:4 U+2029"]],
    ["\\r alone, which sends a terminal back to the line start", String.raw`x: "safe\revil"`, ["control-character@4:4 U+000D"]],
    ["\\uFEFF at the start of a value, which is hidden, not a BOM", String.raw`x: "\uFEFFa"`, ["hidden-unicode@4:4 U+FEFF"]],
    ["a variation selector after a letter", String.raw`x: "a\uFE01"`, ["hidden-unicode@4:4 U+FE01"]],
    ["\\u2800, a blank-looking character, is a warning", String.raw`x: "a\u2800b"`, ["blank-character@4:4 U+2800"]],
    ["an escape in a key, which then also passes for tools", String.raw`"to\u200Bols": Bash`, ["hidden-unicode@4:1 U+200B", "non-ascii-identifier@4:1 U+200B"]],
    ["an escape in a key that looks like no field", String.raw`"n\u200Bx": 1`, ["hidden-unicode@4:1 U+200B"]],
    ["an escape deep in hooks", ["hooks:", "  Stop:", String.raw`    - command: "\e"`].join("\n"), ["control-character@6:16 U+001B"]],
  ])("%s", (_, line, expected) => {
    expect(lint(line)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["escapes that decode to visible text", String.raw`x: "caf\u00E9 \"quoted\" \\ \U0001F9F9 \x41"`],
    ["tab and newline escapes", String.raw`x: "a\tb\nc\r\nd"`],
    ["emoji sequences written as escapes", String.raw`x: "\u2764\uFE0F \U0001F468\u200D\U0001F469"`],
    ["a single-quoted string, where a backslash is a backslash", String.raw`x: 'a\u200Bb'`],
    ["a plain string", String.raw`x: a\u200Bb`],
    ["an escape the quoting retry wrote, standing for the file's own backslash", String.raw`x: Reviews: C:\e`],
  ])("%s passes", (_, line) => {
    expect(lint(line)).toEqual([]);
  });

  it("names the field path, escaped, and says the bytes do not show it", () => {
    expect(messages("hooks:", "  Stop:", String.raw`    - command: "a\u200Bb"`)).toEqual([
      "hooks.Stop[0].command: hidden character U+200B ZERO WIDTH SPACE: invisible to a reviewer, but the model reads it (written as a YAML escape, so the file's bytes do not show it)",
    ]);
    expect(messages(String.raw`"a\u202Eb": 1`)[0]).toMatch(/^a<U\+202E>b: bidirectional control U\+202E/);
  });
});

describe("lintFrontmatter: non-ASCII names and tools", () => {
  it.each<[string, string, string[]]>([
    ["a Cyrillic а in a disallowedTools string", "disallowedTools: Read, Bаsh", ["disallowedTools: 'Bаsh' contains U+0430 CYRILLIC SMALL LETTER A; it will not match the tool Bash"]],
    ["a Greek ο in a tools list", "tools: [Read, Glοb]", ["tools: 'Glοb' contains U+03BF GREEK SMALL LETTER OMICRON; it will not match the tool Glob"]],
    ["a fullwidth letter", "tools: Ｒead", ["tools: 'Ｒead' contains U+FF32 FULLWIDTH LATIN CAPITAL LETTER R; it will not match the tool Read"]],
    ["a mathematical bold letter", "tools: 𝐁ash", ["tools: '𝐁ash' contains U+1D401; it will not match the tool Bash"]],
    ["an accented letter", "disallowedTools: [Wrіte, Édit]", [
      "disallowedTools: 'Wrіte' contains U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I; it will not match the tool Write",
      "disallowedTools: 'Édit' contains U+00C9; it will not match the tool Edit",
    ]],
    ["letters with no ASCII look", "tools: 読む", ["tools: '読む' contains U+8AAD, U+3080; it matches no tool, since tool names are ASCII"]],
    ["a zero-width space, which is also hidden-unicode in the bytes", "tools: Ba\u200Bsh", ["tools: 'Ba<U+200B>sh' contains U+200B ZERO WIDTH SPACE; it will not match the tool Bash"]],
    ["an escaped look-alike", String.raw`disallowedTools: "B\u0430sh"`, ["disallowedTools: 'Bаsh' contains U+0430 CYRILLIC SMALL LETTER A; it will not match the tool Bash"]],
    ["a key that looks like tools", "tооls: Read", ["'tооls' contains U+043E CYRILLIC SMALL LETTER O; it is not the field tools, so Claude Code ignores it, and an agent without `tools` gets every tool"]],
    ["a key that looks like disallowedTools", "disallowedТools: Bash", ["'disallowedТools' contains U+0422 CYRILLIC CAPITAL LETTER TE; it is not the field disallowedTools, so Claude Code ignores it"]],
  ])("%s", (_, line, expected) => {
    expect(messages(line).filter((message) => !message.includes("hidden character"))).toEqual(expected);
  });

  it("reports each entry at its string", () => {
    expect(lint("tools:", "  - Read", "  - Bаsh")).toEqual(["non-ascii-identifier@6:5 U+0430"]);
  });

  it("checks name", () => {
    const parsed = parseFrontmatter("---\nname: rеviewer\ndescription: d\n---\n");
    expect(parsed.ok && lintFrontmatter(parsed.strings).map((finding) => finding.message)).toEqual([
      "name: 'rеviewer' contains U+0435 CYRILLIC SMALL LETTER IE; it looks like the name reviewer but is not it",
    ]);
  });

  it.each<[string, string]>([
    ["non-ASCII text in description and other fields", "x: Café, naïve, 日本語, Bаsh"],
    ["an unknown non-ASCII key that looks like no field", "beschreibung_ü: x"],
    ["a nested tools key", "mcpServers:\n  s:\n    tools: Bаsh"],
  ])("%s passes", (_, line) => {
    expect(lint(line)).toEqual([]);
  });
});
