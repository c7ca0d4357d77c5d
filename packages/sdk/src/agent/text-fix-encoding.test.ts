import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintAgentText } from "./lint-agent-text.js";
import { decodeCp1252 } from "./text-cp1252.js";
import { fixEncoding } from "./text-fix-encoding.js";

const REGISTRY_SEED = readFileSync(new URL("../../../../registry/agents/senior-backend-engineer/1.0.0/senior-backend-engineer.md", import.meta.url));
const ORIGINAL_SEED = readFileSync(new URL("../../../../tests/fixtures/seed-original.md", import.meta.url));

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const damage = (text: string): string => decodeCp1252(utf8(text));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

describe("fixEncoding", () => {
  it("turns the original seed into the registry's file, byte for byte", () => {
    const { bytes, repairs } = fixEncoding(ORIGINAL_SEED);
    expect(Buffer.from(bytes).equals(REGISTRY_SEED)).toBe(true);
    expect(repairs).toEqual([
      { line: 10, column: 3, from: "ðŸ§¹", to: "🧹" },
      { line: 84, column: 4, from: "ðŸ“‹", to: "📋" },
    ]);
    expect(lintAgentText(bytes)).toEqual([]);
  });

  it("returns clean bytes as they are", () => {
    const { bytes, repairs } = fixEncoding(REGISTRY_SEED);
    expect(bytes).toBe(REGISTRY_SEED);
    expect(repairs).toEqual([]);
  });

  it("keeps a BOM, CRLF line ends and invalid bytes elsewhere exactly as they were", () => {
    const input = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8("a\r\nÃ©t\u00c3\u00a9\r\n"), Uint8Array.of(0xff), utf8(" ðŸ§¹"), Uint8Array.of(0x80));
    const expected = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8("a\r\nét\u00e9\r\n"), Uint8Array.of(0xff), utf8(" 🧹"), Uint8Array.of(0x80));
    expect(fixEncoding(input).bytes).toEqual(expected);
  });

  it("is a no-op on its own output", () => {
    const once = fixEncoding(utf8(damage("Größe 🧹 naïve"))).bytes;
    expect(new TextDecoder().decode(once)).toBe("Größe 🧹 naïve");
    expect(fixEncoding(once).repairs).toEqual([]);
  });
});

describe("fixEncoding: properties", () => {
  const char = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((codePoint) => String.fromCodePoint(codePoint));
  /** Bytes that are ASCII or cannot start a valid sequence, so they can never join a damaged run. */
  const frame = fc.uint8Array().map((bytes) => bytes.map((byte) => (byte < 0x80 ? byte : [0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff][byte % 6] ?? 0xff)));

  // Damage is certain with two wide characters in a row, or one that is punctuation, a currency sign
  // or an emoji (see findMojibake); real text has no controls, unassigned or private-use characters.
  const real = (c: string): boolean => !/[\p{Cc}\p{Cn}\p{Co}\p{Cs}]/u.test(c);
  const realText = fc.array(fc.oneof(char(0, 0xd7ff), char(0xe000, 0x10ffff)).filter(real)).map((chars) => chars.join(""));
  const wideChar = char(0x800, 0x10ffff).filter(real);
  const evidence = fc.oneof(fc.tuple(wideChar, wideChar).map(([a, b]) => a + b), char(0x2010, 0x2027), fc.constantFrom("€", "™", "🧹", "📋"));

  it("restores the UTF-8 of any damaged text with certain damage and leaves every surrounding byte as it was", () => {
    fc.assert(
      fc.property(frame, realText, evidence, realText, frame, (head, before, wide, after, tail) => {
        const text = before + wide + after;
        const input = concat(head, Uint8Array.of(0x0a), utf8(damage(text)), Uint8Array.of(0x0a), tail);
        expect(fixEncoding(input).bytes).toEqual(concat(head, Uint8Array.of(0x0a), utf8(text), Uint8Array.of(0x0a), tail));
      }),
    );
  });
});
