import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "./lint-utf8.js";

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...new TextEncoder().encode(part)] : part)));

/** The findings as `offset@line:column`, the shortest readable form for a table. */
const summary = (input: Uint8Array): string[] => decodeUtf8(input).findings.map((finding) => `${finding.offset}@${finding.line}:${finding.column}`);

describe("decodeUtf8: what is not UTF-8", () => {
  it.each<[string, Uint8Array, string[]]>([
    ["ASCII, multi-byte characters and a BOM are valid", bytes([0xef, 0xbb, 0xbf], "a é € 🧹\n"), []],
    ["a Latin-1 é", bytes("caf", [0xe9], "\n"), ["3@1:4"]],
    ["a stray continuation byte", bytes("a", [0x80], "b"), ["1@1:2"]],
    ["bytes that never occur in UTF-8", bytes([0xfe, 0xff]), ["0@1:1"]],
    ["an overlong `/` (C0 AF) is one stretch of two bad bytes", bytes("x", [0xc0, 0xaf]), ["1@1:2"]],
    ["an overlong three-byte form", bytes([0xe0, 0x80, 0xaf]), ["0@1:1"]],
    ["an encoded surrogate", bytes([0xed, 0xa0, 0x80]), ["0@1:1"]],
    ["a code point past U+10FFFF", bytes([0xf4, 0x90, 0x80, 0x80]), ["0@1:1"]],
    ["a sequence cut short by ASCII", bytes([0xe2, 0x82], "x"), ["0@1:1"]],
    ["a sequence cut short by the end of the file", bytes("ok ", [0xf0, 0x9f, 0xa7]), ["3@1:4"]],
    ["bad bytes on a later line, after an emoji", bytes("one\ntwo\n🧹 ", [0xff], " x ", [0xff]), ["13@3:3", "17@3:7"]],
  ])("%s", (_, input, findings) => {
    expect(summary(input)).toEqual(findings);
  });

  it("says where, which bytes, and what the file probably is", () => {
    expect(decodeUtf8(bytes("caf", [0xe9])).findings).toEqual([
      {
        ruleId: "invalid-utf8",
        severity: "error",
        message: "invalid UTF-8 at byte 3 (1 byte: E9); the file is damaged or not UTF-8 (Latin-1 or cp1252?)",
        line: 1,
        column: 4,
        offset: 3,
      },
    ]);
  });

  it("keeps a byte order mark in the text", () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], "---")).text).toBe("\uFEFF---");
  });
});

describe("decodeUtf8: properties", () => {
  it("decodes any bytes exactly as TextDecoder does, and finds a problem exactly when TextDecoder's fatal mode would throw", () => {
    const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const lenient = new TextDecoder("utf-8", { ignoreBOM: true });
    const input = fc.oneof(fc.uint8Array(), fc.string().map((text) => new TextEncoder().encode(text)));
    fc.assert(
      fc.property(input, (sample) => {
        const { text, findings } = decodeUtf8(sample);
        expect(text).toBe(lenient.decode(sample));
        let valid = true;
        try {
          strict.decode(sample);
        } catch {
          valid = false;
        }
        expect(findings.length === 0).toBe(valid);
      }),
    );
  });

  it("maps every character back to the byte offset it came from", () => {
    const text = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))).map((cps) => String.fromCodePoint(...cps));
    fc.assert(
      fc.property(text, (sample) => {
        const encoded = new TextEncoder().encode(sample);
        const { offsets } = decodeUtf8(encoded);
        expect(offsets.length).toBe(sample.length + 1);
        expect(offsets[sample.length]).toBe(encoded.length);
        let index = 0;
        for (const char of sample) {
          expect(offsets[index]).toBe(new TextEncoder().encode(sample.slice(0, index)).length);
          index += char.length;
        }
      }),
    );
  });
});
