/**
 * Up to `limit` candidates close to `name`: containing it, or within a small edit distance,
 * closest first. Used to turn "not found" into "did you mean".
 *
 * @example
 * suggestNames("backend-enginer", ["senior-backend-engineer", "code-reviewer"]); // ["senior-backend-engineer"]
 */
export function suggestNames(name: string, candidates: readonly string[], limit = 3): string[] {
  const scored: Array<[number, string]> = [];
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = candidate.includes(name) || name.includes(candidate) ? 0 : editDistance(name, candidate);
    if (distance <= Math.max(2, Math.floor(name.length / 3))) scored.push([distance, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  return scored.slice(0, limit).map(([, candidate]) => candidate);
}

/** Levenshtein distance with one rolling row. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
