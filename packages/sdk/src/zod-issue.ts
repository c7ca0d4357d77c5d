import type { z } from "zod";

/** How a JSON value's kind is named for people editing a file. */
const KINDS: Record<string, string> = {
  record: "an object { … }",
  object: "an object { … }",
  array: "a list [ … ]",
  string: "a string in quotes",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/**
 * One schema problem in words a person editing a JSON file understands (`agents.x: must be a string
 * in quotes, not a list`), instead of zod's own wording (`expected string, received array`).
 *
 * @example
 * describeZodIssue({ code: "invalid_type", expected: "record", path: ["agents"], input: [] }); // "agents: must be an object { … }, not a list"
 */
export function describeZodIssue(issue: z.core.$ZodIssue & { input?: unknown }): string {
  const at = issue.path.length > 0 ? issue.path.map(String).join(".") : "(top level)";
  return `${at}: ${describe(issue)}`;
}

function describe(issue: z.core.$ZodIssue & { input?: unknown }): string {
  switch (issue.code) {
    case "invalid_type": {
      const found = kindOf(issue.input);
      const wanted = KINDS[issue.expected] ?? issue.expected;
      return found === "missing" ? `is missing; it must be ${wanted}` : `must be ${wanted}${found === undefined ? "" : `, not ${found}`}`;
    }
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) === 1 ? "must not be empty" : `is too small (at least ${String(issue.minimum)})`;
    case "invalid_value":
      return `must be ${issue.values.map((value) => JSON.stringify(value)).join(" or ")}`;
    case "invalid_union":
      return "has the wrong form (see the documentation of this file)";
    case "unrecognized_keys":
      return `has unknown keys: ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

function kindOf(value: unknown): string | undefined {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "true or false";
  return undefined;
}
