import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findBlockingText, lintAgentText, lintDecodedText, readAgentText } from "./lint-agent-text.js";
import { repairMojibake } from "./lint-mojibake.js";
import { formatCodePoint } from "./text-describe.js";

const REGISTRY_SEED = readFileSync(new URL("../../../../registry/agents/senior-backend-engineer/1.0.0/senior-backend-engineer.md", import.meta.url));
const ORIGINAL_SEED = readFileSync(new URL("../../../../tests/fixtures/seed-original.md", import.meta.url));

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** The findings as `ruleId@line:column`, the shortest readable form for a table. */
const summary = (bytes: Uint8Array): string[] => lintAgentText(bytes).map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`);

describe("lintAgentText: the seed", () => {
  it("finds nothing in the registry's copy", () => {
    expect(lintAgentText(REGISTRY_SEED)).toEqual([]);
  });

  it("finds exactly the two double-encoded emoji in the original, with their repair", () => {
    expect(lintAgentText(ORIGINAL_SEED)).toEqual([
      {
        ruleId: "mojibake",
        severity: "warning",
        message: '"ðŸ§¹" should read "🧹" (UTF-8 once decoded as cp1252); `validate --fix-encoding` repairs it',
        line: 10,
        column: 3,
        repaired: "🧹",
      },
      {
        ruleId: "mojibake",
        severity: "warning",
        message: '"ðŸ“‹" should read "📋" (UTF-8 once decoded as cp1252); `validate --fix-encoding` repairs it',
        line: 84,
        column: 4,
        repaired: "📋",
      },
    ]);
  });
});

describe("lintAgentText: every rule, from bytes", () => {
  it.each<[string, Uint8Array, string[]]>([
    ["hidden tag characters", utf8("Review the code.\u{E0049}\u{E0067}\u{E006E}\n"), ["hidden-unicode@1:17"]],
    ["a bidi override", utf8("a\n\u202Eb\n"), ["bidi-control@2:1"]],
    ["an escape sequence", utf8("\u001b[31mred\n"), ["control-character@1:1"]],
    ["a Latin-1 byte", Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x0a), ["invalid-utf8@1:4"]],
    ["mojibake", utf8("cafÃ©\n"), ["mojibake@1:4"]],
    ["a byte order mark", Uint8Array.of(0xef, 0xbb, 0xbf, 0x2d, 0x2d, 0x2d), ["bom@1:1"]],
    [
      "several, sorted by line, column, rule",
      utf8("x\u200By\u0007\n\uFEFF\u202E z Ã©\n"),
      ["hidden-unicode@1:2", "control-character@1:4", "hidden-unicode@2:1", "bidi-control@2:2", "mojibake@2:6"],
    ],
  ])("%s", (_, bytes, findings) => {
    expect(summary(bytes)).toEqual(findings);
  });

  it("reports a soft hyphen or C1 control that is a byte of a damaged letter once, as mojibake", () => {
    expect(summary(utf8("Ã\u00ADndice ðŸ‘\u008D\n"))).toEqual(["mojibake@1:1", "mojibake@1:9"]);
    expect(lintAgentText(utf8("Ã\u00ADndice"))[0]?.message).toBe('"Ã<U+00AD>" should read "í" (UTF-8 once decoded as cp1252); `validate --fix-encoding` repairs it');
  });

  it("still reports them outside a damaged run, even right after one", () => {
    expect(summary(utf8("pass\u00ADword \u008D\n"))).toEqual(["hidden-unicode@1:5", "control-character@1:11"]);
    expect(summary(utf8("Ã\u00AD\u00ADndice\n"))).toEqual(["mojibake@1:1", "hidden-unicode@1:3"]);
  });

  it("lints a decoded string the same, without the UTF-8 check", () => {
    const text = "x\u200By Ã©\n";
    expect(lintDecodedText(text)).toEqual(lintAgentText(utf8(text)));
    expect(readAgentText(utf8(text))).toMatchObject({ text, findings: lintDecodedText(text), frontmatter: { ok: false, ruleId: "frontmatter-missing" } });
  });
});

describe("lintAgentText: hostile volume", () => {
  it("lists 100 findings of a rule and counts the rest in one more, which still blocks", () => {
    const findings = lintAgentText(utf8("a\u200B".repeat(250) + "\n\u001b"));
    expect(findings).toHaveLength(102);
    expect(findings[100]).toEqual({
      ruleId: "hidden-unicode",
      severity: "error",
      message: "150 more hidden-unicode findings from here on are not listed",
      line: 1,
      column: 202,
    });
    expect(findings[101]).toMatchObject({ ruleId: "control-character", line: 2 });
  });

  it("handles runs far longer than a call stack: 300,000 tag characters, or one damaged run of 300,000 letters", () => {
    const tags = lintAgentText(utf8(`x\u200B${"\u{E0049}".repeat(300_000)}`));
    expect(tags).toMatchObject([{ ruleId: "hidden-unicode", column: 2, message: expect.stringMatching(/^300001 hidden characters/) }]);
    const damaged = lintAgentText(utf8("Ð¿".repeat(300_000)));
    expect(damaged).toMatchObject([{ ruleId: "mojibake", line: 1, column: 1, message: expect.stringContaining("пппп…") }]);
    expect(damaged[0]?.repaired).toHaveLength(300_000);
  });
});

describe("findBlockingText", () => {
  const everything = Uint8Array.from([...utf8("\uFEFFa\u200B b\u202E c\u001b d Ã© "), 0xff]);

  it("blocks hidden Unicode, bidi controls, control characters and invalid UTF-8, not mojibake or a BOM", () => {
    expect(findBlockingText(everything).map((finding) => finding.ruleId)).toEqual(["hidden-unicode", "bidi-control", "control-character", "invalid-utf8"]);
  });

  it("lets hidden Unicode and bidi controls through with allowHiddenUnicode, never controls or invalid UTF-8", () => {
    expect(findBlockingText(everything, { allowHiddenUnicode: true }).map((finding) => finding.ruleId)).toEqual(["control-character", "invalid-utf8"]);
  });

  it("blocks what the frontmatter's escapes decode to, unblocked by allowHiddenUnicode like the same text in bytes", () => {
    const escaped = utf8('---\nname: a\ndescription: "x\\u200By"\n---\nBody.\n');
    expect(findBlockingText(escaped)).toMatchObject([{ ruleId: "hidden-unicode", line: 3, column: 14, codePoint: "U+200B" }]);
    expect(findBlockingText(escaped, { allowHiddenUnicode: true })).toEqual([]);
    const control = utf8('---\nname: a\ndescription: "x\\ey"\n---\nBody.\n');
    expect(findBlockingText(control, { allowHiddenUnicode: true })).toMatchObject([{ ruleId: "control-character", line: 3 }]);
  });

  it("blocks a non-ASCII tool name even with allowHiddenUnicode: no trust makes Bаsh match Bash", () => {
    const lookalike = utf8("---\nname: a\ndescription: d\ndisallowedTools: Bаsh\n---\nBody.\n");
    expect(findBlockingText(lookalike, { allowHiddenUnicode: true })).toMatchObject([{ ruleId: "non-ascii-identifier", line: 4, column: 18, codePoint: "U+0430" }]);
  });

  it("lints the frontmatter behind a byte order mark, which Claude Code reads past", () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("---\nname: a\ndescription: d\ntools: Bаsh\n---\nBody.\n")]);
    expect(summary(bom)).toEqual(["bom@1:1", "non-ascii-identifier@4:8"]);
    expect(readAgentText(bom).frontmatter).toMatchObject({ ok: true, data: { tools: "Bаsh" } });
  });

  it("reports a frontmatter over the limits in the parse it returns, with no finding of its own", () => {
    const deep = readAgentText(utf8(`---\nname: a\nx: ${"[".repeat(100)}${"]".repeat(100)}\n---\nBody.\n`));
    expect(deep.frontmatter).toMatchObject({ ok: false, ruleId: "frontmatter-limit" });
    expect(deep.findings).toEqual([]);
  });

  it("blocks nothing in either seed", () => {
    expect(findBlockingText(REGISTRY_SEED)).toEqual([]);
    expect(findBlockingText(ORIGINAL_SEED)).toEqual([]);
  });
});

const ENGLAND = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
/** Real words and symbols from many languages, including the ones most like mojibake. */
const WORDS = [
  "review", "the", "code", "API", "JSON", "café", "naïve", "déjà", "Straße", "Übermäßig", "Größe", "São", "Paulo", "coração",
  "Ñandú", "España", "niño", "Œuvre", "cœur", "façade", "Łódź", "źdźbło", "Šťastný", "žluťoučký", "Ærø", "Øresund", "Ålesund",
  "Þórður", "İstanbul", "ışık", "CAFÉ", "ÉCOLE", "MAÑANA", "IRMÃ", "PÅ", "ÎNCEPUT", "ÂNCORA", "résumé", "©", "®", "™", "°C",
  "€5", "£10", "½", "Привет", "мир", "в", "Καλημέρα", "κόσμε", "שלום", "مرحبا", "می\u200Cخواهم", "کتاب\u200Cها", "नमस्ते", "क्\u200Dष", "क्\u200Cष",
  "বাংলা", "தமிழ்", "അവന്\u200D", "你好", "世界", "こんにちは", "カタカナ", "안녕하세요", "🧹", "📋", "👨\u200D👩\u200D👧", "🏳\uFE0F\u200D🌈", ENGLAND, "❤\uFE0F",
  "👍🏽", "🇯🇵", "#\uFE0F⃣",
];
const SEPARATORS = [" ", ", ", ". ", "\n", "\r\n", "\t", " — ", "… ", " « ", " » ", " “", "” ", "’ ", "’s ", " ¿", "! ", ": "];
const cleanText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((pairs) => pairs.map(([word, separator]) => word + separator).join(""));

describe("lintAgentText: properties", () => {
  it("finds nothing in clean multilingual text, and repairMojibake leaves it unchanged", () => {
    fc.assert(
      fc.property(cleanText, (text) => {
        expect(lintAgentText(utf8(text))).toEqual([]);
        expect(repairMojibake(text).text).toBe(text);
      }),
    );
  });

  it("finds any control character but tab and newline inserted anywhere, at its line and column", () => {
    const control = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0x0b, max: 0x0c }), fc.integer({ min: 0x0e, max: 0x1f }), fc.constant(0x7f));
    fc.assert(
      fc.property(cleanText, fc.nat(), control, (base, at, codePoint) => {
        const chars = [...base];
        const position = at % (chars.length + 1);
        const prefix = chars.slice(0, position);
        const text = [...prefix, String.fromCodePoint(codePoint), ...chars.slice(position)].join("");
        expect(lintAgentText(utf8(text))).toContainEqual(
          expect.objectContaining({
            ruleId: "control-character",
            line: prefix.filter((char) => char === "\n").length + 1,
            column: prefix.length - prefix.lastIndexOf("\n"),
            codePoint: formatCodePoint(codePoint),
          }),
        );
      }),
    );
  });
});
