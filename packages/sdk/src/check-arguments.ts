import { AgentregError, ErrorCode } from "./errors.js";

// Every function of the public API checks what a program passed it before using it, so a wrong call
// (`resolveVersion(versions, "^1")`, `validatePath("x.md")`) is an `E_USAGE` that names the parameter
// instead of a TypeError from deep inside (issue 14). Only `typeof`-level tests: these run on every
// call, hot paths included, so no zod here; the values a program passes in are its own, not input.

/** One test of a parameter, with the words an error uses for what it must be. */
export interface ArgumentRule {
  readonly label: string;
  readonly test: (value: unknown) => boolean;
  /** `undefined` is accepted too. */
  readonly optional?: boolean;
}

/** Any object but an array: `process.env`, a null-prototype record and a class instance all qualify. */
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const RULES = {
  string: { label: "a string", test: (value) => typeof value === "string" },
  path: { label: "a path (a non-empty string)", test: (value) => typeof value === "string" && value.length > 0 },
  boolean: { label: "true or false", test: (value) => typeof value === "boolean" },
  number: { label: "a number", test: (value) => typeof value === "number" && !Number.isNaN(value) },
  function: { label: "a function", test: (value) => typeof value === "function" },
  object: { label: "an object { … }", test: isRecord },
  bytes: { label: "bytes (a Uint8Array or Buffer)", test: (value) => value instanceof Uint8Array },
  "string[]": { label: "an array of strings", test: (value) => Array.isArray(value) && value.every((item) => typeof item === "string") },
  array: { label: "an array", test: (value) => Array.isArray(value) },
  map: { label: "a Map", test: (value) => value instanceof Map },
  date: { label: "a valid Date", test: (value) => value instanceof Date && !Number.isNaN(value.getTime()) },
  packument: {
    label: "a packument object { name, distTags, versions }",
    test: (value) => isRecord(value) && typeof value.name === "string" && isRecord(value.distTags) && isRecord(value.versions),
  },
  agent: {
    label: "an agent definition (from interpretAgent)",
    test: (value) => isRecord(value) && typeof value.name === "string" && (value.tools === "all" || Array.isArray(value.tools)),
  },
} satisfies Record<string, ArgumentRule>;

type Kind = keyof typeof RULES;

/** A parameter's rule: a kind by name (`"path"`, `"bytes?"` when it may be left out) or a rule of its own. */
export type ArgumentCheck = Kind | `${Kind}?` | ArgumentRule;

/** The rule of every field of an options object: listing each one keeps new options from going unchecked. */
export type OptionsSpec<T> = { readonly [K in keyof T]-?: ArgumentCheck };

/**
 * A rule that accepts exactly these strings.
 *
 * @example
 * checkOptions("listAgents", options, { dir: "path", scope: oneOf(["project", "user"], { optional: true }) });
 */
export function oneOf(values: readonly string[], options: { optional?: boolean } = {}): ArgumentRule {
  return {
    label: `one of ${values.map((value) => JSON.stringify(value)).join(", ")}`,
    test: (value) => typeof value === "string" && values.includes(value),
    optional: options.optional ?? false,
  };
}

/** The `?` variants, made once: checks run on every call of the public API. */
const OPTIONAL_RULES = Object.fromEntries(
  Object.entries(RULES).map(([kind, rule]) => [`${kind}?`, { ...rule, optional: true }]),
) as Record<`${Kind}?`, ArgumentRule>;

function ruleOf(check: ArgumentCheck): ArgumentRule {
  if (typeof check !== "string") return check;
  return check.endsWith("?") ? OPTIONAL_RULES[check as `${Kind}?`] : RULES[check as Kind];
}

/**
 * Throws `E_USAGE` naming the parameter unless `value` passes `check`.
 *
 * @example
 * checkArgument("computeIntegrity", "bytes", bytes, "bytes");
 * // computeIntegrity: bytes must be bytes (a Uint8Array or Buffer); got a string ("x")
 */
export function checkArgument(fn: string, name: string, value: unknown, check: ArgumentCheck): void {
  const rule = ruleOf(check);
  if ((value === undefined && rule.optional === true) || rule.test(value)) return;
  throw usageError(fn, name, rule.label, value, `See ${fn} in the @agentreg/sdk API reference.`);
}

/**
 * Throws `E_USAGE` unless `options` is an object whose every field passes its rule. `name` is what the
 * message calls the object (`options`, `options.network`).
 *
 * @example
 * checkOptions("resolveVersion", options, { packument: "packument", range: "string", displayName: "string?" });
 * // resolveVersion: options must be an object { packument, range, displayName? }; got an array
 */
export function checkOptions<T>(fn: string, options: T, spec: OptionsSpec<NoInfer<T>>, name = "options"): void {
  const rules = spec as Record<string, ArgumentCheck>;
  if (!isRecord(options)) throw usageError(fn, name, `an object ${shapeOf(rules)}`, options, optionsHint(fn, name, rules));
  for (const key in rules) {
    const rule = ruleOf(rules[key] as ArgumentCheck);
    const value = options[key];
    if ((value === undefined && rule.optional === true) || rule.test(value)) continue;
    throw usageError(fn, `${name}.${key}`, rule.label, value, optionsHint(fn, name, rules));
  }
}

/** `{ packument, range, displayName? }`: built only for an error, never on the happy path. */
function shapeOf(rules: Record<string, ArgumentCheck>): string {
  return `{ ${Object.entries(rules)
    .map(([key, check]) => (ruleOf(check).optional === true ? `${key}?` : key))
    .join(", ")} }`;
}

function optionsHint(fn: string, name: string, rules: Record<string, ArgumentCheck>): string {
  return `${fn} takes ${name === "options" ? "one options object" : name} ${shapeOf(rules)}; see ${fn} in the @agentreg/sdk API reference.`;
}

/**
 * Throws `E_USAGE` unless exactly one of two alternative fields of `options` is given.
 *
 * @example
 * checkExactlyOne("validateAgent", options, ["bytes", "text"]);
 * // validateAgent: options must have options.bytes or options.text (exactly one); got neither
 */
export function checkExactlyOne(fn: string, options: object, keys: readonly [string, string]): void {
  const given = keys.filter((key) => (options as Record<string, unknown>)[key] !== undefined).length;
  if (given === 1) return;
  const [a, b] = keys;
  throw new AgentregError(ErrorCode.USAGE, `${fn}: options must have options.${a} or options.${b} (exactly one); got ${given === 0 ? "neither" : "both"}`, {
    subject: `${fn}(options)`,
    hint: `Pass { ${a} } or { ${b} }; see ${fn} in the @agentreg/sdk API reference.`,
  });
}

function usageError(fn: string, name: string, label: string, value: unknown, hint: string): AgentregError {
  return new AgentregError(ErrorCode.USAGE, `${fn}: ${name} must be ${label}; got ${describeValue(value)}`, {
    subject: `${fn}(${name})`,
    hint,
  });
}

/**
 * What a wrong argument was, in a few words: its kind, and for a short primitive its value.
 *
 * @example
 * describeValue([1, 2]); // "an array"
 * describeValue("x.md"); // 'a string ("x.md")'
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return value.length === 0 ? "an empty string" : `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    case "number":
    case "bigint":
    case "boolean":
      return `a ${typeof value} (${String(value)})`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default: {
      const constructorName = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
      return typeof constructorName === "string" && constructorName !== "Object" && constructorName !== "" ? `a ${constructorName}` : "an object";
    }
  }
}
