import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { computeIntegrity } from "../../archive/integrity.js";
import { parseAgentSpec } from "../../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { checkArgument } from "../../check-arguments.js";
import { TARGET_IDS, targetPath } from "../../targets/agent-targets.js";

/** Where Claude Code reads project agents from, relative to the project root. */
export const AGENTS_DIR = ".claude/agents";

/**
 * The project-relative POSIX path an agent installs to. `@ns/name` installs as `name.md`: Claude Code
 * knows agents by their `name` only.
 *
 * @example
 * installPathFor("senior-backend-engineer"); // ".claude/agents/senior-backend-engineer.md"
 */
export function installPathFor(name: string): string {
  checkArgument("installPathFor", "name", name, "string");
  return `${AGENTS_DIR}/${name}.md`;
}

/**
 * Every path agent `name` can be installed at: its file for each target (issue 17), in a project or
 * in the user's home. A lockfile may name no other path for it.
 *
 * @example
 * possibleAgentPaths("x").has(".opencode/agents/x.md"); // true
 */
export function possibleAgentPaths(name: string): Set<string> {
  return new Set(TARGET_IDS.flatMap((target) => [targetPath(target, name), targetPath(target, name, "user")]));
}

/** What is on disk at an agent's path, compared with what the lockfile says agentreg wrote there. */
export type InstalledFileState =
  | { state: "missing" }
  /** The bytes agentreg installed, unchanged. */
  | { state: "clean"; bytes: Uint8Array }
  /** agentreg installed this file and someone changed it since. */
  | { state: "edited"; bytes: Uint8Array }
  /** A file agentreg never installed. */
  | { state: "unmanaged"; bytes: Uint8Array };

/**
 * Reads an installed agent file and classifies it against the lockfile's hash for it. Refuses to
 * look through symlinks anywhere on the path (DESIGN §8: never write through a symlinked destination).
 *
 * @example
 * const file = await inspectAgentFile({ dir, path: ".claude/agents/x.md", lockedIntegrity: lock.files[path] });
 */
export async function inspectAgentFile(options: { dir: string; path: string; lockedIntegrity: string | undefined; folders?: FolderChecks }): Promise<InstalledFileState> {
  const exists = await assertSafeDestination(options.dir, options.path, options.folders);
  if (!exists) return { state: "missing" };
  const bytes = await readFile(join(options.dir, options.path));
  if (options.lockedIntegrity === undefined) return { state: "unmanaged", bytes };
  return computeIntegrity(bytes) === options.lockedIntegrity ? { state: "clean", bytes } : { state: "edited", bytes };
}

/**
 * Checks that `folder` (project-relative, POSIX) and every folder above it below `dir` is a real
 * folder, not a symlink; a folder that does not exist yet passes. `"."` is `dir` itself.
 *
 * @example
 * await assertSafeFolder("/work/app", ".claude/agents");
 */
export async function assertSafeFolder(dir: string, folder: string): Promise<void> {
  if (folder !== ".") await checkPath(dir, folder, "folder");
}

/**
 * Checks every component of `path` below `dir`: none may be a symlink, folders must be folders and the
 * last component, if present, a regular file. Returns whether the file exists.
 *
 * @example
 * await assertSafeDestination("/work/app", ".claude/agents/x.md"); // false when not yet installed
 */
export async function assertSafeDestination(dir: string, path: string, folders?: FolderChecks): Promise<boolean> {
  return checkPath(dir, path, "file", folders);
}

/**
 * The folder checks of one batch of files, shared: 100 agent files in `.claude/agents` then cost 100
 * lstat calls, not 300. Make one per batch and never keep it past the batch, since a folder can be
 * swapped for a symlink at any time; a check is only as fresh as its batch.
 *
 * @example
 * const folders = createFolderChecks();
 * await Promise.all(paths.map((path) => assertSafeDestination(dir, path, folders)));
 */
export type FolderChecks = Map<string, Promise<boolean>>;

export function createFolderChecks(): FolderChecks {
  return new Map();
}

async function checkPath(dir: string, path: string, lastKind: "file" | "folder", folders?: FolderChecks): Promise<boolean> {
  const parts = path.split("/");
  for (let index = 0; index < parts.length; index++) {
    const last = index === parts.length - 1;
    const check = (): Promise<boolean> => checkComponent(dir, parts, index, last && lastKind === "file");
    let exists: boolean;
    if (last || folders === undefined) exists = await check();
    else {
      const key = parts.slice(0, index + 1).join("/");
      const shared = folders.get(key) ?? check();
      folders.set(key, shared);
      exists = await shared;
    }
    if (!exists) return false;
  }
  return true;
}

/** lstat of `parts[0..index]` below `dir`: false when missing, an error when it is not what it must be. */
async function checkComponent(dir: string, parts: string[], index: number, wantFile: boolean): Promise<boolean> {
  const current = join(dir, ...parts.slice(0, index + 1));
  const stats = await lstat(current).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!stats) return false;
  if (stats.isSymbolicLink() || (wantFile ? !stats.isFile() : !stats.isDirectory())) {
    throw new AgentregError(ErrorCode.UNSAFE_PATH, `${parts.slice(0, index + 1).join("/")} is ${stats.isSymbolicLink() ? "a symlink" : wantFile ? "not a regular file" : "not a folder"}; agentreg will not write through it`, {
      subject: current,
      hint: "Replace it with a real folder or file, then run the command again.",
    });
  }
  return true;
}

/**
 * Refuses a set of agents of which two would install to the same file (`dup` and `@acme/dup` are
 * both `dup.md`: Claude Code knows agents by name only), before anything is fetched or staged.
 *
 * @example
 * assertOneAgentPerFile(["dup", "@acme/dup"]); // throws E_CONFIG
 */
export function assertOneAgentPerFile(keys: Iterable<string>): void {
  const owners = new Map<string, string>();
  for (const key of [...keys].sort()) {
    const { name } = parseAgentSpec(key);
    const owner = owners.get(name);
    if (owner !== undefined) {
      throw new AgentregError(ErrorCode.CONFIG, `${owner} and ${key} would both install as ${installPathFor(name)}`, {
        subject: key,
        hint: `Keep one of them in agentreg.json (remove the other with \`agentreg remove ${key}\`).`,
      });
    }
    owners.set(name, key);
  }
}
