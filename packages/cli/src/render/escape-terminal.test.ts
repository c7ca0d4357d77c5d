import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeJson, escapeTerminal, escapeValue } from "./escape-terminal.js";

/** What no printed text may hold raw: every invisible character but tab and newline. */
const RAW = /(?![\t\n])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/u;

describe("escapeTerminal (prose)", () => {
  it.each([
    ["an ESC sequence", "red\u001b[31m", "red\\u{1b}[31m"],
    ["a C1 CSI", "a\u009b1m", "a\\u{9b}1m"],
    ["DEL", "a\u007fb", "a\\u{7f}b"],
    ["bidi overrides and isolates", "\u202eexe.txt\u2066x\u2069", "\\u{202e}exe.txt\\u{2066}x\\u{2069}"],
    ["bidi marks", "a\u200e\u200f\u061cb", "a\\u{200e}\\u{200f}\\u{61c}b"],
    ["zero-width characters", "Re\u200bad\u200c\u200d\u2060\ufeff", "Re\\u{200b}ad\\u{200c}\\u{200d}\\u{2060}\\u{feff}"],
    ["a tag character", "x\u{e0041}", "x\\u{e0041}"],
    ["line and paragraph separators", "a\u2028b\u2029", "a\\u{2028}b\\u{2029}"],
    ["tab and newline, kept", "a\tb\nc", "a\tb\nc"],
    ["visible Unicode, kept", "Räksmörgås 🧹 → ✓", "Räksmörgås 🧹 → ✓"],
  ])("escapes %s", (_what, text, shown) => {
    expect(escapeTerminal(text)).toBe(shown);
  });
});

describe("escapeValue (one-line values)", () => {
  it("also escapes tab and newline, so a value cannot forge a line of output", () => {
    expect(escapeValue("1.0.0\n+ evil@1.0.0\t\u202e")).toBe("1.0.0\\u{a}+ evil@1.0.0\\u{9}\\u{202e}");
  });

  it("leaves printable text alone", () => {
    expect(escapeValue("@acme/reviewer@^1.2.0 https://r.example/x?y=1")).toBe("@acme/reviewer@^1.2.0 https://r.example/x?y=1");
  });

  it("never leaves an invisible character or a line break, whatever the input", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => !RAW.test(escapeValue(text)) && !/[\t\n]/.test(escapeValue(text))));
  });
});

describe("escapeJson", () => {
  it("writes what JSON.stringify leaves raw as \\u escapes (surrogate pairs above U+FFFF)", () => {
    expect(escapeJson(JSON.stringify({ name: "a\u202eb\u009b\u{e0041}" }, null, 2))).toBe('{\n  "name": "a\\u202eb\\u009b\\udb40\\udc41"\n}');
  });

  it("is the same JSON value, with nothing invisible left raw", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: "binary" }), (value, text) => {
        const data = { value, text };
        const json = escapeJson(JSON.stringify(data, null, 2));
        return !RAW.test(json) && JSON.stringify(JSON.parse(json)) === JSON.stringify(data);
      }),
    );
  });
});
