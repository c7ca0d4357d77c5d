import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { CIRCULAR, checkFrontmatterSize, checkParsedValue, MAX_FRONTMATTER_BYTES, MAX_FRONTMATTER_DEPTH, nestedTooDeepAt, TOO_DEEP } from "./frontmatter-limits.js";

describe("checkFrontmatterSize", () => {
  it.each<[string, string, boolean]>([
    ["a small frontmatter", "name: a\n", false],
    ["exactly the cap", "a".repeat(MAX_FRONTMATTER_BYTES), false],
    ["one byte over", "a".repeat(MAX_FRONTMATTER_BYTES + 1), true],
    ["counted in UTF-8 bytes, not characters: 22,000 three-byte letters", "字".repeat(22_000), true],
    ["21,000 of them fit", "字".repeat(21_000), false],
  ])("%s", (_, source, tooLarge) => {
    expect(checkFrontmatterSize(source) !== undefined).toBe(tooLarge);
  });

  it("says how large it is and what the cap is", () => {
    expect(checkFrontmatterSize("a".repeat(70_000))).toBe("the frontmatter is 68.4 KiB; agentreg reads at most 64 KiB of frontmatter, far more than an agent needs");
  });
});

describe("nestedTooDeepAt", () => {
  const flow = (depth: number): string => `x: ${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}`;
  const block = (depth: number): string => Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n");
  it.each<[string, string, boolean]>([
    ["a flat mapping", "name: a\ntools: [Read]", false],
    ["hooks, as real agents nest them", "hooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - { type: command, command: x }", false],
    [`${MAX_FRONTMATTER_DEPTH} levels of flow lists`, flow(MAX_FRONTMATTER_DEPTH), false],
    [`${MAX_FRONTMATTER_DEPTH + 1} levels of flow lists`, flow(MAX_FRONTMATTER_DEPTH + 1), true],
    [`${MAX_FRONTMATTER_DEPTH} levels of block mappings`, block(MAX_FRONTMATTER_DEPTH), false],
    [`${MAX_FRONTMATTER_DEPTH + 1} levels of block mappings`, block(MAX_FRONTMATTER_DEPTH + 1), true],
    ["nesting inside a key", `? ${"[".repeat(MAX_FRONTMATTER_DEPTH)}${"]".repeat(MAX_FRONTMATTER_DEPTH)}\n: 1`, true],
  ])("%s", (_, source, deep) => {
    expect(nestedTooDeepAt(parseDocument(source).contents) !== undefined).toBe(deep);
  });

  it("walks hundreds of levels without recursing", () => {
    const doc = parseDocument(flow(400));
    expect(doc.errors).toEqual([]);
    expect(nestedTooDeepAt(doc.contents) !== undefined).toBe(true);
  });

  // The line a report names must not depend on whether yaml's own stack guard tripped first (it
  // trips at a depth that varies with the stack the caller has left): both name where the nesting is.
  it("names the collection that goes one level too deep, not the start of the document", () => {
    const source = `name: a\n${block(MAX_FRONTMATTER_DEPTH + 1)}`;
    const offset = nestedTooDeepAt(parseDocument(source).contents);
    expect(offset).toBeDefined();
    expect(source.slice(0, offset).split("\n")).toHaveLength(MAX_FRONTMATTER_DEPTH + 2);
    expect(nestedTooDeepAt(parseDocument(flow(MAX_FRONTMATTER_DEPTH)).contents)).toBeUndefined();
  });
});

describe("checkParsedValue", () => {
  const nest = (depth: number, inner: unknown = 1): unknown => (depth === 0 ? inner : [nest(depth - 1, inner)]);
  const self: unknown[] = [];
  self.push(self);
  const loop: Record<string, unknown> = {};
  loop.next = { back: [loop] };
  const shared = nest(30);
  it.each<[string, unknown, string | undefined]>([
    ["a flat mapping", { name: "a", tools: ["Read"] }, undefined],
    ["scalars, dates and bytes", { a: 1, b: null, c: new Date(0), d: new Uint8Array(3) }, undefined],
    [`${MAX_FRONTMATTER_DEPTH} levels`, { x: nest(MAX_FRONTMATTER_DEPTH - 1) }, undefined],
    [`${MAX_FRONTMATTER_DEPTH + 1} levels`, { x: nest(MAX_FRONTMATTER_DEPTH) }, TOO_DEEP],
    ["one value shared many times, measured once", { a: shared, b: [shared, shared], c: { d: shared } }, undefined],
    ["shared values that stack up past the limit, as chained aliases do", { x: nest(30, nest(30, shared)) }, TOO_DEEP],
    ["a list that contains itself", { a: self }, CIRCULAR],
    ["a loop through a mapping", { a: loop }, CIRCULAR],
    ["a Map and a Set", { m: new Map([["k", nest(10)]]), s: new Set([nest(10)]) }, undefined],
  ])("%s", (_, value, verdict) => {
    expect(checkParsedValue(value)).toBe(verdict);
  });
});
