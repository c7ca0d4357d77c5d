import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { AgentregError, type ErrorCode } from "./errors.js";
import { describeZodIssue } from "./zod-issue.js";

export interface ReadJsonFileOptions<S extends z.ZodType> {
  path: string;
  schema: S;
  /** The error code for a malformed file (`E_CONFIG`, `E_LOCKFILE`, …). */
  code: ErrorCode;
  /** What the user should do about a malformed file. */
  hint: string;
}

/**
 * Reads and validates a JSON file; `undefined` when it does not exist. A malformed file becomes an
 * error naming the file and the position (line:column), never a stack trace.
 *
 * @example
 * const config = await readJsonFile({ path, schema: projectConfigSchema, code: "E_CONFIG", hint: "Fix it." });
 */
export async function readJsonFile<S extends z.ZodType>(options: ReadJsonFileOptions<S>): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(options.path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return parseJsonText({ ...options, text });
}

/**
 * Parses and validates JSON text that came from `path`.
 *
 * @example
 * parseJsonText({ text: "{}", path: "agentreg.json", schema, code: "E_CONFIG", hint: "Fix it." });
 */
export function parseJsonText<S extends z.ZodType>(options: ReadJsonFileOptions<S> & { text: string }): z.infer<S> {
  const { text, path, schema, code, hint } = options;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const where = position ? ` at ${lineColumn(text, Number(position[1]))}` : "";
    throw new AgentregError(code, `${path} is not valid JSON${where}: ${(error as Error).message.replace(/ in JSON at position.*$/, "")}`, {
      subject: path,
      hint,
    });
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (!result.success) {
    const messages = result.error.issues.slice(0, 3).map(describeZodIssue);
    throw new AgentregError(code, `${path} is invalid: ${messages.join("; ")}`, { subject: path, hint });
  }
  return result.data;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}
