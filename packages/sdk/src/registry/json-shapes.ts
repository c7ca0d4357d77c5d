// The shape checks of the hand-written document parsers (parse-index.ts, parse-packument.ts): each
// answers as the zod schema it stands in for answers for the same value.

/** A JSON object: not null, not a list (zod's record and object refuse both). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `z.array(z.string())`. */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** The protocol's `isoDate()`: a string `Date.parse` reads. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

/**
 * `ownRecord`'s check of a file's keys: a JSON object without an own `__proto__` key, whose values
 * pass `valid`. The result has no prototype, as `ownRecord` makes it.
 */
export function ownRecordOf<V>(value: unknown, valid: (item: unknown) => item is V): Record<string, V> | undefined {
  if (!isRecord(value) || Object.hasOwn(value, "__proto__")) return undefined;
  const record = Object.create(null) as Record<string, V>;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (!valid(item)) return undefined;
    record[key] = item;
  }
  return record;
}

/** The protocol's `signatures`: a list of `{ keyid, sig }` strings, other keys dropped. */
export function signaturesOf(value: unknown): Array<{ keyid: string; sig: string }> | undefined {
  if (!Array.isArray(value)) return undefined;
  const signatures: Array<{ keyid: string; sig: string }> = [];
  for (const signature of value) {
    if (!isRecord(signature) || typeof signature.keyid !== "string" || typeof signature.sig !== "string") return undefined;
    signatures.push({ keyid: signature.keyid, sig: signature.sig });
  }
  return signatures;
}
