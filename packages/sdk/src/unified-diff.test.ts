import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffStats, unifiedDiff } from "./unified-diff.js";

/** `numbered(1, 3)` is "line 1\nline 2\nline 3\n". */
const numbered = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join("");

const diff = (oldText: string, newText: string, context?: number): string =>
  unifiedDiff({ oldText, newText, oldLabel: "a/x.md", newLabel: "b/x.md", context });

const header = "--- a/x.md\n+++ b/x.md\n";
const noNewline = "\\ No newline at end of file\n";

describe("unifiedDiff", () => {
  it.each([
    ["two empty texts", ""],
    ["a text with a final newline", "a\nb\n"],
    ["a text without one", "a\nb"],
  ])("is empty for %s compared with itself", (_case, text) => {
    expect(diff(text, text)).toBe("");
  });

  it("shows one changed line in a long file with three lines of context on each side", () => {
    const oldText = numbered(1, 20);
    const newText = oldText.replace("line 10\n", "line ten\n");
    expect(diff(oldText, newText)).toBe(
      header +
        "@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+line ten\n line 11\n line 12\n line 13\n",
    );
  });

  it.each([
    ["an addition at the start", "b\nc\n", "a\nb\nc\n", "@@ -1,2 +1,3 @@\n+a\n b\n c\n"],
    ["an addition at the end", "a\nb\n", "a\nb\nc\n", "@@ -1,2 +1,3 @@\n a\n b\n+c\n"],
    ["a deletion in the middle", "a\nb\nc\n", "a\nc\n", "@@ -1,3 +1,2 @@\n a\n-b\n c\n"],
    ["a deletion of the first line", "a\nb\n", "b\n", "@@ -1,2 +1 @@\n-a\n b\n"],
    ["a file emptied", "a\nb\n", "", "@@ -1,2 +0,0 @@\n-a\n-b\n"],
    ["a file created from nothing", "", "a\nb\n", "@@ -0,0 +1,2 @@\n+a\n+b\n"],
    ["a single line changed", "a\n", "b\n", "@@ -1 +1 @@\n-a\n+b\n"],
    ["a final newline added", "a\nb", "a\nb\n", `@@ -1,2 +1,2 @@\n a\n-b\n${noNewline}+b\n`],
    ["a final newline removed", "a\nb\n", "a\nb", `@@ -1,2 +1,2 @@\n a\n-b\n+b\n${noNewline}`],
    ["a change where neither side ends in a newline", "a\nb", "a\nc", `@@ -1,2 +1,2 @@\n a\n-b\n${noNewline}+c\n${noNewline}`],
    ["an addition after a last line without newline", "a", "a\nb", `@@ -1 +1,2 @@\n-a\n${noNewline}+a\n+b\n${noNewline}`],
    ["a file without newline emptied", "a", "", `@@ -1 +0,0 @@\n-a\n${noNewline}`],
    ["CRLF lines, keeping the \\r", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n", "@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n"],
    ["a line ending changed from CRLF to LF", "a\r\nb\n", "a\nb\n", "@@ -1,2 +1,2 @@\n-a\r\n+a\n b\n"],
  ])("writes %s", (_case, oldText, newText, hunks) => {
    expect(diff(oldText, newText)).toBe(header + hunks);
  });

  it.each([
    ["7 unchanged lines apart, as two hunks", 13, "@@ -2,7 +2,7 @@", "@@ -10,7 +10,7 @@"],
    ["6 unchanged lines apart, as one merged hunk", 12, "@@ -2,14 +2,14 @@", undefined],
    ["far apart, as two hunks", 40, "@@ -2,7 +2,7 @@", "@@ -37,7 +37,7 @@"],
  ])("writes two changes %s", (_case, second, firstHeader, secondHeader) => {
    const oldText = numbered(1, 50);
    const newText = oldText.replace("line 5\n", "changed 5\n").replace(`line ${second}\n`, `changed ${second}\n`);
    const headers = diff(oldText, newText).split("\n").filter((line) => line.startsWith("@@"));
    expect(headers).toEqual(secondHeader === undefined ? [firstHeader] : [firstHeader, secondHeader]);
  });

  it.each([
    ["an insertion, as an empty old range after line 1", "a\nc\n", "a\nb\nc\n", "@@ -1,0 +2 @@\n+b\n"],
    ["a deletion, as an empty new range after line 1", "a\nb\nc\n", "a\nc\n", "@@ -2 +1,0 @@\n-b\n"],
    ["a change", "a\nb\nc\n", "a\nB\nc\n", "@@ -2 +2 @@\n-b\n+B\n"],
  ])("writes, with no context, %s", (_case, oldText, newText, hunks) => {
    expect(diff(oldText, newText, 0)).toBe(header + hunks);
  });

  it("finds a shortest edit script, as counted by a longest common subsequence", () => {
    const random = seededRandom(7);
    for (let round = 0; round < 200; round++) {
      const a = randomLines(random, 12, 3);
      const b = randomLines(random, 12, 3);
      const { added, removed } = diffStats(diff(a.join(""), b.join("")));
      const common = lcsLength(a, b);
      expect({ added, removed }).toEqual({ added: b.length - common, removed: a.length - common });
    }
  });

  it("keeps two 10,000-line files with a few changes to a few small hunks", () => {
    const oldText = numbered(1, 10_000);
    const newText = oldText.replace("line 100\n", "").replace("line 5000\n", "line 5000\nnew\n").replace("line 9999\n", "x\n");
    const text = diff(oldText, newText);
    expect(text.split("\n").filter((line) => line.startsWith("@@"))).toEqual([
      "@@ -97,7 +97,6 @@",
      "@@ -4998,6 +4997,7 @@",
      "@@ -9996,5 +9996,5 @@",
    ]);
    expect(applyWithPatch(oldText, text)).toBe(newText);
  });
});

describe("unifiedDiff round-trips through patch(1)", () => {
  const random = seededRandom(20240611);
  const cases = Array.from({ length: 25 }, (_, seed) => {
    const base = randomLines(random, 40, 8);
    const edited = randomEdits(random, base);
    // Some cases drop a final newline or switch to CRLF, the shapes patch handles most carefully.
    const crlf = random() < 0.2;
    const join = (lines: string[], trim: boolean): string => {
      const text = lines.map((line) => (crlf ? line.replace("\n", "\r\n") : line)).join("");
      return trim ? text.replace(/\r?\n$/, "") : text;
    };
    return [seed, join(base, random() < 0.25), join(edited, random() < 0.25)] as const;
  });

  it.each(cases)("applies random edit script %i", (_seed, oldText, newText) => {
    const text = diff(oldText, newText);
    expect(text === "").toBe(oldText === newText);
    expect(applyWithPatch(oldText, text)).toBe(newText);
  });
});

describe("diffStats", () => {
  it.each([
    ["no diff", "", { added: 0, removed: 0 }],
    ["one changed line", diff("a\nb\nc\n", "a\nB\nc\n"), { added: 1, removed: 1 }],
    ["a created file", diff("", "a\nb\n"), { added: 2, removed: 0 }],
    ["a newline marker, which is no line", diff("a", "a\n"), { added: 1, removed: 1 }],
    ["removed lines that look like file headers", diff("-- x\n++ y\nz\n", "z\n"), { added: 0, removed: 2 }],
    ["two hunks", diff(numbered(1, 30), numbered(1, 30).replace("line 2\n", "").replace("line 29\n", "a\nb\n")), { added: 2, removed: 2 }],
  ])("counts %s", (_case, text, stats) => {
    expect(diffStats(text)).toEqual(stats);
  });
});

const workDir = mkdtempSync(join(tmpdir(), "agentreg-diff-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
let applied = 0;

/** Applies a diff with the system `patch`, the tool the format must satisfy. */
function applyWithPatch(oldText: string, diffText: string): string {
  const oldFile = join(workDir, `old-${applied}`);
  const out = join(workDir, `new-${applied++}`);
  writeFileSync(oldFile, oldText);
  if (diffText === "") return oldText;
  const result = spawnSync("patch", ["-p0", "-o", out, oldFile], { input: diffText, encoding: "utf8" });
  expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  return readFileSync(out, "utf8");
}

/** mulberry32: a small seeded PRNG, so a failing case can be replayed exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines from a small alphabet, so repeats make many equally short edit scripts. */
function randomLines(random: () => number, maxLength: number, alphabet: number): string[] {
  return Array.from({ length: Math.floor(random() * (maxLength + 1)) }, () => `${Math.floor(random() * alphabet)}\n`);
}

function randomEdits(random: () => number, base: string[]): string[] {
  const lines = [...base];
  for (let edits = Math.floor(random() * 6); edits > 0; edits--) {
    const at = Math.floor(random() * (lines.length + 1));
    const inserted = randomLines(random, 3, 8);
    lines.splice(at, Math.floor(random() * 3), ...inserted);
  }
  return lines;
}

function lcsLength(a: string[], b: string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const line of a) {
    const next = [0];
    b.forEach((other, j) => next.push(line === other ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!)));
    row = next;
  }
  return row[b.length]!;
}
