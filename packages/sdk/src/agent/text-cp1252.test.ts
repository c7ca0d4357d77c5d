import { describe, expect, it } from "vitest";
import { cp1252ByteOf, decodeCp1252 } from "./text-cp1252.js";

describe("decodeCp1252", () => {
  it.each<[string, string, string]>([
    ["the seed's broom", "🧹", "ðŸ§¹"],
    ["the seed's clipboard", "📋", "ðŸ“‹"],
    ["é", "é", "Ã©"],
    ["the apostrophe", "’", "â€™"],
    ["the closing quote, through an undefined byte", "”", "â€\u009D"],
  ])("%s", (_, text, damaged) => {
    expect(decodeCp1252(new TextEncoder().encode(text))).toBe(damaged);
  });
});

describe("cp1252ByteOf", () => {
  it("inverts decodeCp1252 for every byte from 0x80 to 0xFF", () => {
    for (let byte = 0x80; byte <= 0xff; byte++) {
      expect(cp1252ByteOf(decodeCp1252(Uint8Array.of(byte)).charCodeAt(0))).toBe(byte);
    }
  });

  it("also inverts Latin-1, where 0x80–0x9F are C1 controls", () => {
    for (let byte = 0x80; byte <= 0x9f; byte++) expect(cp1252ByteOf(byte)).toBe(byte);
  });

  it("has no byte for characters outside both encodings", () => {
    expect(cp1252ByteOf(0x416)).toBeUndefined();
    expect(cp1252ByteOf(0x41)).toBeUndefined();
  });
});
