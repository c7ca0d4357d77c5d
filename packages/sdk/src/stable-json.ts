/**
 * JSON with sorted object keys, 2-space indentation and a trailing newline: the one format for every
 * file agentreg writes (lockfile, config, registry documents), so the same data is always the same bytes.
 *
 * @example
 * stringifyStable({ b: 1, a: [2, 1] }); // '{\n  "a": [\n    2,\n    1\n  ],\n  "b": 1\n}\n'
 * stringifyStable({ agents: {}, lockfileVersion: 1 }, ["lockfileVersion"]); // lockfileVersion first
 */
export function stringifyStable(value: unknown, leadingKeys: readonly string[] = []): string {
  const sorted = sortKeys(value);
  if (leadingKeys.length === 0 || sorted === null || typeof sorted !== "object" || Array.isArray(sorted)) {
    return `${JSON.stringify(sorted, null, 2)}\n`;
  }
  // Top-level keys readers look for first ($schema, lockfileVersion) keep their place; the rest sort.
  const ordered: Record<string, unknown> = {};
  for (const key of leadingKeys) if (key in sorted) ordered[key] = (sorted as Record<string, unknown>)[key];
  return `${JSON.stringify(Object.assign(ordered, sorted), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}

/** Byte-order comparison, independent of the runtime's locale. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
