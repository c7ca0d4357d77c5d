/**
 * The one candidate `input` was most likely meant to be, for "did you mean" in the validator's
 * findings (issue 13): the same word in another case or with other separators (`bash` → `Bash`,
 * `disallowed_tools` → `disallowedTools`), else the closest within a typo or two (`colour` → `color`,
 * `Bsh` → `Bash`, `tool` → `tools`). Short words get one edit only: with two, any short word would
 * match half the list. Ties go to the candidate listed first.
 *
 * @example
 * suggestSpelling("colour", ["color", "model"]); // "color"
 * suggestSpelling("grep", ["Grep", "Glob"]);     // "Grep"
 * suggestSpelling("flavour", ["color", "model"]); // undefined
 */
export function suggestSpelling(input: string, candidates: readonly string[]): string | undefined {
  const folded = fold(input);
  const same = candidates.find((candidate) => candidate !== input && fold(candidate) === folded);
  if (same !== undefined) return same;
  const lower = input.toLowerCase();
  const allowed = lower.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === input || Math.abs(candidate.length - lower.length) > allowed) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= allowed && distance < candidate.length / 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Case and `-`/`_` separators do not tell words apart for a reader; Claude Code folds them too. */
function fold(word: string): string {
  return word.replace(/[-_]/g, "").toLowerCase();
}

/** Optimal string alignment distance: Levenshtein plus swapping two neighbours (`Gerp` → `Grep`). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
