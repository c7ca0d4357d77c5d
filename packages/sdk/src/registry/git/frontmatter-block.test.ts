import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frontmatterBlock } from "./frontmatter-block.js";

/** What frontmatterBlock replaces: the regular expression on the first 8 KiB, decoded. */
function byExpression(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, 8192));
  return /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(head)?.[1];
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("frontmatterBlock", () => {
  it.each([
    ["a plain frontmatter", "---\nname: reviewer\n---\nBody\n", "name: reviewer"],
    ["CRLF line ends", "---\r\nname: a\r\ntools: Read\r\n---\r\nBody", "name: a\r\ntools: Read"],
    ["a BOM", "\uFEFF---\nname: a\n---\n", "name: a"],
    ["an empty block", "---\n\n---\n", ""],
    ["a fence at the very end", "---\nname: a\n---", "name: a"],
    ["a longer dash line inside", "---\nname: a\n----\nx: 1\n---\n", "name: a\n----\nx: 1"],
  ])("finds %s", (_case, text, block) => {
    expect(frontmatterBlock(encode(text))).toBe(block);
  });

  it.each([
    ["no opening fence", "name: a\n---\n"],
    ["no closing fence", "---\nname: a\n"],
    ["the fences with nothing between (the expression wants a line end first)", "---\n---\n"],
    ["a closing fence followed by a lone CR", "---\nname: a\n---\r"],
    ["a closing fence past the first 8 KiB", `---\nname: a\n${"x".repeat(9000)}\n---\n`],
  ])("finds nothing for %s", (_case, text) => {
    expect(frontmatterBlock(encode(text))).toBeUndefined();
  });

  it("agrees with the regular expression it replaces, on files made of fences, line ends, BOMs and text", () => {
    const piece = fc.constantFrom("---", "----", "--", "\n", "\r\n", "\r", "\uFEFF", "name: a", "é", "x", " ");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const bytes = encode(pieces.join(""));
        expect(frontmatterBlock(bytes)).toBe(byExpression(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with it at the 8 KiB cut, where a character can be split", () => {
    fc.assert(
      fc.property(fc.integer({ min: 8170, max: 8200 }), fc.constantFrom("x", "é", "€"), (fill, char) => {
        const bytes = encode(`---\nname: a\n${char.repeat(Math.floor(fill / new TextEncoder().encode(char).length))}\n---\n`);
        expect(frontmatterBlock(bytes)).toBe(byExpression(bytes));
      }),
    );
  });
});
