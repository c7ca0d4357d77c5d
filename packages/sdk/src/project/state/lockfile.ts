import { join } from "node:path";
import * as z from "zod";
import { agentKeyName } from "../../agent/agent-name.js";
import { isIntegrity } from "../../archive/integrity.js";
import { memo } from "../../memo.js";
import { ownRecord } from "../../own-record.js";
import { installPathFor, possibleAgentPaths } from "./agent-files.js";
import { isCanonicalVersion } from "../../registry/protocol.js";
import { hasUrlCredentials } from "../../registry/url-credentials.js";
import { ErrorCode } from "../../errors.js";
import { parseJsonText, readJsonFile } from "../../json-file.js";
import { stringifyStable } from "../../stable-json.js";
import { checkArgument } from "../../check-arguments.js";

export const LOCKFILE = "agentreg.lock";
export const LOCKFILE_VERSION = 1;

/**
 * The zod schemas of `agentreg.lock`, built the first time one is needed (a command in a project
 * without a lockfile never needs them; see `projectConfigSchemas`). `lockfileSchema` (file-schemas.ts) is
 * the same object.
 */
export const lockfileSchemas = memo(buildLockfileSchemas);

type LockfileSchemas = ReturnType<typeof buildLockfileSchemas>;

function buildLockfileSchemas() {
  const lockEntrySchema = z.object({
    version: z.string().refine(isCanonicalVersion, "not a semver version"),
    /** `builtin`, a registry name from `agentreg.json`, or the path/URL given with `--registry`. */
    registry: z.string().min(1).refine((registry) => !hasUrlCredentials(registry), "must not contain credentials"),
    /** Where the tarball came from (`builtin:…`, a path or URL). */
    resolved: z.string().min(1).refine((resolved) => !hasUrlCredentials(resolved), "must not contain credentials"),
    /** SRI sha512 of the tarball. Required: a lock entry without integrity is refused, never skipped. */
    integrity: z.string().refine(isIntegrity, "not an SRI sha512 integrity (sha512-<88 base64 characters>)"),
    /** Project-relative POSIX path of each installed file -> SRI sha512 of its bytes. */
    files: ownRecord(z.string().refine(isIntegrity, "not an SRI sha512 integrity (sha512-<88 base64 characters>)")),
  });

  /**
   * `agentreg.lock`: what the project got (DESIGN §5). Every entry is checked before anything reads it
   * (DESIGN §8): its key is an agent name, and the only files it may name are that agent's own files in
   * the agents folders of the targets (issue 17), so a hostile lockfile cannot make `install` or `remove` delete, or `--force` back
   * up, any other path.
   */
  const lockfileSchema = z
    .object({
      lockfileVersion: z.literal(LOCKFILE_VERSION),
      agents: ownRecord(lockEntrySchema),
    })
    .superRefine((lock, context) => {
      for (const [key, entry] of Object.entries(lock.agents)) {
        const name = agentKeyName(key);
        if (name === undefined) {
          context.addIssue({ code: "custom", path: ["agents", key], message: "is not an agent name (name or @scope/name)" });
          continue;
        }
        // Only the agent's own file for each target (agent-files.ts): never any other path.
        const possible = possibleAgentPaths(name);
        const paths = Object.keys(entry.files);
        const wrong = paths.filter((path) => !possible.has(path));
        if (paths.length === 0 || wrong.length > 0) {
          context.addIssue({ code: "custom", path: ["agents", key, "files"], message: `must list only ${installPathFor(name)} or the same agent's file for another target, not ${(wrong.length > 0 ? wrong : paths).map((path) => JSON.stringify(path)).join(", ") || "nothing"}` });
        }
      }
    });

  return { lockEntrySchema, lockfileSchema };
}

export type LockEntry = z.infer<LockfileSchemas["lockEntrySchema"]>;
/**
 * `agentreg.lock`: what the project got (DESIGN §5). Every entry is checked before anything reads it
 * (DESIGN §8): its key is an agent name, and the only files it may name are that agent's own files in
 * the agents folders of the targets (issue 17), so a hostile lockfile cannot make `install` or `remove`
 * delete, or `--force` back up, any other path.
 */
export type Lockfile = z.infer<LockfileSchemas["lockfileSchema"]>;

/**
 * Reads `agentreg.lock` from a project folder; `undefined` when there is none.
 *
 * @example
 * const lock = await readLockfile("/work/app");
 */
export async function readLockfile(dir: string): Promise<Lockfile | undefined> {
  checkArgument("readLockfile", "dir", dir, "path");
  return readJsonFile({ path: join(dir, LOCKFILE), ...lockfileFormat() });
}

/**
 * Parses the text of `agentreg.lock` (`path` is for messages).
 *
 * @example
 * parseLockfile('{ "lockfileVersion": 1, "agents": {} }', "agentreg.lock");
 */
export function parseLockfile(text: string, path: string): Lockfile {
  checkArgument("parseLockfile", "text", text, "string");
  checkArgument("parseLockfile", "path", path, "string");
  return parseJsonText({ text, path, ...lockfileFormat() });
}

const lockfileFormat = () =>
  ({
    schema: lockfileSchemas().lockfileSchema,
    code: ErrorCode.LOCKFILE,
    hint: `Restore ${LOCKFILE} from version control, or delete it and run \`agentreg install\` to re-resolve.`,
  }) as const;

/**
 * The bytes of `agentreg.lock`: deterministic (sorted keys, 2-space JSON, trailing newline, POSIX
 * paths), so the same install always produces the same lockfile and diffs stay small.
 *
 * @example
 * formatLockfile({ lockfileVersion: 1, agents: {} }); // '{\n  "lockfileVersion": 1,\n  "agents": {}\n}\n'
 */
export function formatLockfile(lock: Lockfile): string {
  checkArgument("formatLockfile", "lock", lock, "object");
  return stringifyStable(lock, ["lockfileVersion"]);
}

/**
 * An empty lockfile.
 *
 * @example
 * const lock = emptyLockfile();
 */
export function emptyLockfile(): Lockfile {
  return { lockfileVersion: LOCKFILE_VERSION, agents: Object.create(null) as Lockfile["agents"] };
}
