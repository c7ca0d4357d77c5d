import { join } from "node:path";
import { z } from "zod";
import { ErrorCode } from "../errors.js";
import { parseJsonText, readJsonFile } from "../json-file.js";
import { stringifyStable } from "../stable-json.js";

export const LOCKFILE = "agentreg.lock";
export const LOCKFILE_VERSION = 1;

export const lockEntrySchema = z.object({
  version: z.string().min(1),
  /** `builtin`, a registry name from `agentreg.json`, or the path/URL given with `--registry`. */
  registry: z.string().min(1),
  /** Where the tarball came from (`builtin:…`, a path or URL). */
  resolved: z.string().min(1),
  /** SRI sha512 of the tarball. Required: a lock entry without integrity is refused, never skipped. */
  integrity: z.string().min(1),
  /** Project-relative POSIX path of each installed file -> SRI sha512 of its bytes. */
  files: z.record(z.string(), z.string().min(1)),
});

/** `agentreg.lock`: what the project got (DESIGN §5). */
export const lockfileSchema = z.object({
  lockfileVersion: z.literal(LOCKFILE_VERSION),
  agents: z.record(z.string(), lockEntrySchema),
});

export type LockEntry = z.infer<typeof lockEntrySchema>;
export type Lockfile = z.infer<typeof lockfileSchema>;

/**
 * Reads `agentreg.lock` from a project folder; `undefined` when there is none.
 *
 * @example
 * const lock = await readLockfile("/work/app");
 */
export async function readLockfile(dir: string): Promise<Lockfile | undefined> {
  return readJsonFile({ path: join(dir, LOCKFILE), ...lockfileFormat });
}

/**
 * Parses the text of `agentreg.lock` (`path` is for messages).
 *
 * @example
 * parseLockfile('{ "lockfileVersion": 1, "agents": {} }', "agentreg.lock");
 */
export function parseLockfile(text: string, path: string): Lockfile {
  return parseJsonText({ text, path, ...lockfileFormat });
}

const lockfileFormat = {
  schema: lockfileSchema,
  code: ErrorCode.LOCKFILE,
  hint: `Restore ${LOCKFILE} from version control, or delete it and run \`agentreg install\` to re-resolve.`,
} as const;

/**
 * The bytes of `agentreg.lock`: deterministic (sorted keys, 2-space JSON, trailing newline, POSIX
 * paths), so the same install always produces the same lockfile and diffs stay small.
 *
 * @example
 * formatLockfile({ lockfileVersion: 1, agents: {} }); // '{\n  "lockfileVersion": 1,\n  "agents": {}\n}\n'
 */
export function formatLockfile(lock: Lockfile): string {
  return stringifyStable(lock, ["lockfileVersion"]);
}

/**
 * An empty lockfile.
 *
 * @example
 * const lock = emptyLockfile();
 */
export function emptyLockfile(): Lockfile {
  return { lockfileVersion: LOCKFILE_VERSION, agents: {} };
}
