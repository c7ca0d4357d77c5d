import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { AgentregError, ErrorCode, isAgentregError } from "../errors.js";
import { readRegularFile } from "../read-regular-file.js";
import { REGISTRY_FILE_LIMITS } from "../registry/document-limits.js";

/**
 * `registry build --out DIR` deletes what DIR held, so every build leaves this file in its output:
 * the next build replaces only a folder that carries it (or is empty, or absent). The body is fixed,
 * so two builds of one source stay byte-identical.
 */
export const BUILD_MARKER = ".agentreg-build";
export const BUILD_MARKER_BYTES = new TextEncoder().encode(`${JSON.stringify({ builtBy: "agentreg registry build", format: 1 })}\n`);

/**
 * What builds before the marker wrote (protocol files and the marketplace). A folder of only these
 * names whose index.json is a registry index is such a build: without accepting it, the first
 * build after an upgrade would refuse the folder the previous one made, the builtin snapshot included.
 */
const UNMARKED_BUILD_ENTRIES = new Set(["index.json", "keys.json", "agents", "tarballs", ".claude-plugin", "plugins"]);

/**
 * Throws `E_EXISTS` naming `out` unless the build may replace it: absent, an empty folder, or a
 * folder an earlier `registry build` wrote. A file, a symlink or any other folder is left alone.
 *
 * @example
 * await assertReplaceableOutput("public"); // ok for a previous build, E_EXISTS for ~/Documents
 */
export async function assertReplaceableOutput(out: string): Promise<void> {
  const stats = await lstat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (stats === undefined) return;
  if (!stats.isDirectory()) throw notOurs(out, stats.isSymbolicLink() ? "is a symlink" : "is not a folder");
  const entries = await readdir(out);
  if (entries.length === 0 || (await isMarked(out)) || (await isUnmarkedBuild(out, entries))) return;
  throw notOurs(out, "is not empty and holds no earlier agentreg build");
}

async function isMarked(out: string): Promise<boolean> {
  const bytes = await readOutputFile(join(out, BUILD_MARKER), 1024);
  return bytes !== undefined && Buffer.from(bytes).equals(BUILD_MARKER_BYTES);
}

async function isUnmarkedBuild(out: string, entries: string[]): Promise<boolean> {
  if (!entries.includes("index.json") || !entries.every((entry) => UNMARKED_BUILD_ENTRIES.has(entry))) return false;
  const bytes = await readOutputFile(join(out, "index.json"), REGISTRY_FILE_LIMITS.index);
  let index: { schemaVersion?: unknown; agents?: unknown } | null;
  try {
    index = JSON.parse(new TextDecoder().decode(bytes)) as typeof index;
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
  return index?.schemaVersion === 1 && Array.isArray(index.agents);
}

/**
 * A file of the output folder, or undefined when it is missing or not a regular file within
 * `maxBytes` (readRegularFile's refusals). A file that cannot be read at all (EACCES, EIO) throws:
 * taking it for "not a build" would only turn a real problem into a misleading E_EXISTS.
 */
function readOutputFile(path: string, maxBytes: number): Promise<Uint8Array | undefined> {
  return readRegularFile(path, { maxBytes, followSymlinks: false, code: ErrorCode.EXISTS, hint: "" }).catch((error: unknown) => {
    if (isAgentregError(error)) return undefined;
    throw error;
  });
}

function notOurs(out: string, what: string): AgentregError {
  return new AgentregError(ErrorCode.EXISTS, `${out} ${what}; registry build replaces only an empty folder or an earlier build`, {
    subject: out,
    hint: `Choose an empty or new --out folder; agentreg replaces only a folder it built (one with ${BUILD_MARKER}), and deleted nothing.`,
  });
}
