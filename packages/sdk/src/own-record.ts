import * as z from "zod";

/**
 * A record schema for keys that come from files (agent names, registry names, versions, dist-tags):
 * the parsed record has no prototype, so `record["constructor"]` or `"toString" in record` is about
 * the file's own keys only, never `Object.prototype`. A `__proto__` key is an error, not silently
 * dropped (zod skips it, and a plain object would turn it into a prototype).
 *
 * @example
 * const agents = ownRecord(z.string()).parse(JSON.parse('{ "constructor": "^1.0.0" }'));
 * agents.constructor; // "^1.0.0"
 */
export function ownRecord<V extends z.ZodType>(value: V, key: z.ZodType<string> = z.string()) {
  return z.preprocess(
    (input, context) => {
      if (input !== null && typeof input === "object" && Object.hasOwn(input, "__proto__")) {
        context.issues.push({ code: "custom", message: '"__proto__" is not allowed as a key', input });
      }
      return input;
    },
    z.record(key, value).transform((record) => Object.assign(Object.create(null) as Record<string, z.output<V>>, record)),
  );
}

/**
 * An own property of a record, or `undefined`: safe for keys read from files on any object.
 *
 * @example
 * own({}, "constructor"); // undefined
 */
export function own<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
