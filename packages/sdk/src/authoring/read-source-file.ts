import type { z } from "zod";
import { DEFAULT_ARCHIVE_LIMITS } from "../archive/archive-limits.js";
import { ErrorCode } from "../errors.js";
import { parseJsonText } from "../json-file.js";
import { readRegularFile } from "../read-regular-file.js";
import { REGISTRY_FILE_LIMITS } from "../registry/document-limits.js";

/**
 * A registry source folder is read the way a built registry folder is (registry/folder-source.ts):
 * `--registry ./source` builds it in memory on every install, so its files are as untrusted as a
 * server's. Only regular files are read (a FIFO would hang the build, a symlink to /dev/zero would
 * fill memory), each under a cap: an agent file no larger than a tarball may carry it, metadata no
 * larger than a packument.
 */
const SOURCE_FILE_LIMITS = { agent: DEFAULT_ARCHIVE_LIMITS.maxEntryBytes, json: REGISTRY_FILE_LIMITS.document } as const;

const MIB = 1024 * 1024;
const HINT = `A registry source holds only regular files (no symlinks, FIFOs or devices): agent files up to ${SOURCE_FILE_LIMITS.agent / MIB} MiB, JSON up to ${SOURCE_FILE_LIMITS.json / MIB} MiB. Put a real copy of the file there.`;

/**
 * Reads an agent file (`agents/<name>/<version>/<name>.md`) of a registry source; `undefined` when
 * there is none. Anything but a regular file within the cap is `E_REGISTRY` naming the path.
 *
 * @example
 * const bytes = await readSourceAgentFile("registry/agents/reviewer/1.0.0/reviewer.md");
 */
export function readSourceAgentFile(path: string): Promise<Uint8Array | undefined> {
  return readRegularFile(path, { maxBytes: SOURCE_FILE_LIMITS.agent, followSymlinks: false, code: ErrorCode.REGISTRY, hint: HINT });
}

/**
 * Reads and validates a JSON file of a registry source (`registry.json`, `agent.json`); `undefined`
 * when there is none. A file that is not a regular file, too large, not JSON or not `schema` is
 * `E_REGISTRY` naming the path.
 *
 * @example
 * const registry = await readSourceJson({ path: "registry/registry.json", schema: registrySourceSchema, hint: "Fix registry.json." });
 */
export async function readSourceJson<S extends z.ZodType>(options: { path: string; schema: S; hint: string }): Promise<z.infer<S> | undefined> {
  const bytes = await readRegularFile(options.path, { maxBytes: SOURCE_FILE_LIMITS.json, followSymlinks: false, code: ErrorCode.REGISTRY, hint: HINT });
  if (bytes === undefined) return undefined;
  return parseJsonText({ ...options, code: ErrorCode.REGISTRY, text: bytes.toString("utf8") });
}
