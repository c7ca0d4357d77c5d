/**
 * Unified diffs of two texts, in the format POSIX `diff -u` writes and `patch` and `git apply` read.
 * The edit script comes from Myers' linear-space O(ND) algorithm ("An O(ND) Difference Algorithm and
 * Its Variations", 1986, section 4b), so files with few changes diff in near-linear time.
 */

export interface UnifiedDiffOptions {
  oldText: string;
  newText: string;
  /** Written after `--- `, e.g. `a/.claude/agents/reviewer.md`. */
  oldLabel: string;
  /** Written after `+++ `. */
  newLabel: string;
  /** Unchanged lines shown around each change, a non-negative integer; 3, as in `diff -u`. */
  context?: number;
}

export interface DiffStats {
  added: number;
  removed: number;
}

/** One line of the edit script, with how many old and new lines come before it. */
type Op = { kind: " " | "-" | "+"; line: string; oldBefore: number; newBefore: number };

/**
 * Describes how to turn `oldText` into `newText` as a unified diff, or returns `""` when they are equal.
 * Lines are split on `\n` only, so a `\r` stays part of its line and CRLF files diff faithfully.
 *
 * @example
 * ```ts
 * unifiedDiff({ oldText: "a\nb\n", newText: "a\nc\n", oldLabel: "a/x.md", newLabel: "b/x.md" });
 * // "--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
 * ```
 */
export function unifiedDiff(options: UnifiedDiffOptions): string {
  const { oldText, newText, oldLabel, newLabel, context = 3 } = options;
  if (oldText === newText) return "";
  const ops = diffLines(splitLines(oldText), splitLines(newText));
  const changes = ops.flatMap((op, index) => (op.kind === " " ? [] : [index]));

  const out = [`--- ${oldLabel}\n`, `+++ ${newLabel}\n`];
  for (let first = 0; first < changes.length; ) {
    // Changes at most two contexts apart share one hunk, as in GNU diff, so no line is printed twice.
    let last = first;
    while (last + 1 < changes.length && changes[last + 1]! - changes[last]! - 1 <= 2 * context) last++;
    const hunk = ops.slice(Math.max(0, changes[first]! - context), changes[last]! + context + 1);
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    out.push(`@@ -${range(hunk[0]!.oldBefore, oldCount)} +${range(hunk[0]!.newBefore, newCount)} @@\n`);
    for (const op of hunk) {
      // patch(1) needs this marker to know that the last line of a side has no newline.
      out.push(op.kind, op.line, op.line.endsWith("\n") ? "" : "\n\\ No newline at end of file\n");
    }
    first = last + 1;
  }
  return out.join("");
}

/**
 * Counts the lines a unified diff adds and removes. It follows hunk headers rather than line prefixes,
 * so a removed line that reads `-- x` (shown as `--- x`) still counts.
 *
 * @example
 * ```ts
 * diffStats("--- a\n+++ b\n@@ -1 +1,2 @@\n-x\n+y\n+z\n"); // { added: 2, removed: 1 }
 * ```
 */
export function diffStats(diff: string): DiffStats {
  const stats: DiffStats = { added: 0, removed: 0 };
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of diff.split("\n")) {
    const header = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (header) {
      oldLeft = Number(header[1] ?? 1);
      newLeft = Number(header[2] ?? 1);
    } else if (oldLeft > 0 && line.startsWith("-")) {
      stats.removed++;
      oldLeft--;
    } else if (newLeft > 0 && line.startsWith("+")) {
      stats.added++;
      newLeft--;
    } else if (oldLeft > 0 && newLeft > 0 && line.startsWith(" ")) {
      oldLeft--;
      newLeft--;
    }
  }
  return stats;
}

/** POSIX writes `start,count`, just `start` for one line, and the line before an empty range. */
function range(before: number, count: number): string {
  if (count === 1) return String(before + 1);
  return count === 0 ? `${before},0` : `${before + 1},${count}`;
}

/** Lines keep their `\n`, so a last line without one never equals the same text with one. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffLines(a: string[], b: string[]): Op[] {
  // Comparing small integers instead of strings keeps the inner loops fast.
  const ids = new Map<string, number>();
  const intern = (line: string): number => {
    const id = ids.get(line) ?? ids.size;
    ids.set(line, id);
    return id;
  };
  const x = Int32Array.from(a, intern);
  const y = Int32Array.from(b, intern);
  const removed = new Uint8Array(a.length);
  const added = new Uint8Array(b.length);
  markChanges(x, 0, x.length, y, 0, y.length, removed, added);

  // Unmarked lines form the common subsequence, so they pair up in order.
  const ops: Op[] = [];
  for (let i = 0, j = 0; i < a.length || j < b.length; ) {
    while (i < a.length && removed[i]) ops.push({ kind: "-", line: a[i]!, oldBefore: i++, newBefore: j });
    while (j < b.length && added[j]) ops.push({ kind: "+", line: b[j]!, oldBefore: i, newBefore: j++ });
    if (i < a.length && j < b.length) {
      ops.push({ kind: " ", line: a[i]!, oldBefore: i, newBefore: j });
      i++;
      j++;
    }
  }
  return ops;
}

/** Marks the lines of a[aLo, aHi) and b[bLo, bHi) outside one shortest edit script's common subsequence. */
function markChanges(
  a: Int32Array, aLo: number, aHi: number,
  b: Int32Array, bLo: number, bHi: number,
  removed: Uint8Array, added: Uint8Array,
): void {
  // Common ends are never edits; trimming them also guarantees the split below shrinks the problem.
  for (; aLo < aHi && bLo < bHi && a[aLo] === b[bLo]; aLo++) bLo++;
  for (; aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]; aHi--) bHi--;
  if (aLo === aHi || bLo === bHi) {
    added.fill(1, bLo, bHi);
    removed.fill(1, aLo, aHi);
    return;
  }
  const [aMid, bMid] = splitPoint(a, aLo, aHi, b, bLo, bHi);
  markChanges(a, aLo, aMid, b, bLo, bMid, removed, added);
  markChanges(a, aMid, aHi, b, bMid, bHi, removed, added);
}

/**
 * Finds a point on a shortest edit path by searching from both corners at once until the searches
 * meet, in O(n + m) space. The forward search's furthest point on the meeting diagonal lies on a
 * shortest path, because going further along a diagonal never lengthens the rest of the path.
 */
function splitPoint(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): [number, number] {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const max = Math.ceil((n + m) / 2);
  // Furthest x reached on each diagonal k = x - y (index k + max); the backward search counts from the ends.
  const forward = new Int32Array(2 * max + 1);
  const backward = new Int32Array(2 * max + 1);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = reach(forward, k, d, max, n, m);
      while (x >= 0 && x < n && x - k < m && a[aLo + x] === b[bLo + x - k]) x++;
      forward[k + max] = x;
      const c = delta - k;
      if (odd && x >= 0 && Math.abs(c) < d && backward[c + max]! >= 0 && x + backward[c + max]! >= n) {
        return [aLo + x, bLo + x - k];
      }
    }
    for (let k = -d; k <= d; k += 2) {
      let x = reach(backward, k, d, max, n, m);
      while (x >= 0 && x < n && x - k < m && a[aHi - 1 - x] === b[bHi - 1 - x + k]) x++;
      backward[k + max] = x;
      const c = delta - k;
      const xf = Math.abs(c) <= d ? forward[c + max]! : -1;
      if (!odd && x >= 0 && xf >= 0 && xf + x >= n) return [aLo + xf, bLo + xf - c];
    }
  }
  throw new Error("unifiedDiff: the searches did not meet; this is a bug");
}

/**
 * The furthest x on diagonal k after d edits, before following matches, or -1 if no d-edit path ends
 * on k. Moves that would leave the n-by-m edit graph are refused, so every point found is real.
 */
function reach(v: Int32Array, k: number, d: number, max: number, n: number, m: number): number {
  if (d === 0) return 0;
  const left = k > -d ? v[k - 1 + max]! : -1;
  const above = k < d ? v[k + 1 + max]! : -1;
  const right = left >= 0 && left < n ? left + 1 : -1;
  const down = above >= 0 && above - k <= m ? above : -1;
  return Math.max(right, down);
}
