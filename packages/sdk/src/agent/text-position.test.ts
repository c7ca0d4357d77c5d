import { describe, expect, it } from "vitest";
import { createPositionFinder } from "./text-position.js";

describe("createPositionFinder", () => {
  const text = "ab\n😀c\r\n\nx";
  const positionOf = createPositionFinder(text);

  it.each<[string, number, { line: number; column: number }]>([
    ["the first character", 0, { line: 1, column: 1 }],
    ["a newline belongs to the line it ends", 2, { line: 1, column: 3 }],
    ["the start of the next line", 3, { line: 2, column: 1 }],
    ["after an emoji, one column on, though two UTF-16 units", 5, { line: 2, column: 2 }],
    ["a CR is a column like any other", 6, { line: 2, column: 3 }],
    ["an empty line", 8, { line: 3, column: 1 }],
    ["the last line", 9, { line: 4, column: 1 }],
    ["the end of the text", 10, { line: 4, column: 2 }],
  ])("%s", (_, index, position) => {
    expect(positionOf(index)).toEqual(position);
  });
});

describe("createPositionFinder: queries in any order", () => {
  it("gives the same answers backwards, forwards and across lines", () => {
    const text = "😀a😀\nb😀c\n";
    const fresh = (index: number) => createPositionFinder(text)(index);
    const shared = createPositionFinder(text);
    for (const index of [9, 3, 5, 0, 8, 6, 7, 2, 10]) expect(shared(index)).toEqual(fresh(index));
  });
});
