import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync } from "node:fs";
import { dirname } from "node:path";

// V8 code-cache data is compiled code, and V8 checks it only against the source's length, the V8
// version and the flags: whoever can write a cache entry chooses what the CLI runs. So the cache is
// used only when nobody but the user running agentreg could have written it: the rule OpenSSH's
// StrictModes applies to ~/.ssh before it trusts authorized_keys.

/** The owner and permission bits of a folder or file, as `fs.Stats` has them. */
export interface OwnerAndMode {
  uid: number;
  mode: number;
}

/**
 * Whether a code-cache folder or file may be trusted by the user `uid`: owned by that user, and not
 * writable by the group or others. `uid` is undefined on Windows, which has no POSIX owners; the
 * per-user `%LOCALAPPDATA%` is private by its ACL, so the check passes there.
 *
 * @example
 * isTrustedByOwner({ uid: 1000, mode: 0o40700 }, 1000); // true
 * isTrustedByOwner({ uid: 1000, mode: 0o40775 }, 1000); // false: the group may write
 * isTrustedByOwner({ uid: 1000, mode: 0o40700 }, 0);    // false: root never runs another user's cache
 */
export function isTrustedByOwner(stats: OwnerAndMode, uid: number | undefined): boolean {
  if (uid === undefined) return true;
  return stats.uid === uid && (stats.mode & 0o022) === 0;
}

/**
 * The user this process runs as; undefined where there are no POSIX users.
 *
 * @example
 * isTrustedFolder(folder, currentUid());
 */
export function currentUid(): number | undefined {
  return process.getuid?.();
}

/**
 * Whether `folder` is a real folder (not a symlink) that `uid` may trust. Never throws: a folder that
 * cannot be checked is simply not used.
 *
 * @example
 * isTrustedFolder(join(homedir(), ".cache/agentreg/code-cache"), process.getuid?.());
 */
export function isTrustedFolder(folder: string, uid: number | undefined): boolean {
  try {
    const stats = lstatSync(folder);
    return stats.isDirectory() && isTrustedByOwner(stats, uid);
  } catch {
    return false;
  }
}

/**
 * Creates `folder` with mode 0700 when it is missing, but only inside a parent the user owns: root
 * with another user's HOME (`sudo` keeps it on some systems) must not leave a root-owned folder in
 * that user's cache. True when `folder` can be trusted afterwards.
 *
 * @example
 * if (ensureTrustedFolder(folder, currentUid())) writeEntry(folder);
 */
export function ensureTrustedFolder(folder: string, uid: number | undefined): boolean {
  if (isTrustedFolder(folder, uid)) return true;
  try {
    mkdirSync(dirname(folder), { recursive: true, mode: 0o700 });
    const parent = lstatSync(dirname(folder));
    if (!parent.isDirectory() || (uid !== undefined && parent.uid !== uid)) return false;
    // EEXIST here means a folder is there that failed the check above: it stays unused.
    mkdirSync(folder, { mode: 0o700 });
  } catch {
    return false;
  }
  return isTrustedFolder(folder, uid);
}

// O_NOFOLLOW: a symlinked entry is refused by open itself. O_NONBLOCK: a FIFO planted as an entry
// opens at once instead of waiting for a writer, and is then refused as not a regular file.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a cache entry if it is a regular file that `uid` may trust, else undefined (missing,
 * planted, unreadable: all mean "compile without it"). Checked on the open descriptor, so the file
 * cannot be swapped between the check and the read.
 *
 * @example
 * const cachedData = readTrustedEntry(join(folder, "agentreg-core.cjs-abc.bin"), currentUid());
 */
export function readTrustedEntry(path: string, uid: number | undefined): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || !isTrustedByOwner(stats, uid)) return undefined;
    const buffer = Buffer.allocUnsafe(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    return length === buffer.length ? buffer : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
