import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeAttribute, escapeHtml } from "./escape-html.js";

const INVISIBLE = /(?![\n\t])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Cs}]/u;
const cp = (code: string, title: string): string => `<span class="cp" title="${title}">${code}</span>`;

describe("escapeHtml", () => {
  it.each([
    ["plain text", "Reviews diffs.", "Reviews diffs."],
    ["the five specials", `<a href="x" title='y'>&</a>`, "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"],
    ["an entity, shown as written", "&amp;", "&amp;amp;"],
    ["newline and tab, kept", "a\n\tb", "a\n\tb"],
    ["a bidi override", "a\u202Eb", `a${cp("U+202E", "U+202E RIGHT-TO-LEFT OVERRIDE")}b`],
    ["an Arabic letter mark (bidi control)", "\u061C", cp("U+061C", "U+061C ARABIC LETTER MARK")],
    ["a zero-width space", "\u200B", cp("U+200B", "U+200B ZERO WIDTH SPACE")],
    ["a soft hyphen", "\u00AD", cp("U+00AD", "U+00AD SOFT HYPHEN")],
    ["a byte order mark", "\uFEFF", cp("U+FEFF", "U+FEFF ZERO WIDTH NO-BREAK SPACE")],
    ["a carriage return", "\r", cp("U+000D", "U+000D CR")],
    ["NUL and ESC", "\u0000\u001B", cp("U+0000", "U+0000 NUL") + cp("U+001B", "U+001B ESC")],
    ["a C1 control", "\u0085", cp("U+0085", "U+0085 NEL")],
    ["a line separator", "\u2028", cp("U+2028", "U+2028 LINE SEPARATOR")],
    ["a variation selector", "\uFE0F", cp("U+FE0F", "U+FE0F VARIATION SELECTOR-16")],
    ["a tag character, its title escaped", "\u{E003C}", cp("U+E003C", "U+E003C TAG &#39;&lt;&#39;")],
    ["a lone high surrogate", "a\uD800b", `a${cp("U+D800", "U+D800 LONE SURROGATE")}b`],
    ["a lone low surrogate", "\uDC00", cp("U+DC00", "U+DC00 LONE SURROGATE")],
    ["a surrogate pair, kept", "\u{1F600}", "\u{1F600}"],
    ["letters of other scripts, kept", "é ж 中", "é ж 中"],
  ])("%s", (_label, text, html) => {
    expect(escapeHtml(text)).toBe(html);
  });

  it("leaves no special, invisible character or lone surrogate in any text (property)", () => {
    // Code units make lone surrogates; code points reach the astral planes (tags, emoji).
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));
    const text = fc.string({ unit: fc.oneof(codeUnit, codePoint, fc.constantFrom("<", "&", '"', "'", "\u202E", "\u{1F600}")) });
    fc.assert(
      fc.property(text, (input) => {
        const html = escapeHtml(input);
        const outsideMarkers = html.replace(/<span class="cp" title="[^"<>]*">U\+[0-9A-F]{4,6}<\/span>/g, "");
        return !/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/.test(outsideMarkers) && !INVISIBLE.test(html);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("escapeAttribute", () => {
  it.each([
    ["quotes and ampersands", `a "b" & 'c'`, "a &quot;b&quot; &amp; &#39;c&#39;"],
    ["angle brackets", "<x>", "&lt;x&gt;"],
    ["an invisible character, as plain text", "a\u200Bb", "a&lt;U+200B&gt;b"],
    ["newline and tab, kept", "a\n\tb", "a\n\tb"],
    ["a lone surrogate", "\uDFFF", "&lt;U+DFFF&gt;"],
  ])("%s", (_label, text, value) => {
    expect(escapeAttribute(text)).toBe(value);
  });
});
