import { lstatSync, mkdirSync } from "node:fs";
import * as nodeModule from "node:module";
import { dirname } from "node:path";
import { compileCacheDir } from "./cache-dir.js";

/** `module.enableCompileCache` (Node ≥ 22.1); @types/node 20 does not declare it. */
type EnableCompileCache = (directory: string) => unknown;

export interface EnableCompileCacheOptions {
  /** Node's function; absent on Node 20, where the CLI runs without a compile cache. */
  enable?: EnableCompileCache | undefined;
  /** Default: `compile-cache` in the user's cache folder (cache-dir.ts). */
  folder?: string;
  /** Default: the user this process runs as; undefined where there are no POSIX users. */
  uid?: number | undefined;
}

/**
 * Turns on Node's compile cache for the chunks the CLI loads next (dist/core.cjs and the rest): V8's
 * compiled code is kept between runs, and Node checks each entry against a hash of the module's
 * source, so another build never runs an old entry. True when the folder was given to Node (which
 * may still decline: `NODE_DISABLE_COMPILE_CACHE=1`, or a cache `NODE_COMPILE_CACHE` already chose).
 *
 * The folder is always the user's own: Node's default is in the shared temp folder, where another
 * user could plant entries, which are compiled code the CLI would run. For the same reason a folder
 * the group or others may write, or one owned by another user (root with that user's HOME, as `sudo`
 * keeps it on some systems), is not used.
 *
 * @example
 * enableCompileCache(); // before the first require of a chunk
 */
export function enableCompileCache(options: EnableCompileCacheOptions = {}): boolean {
  const enable = "enable" in options ? options.enable : (nodeModule as unknown as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (typeof enable !== "function") return false;
  const folder = options.folder ?? compileCacheDir();
  if (!ensurePrivateFolder(folder, "uid" in options ? options.uid : process.getuid?.())) return false;
  enable(folder);
  return true;
}

/**
 * Writes what Node's compile cache gathered to its folder now (`module.flushCompileCache`, Node ≥
 * 22.10), as Node does when a process ends on its own. bin.ts ends the process with `process.exit()`
 * and calls this first, so no Node release that writes the cache only on a natural exit loses it.
 * Without the function (Node 20), nothing to do.
 */
export function flushCompileCache(flush = (nodeModule as unknown as { flushCompileCache?: () => void }).flushCompileCache): void {
  if (typeof flush === "function") flush();
}

/** The owner and permission bits of a folder, as `fs.Stats` has them. */
export interface OwnerAndMode {
  uid: number;
  mode: number;
}

/**
 * Whether a folder may hold code that the user `uid` runs: owned by that user, and not writable by
 * the group or others (the rule OpenSSH's StrictModes applies to ~/.ssh). `uid` is undefined on
 * Windows, where the per-user `%LOCALAPPDATA%` is private by its ACL.
 *
 * @example
 * isPrivateToOwner({ uid: 1000, mode: 0o40700 }, 1000); // true
 * isPrivateToOwner({ uid: 1000, mode: 0o40775 }, 1000); // false: the group may write
 * isPrivateToOwner({ uid: 1000, mode: 0o40700 }, 0);    // false: root never uses another user's folder
 */
export function isPrivateToOwner(stats: OwnerAndMode, uid: number | undefined): boolean {
  if (uid === undefined) return true;
  return stats.uid === uid && (stats.mode & 0o022) === 0;
}

/**
 * Whether `folder` is a real folder (not a symlink) private to `uid`, after creating it with mode
 * 0700 if it is missing, but only inside a parent `uid` owns: root must not leave a folder of its own
 * in another user's cache.
 *
 * @example
 * ensurePrivateFolder(join(homedir(), ".cache/agentreg/compile-cache"), process.getuid?.());
 */
export function ensurePrivateFolder(folder: string, uid: number | undefined): boolean {
  // Every failure here (EACCES, EROFS, ENOTDIR, EEXIST for a folder that failed the check) has the
  // same answer: the CLI runs without the cache, which only costs time.
  try {
    if (lstatSync(folder, { throwIfNoEntry: false }) === undefined) {
      mkdirSync(dirname(folder), { recursive: true, mode: 0o700 });
      const parent = lstatSync(dirname(folder));
      if (!parent.isDirectory() || (uid !== undefined && parent.uid !== uid)) return false;
      mkdirSync(folder, { mode: 0o700 });
    }
    const stats = lstatSync(folder);
    return stats.isDirectory() && isPrivateToOwner(stats, uid);
  } catch {
    return false;
  }
}
