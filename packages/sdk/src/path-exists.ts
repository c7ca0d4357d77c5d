import { lstat } from "node:fs/promises";
import { whenMissing } from "./missing-path.js";

/**
 * Whether anything (file, folder, link, even a dangling link) is at `path`. Only "nothing is there"
 * is `false`: a path that cannot be looked at (EACCES, a symlink loop on the way) throws, since
 * guessing "absent" would let a caller create or replace what it could not see (issue 15).
 *
 * @example
 * if (await pathExists("agentreg.json")) { ... }
 */
export async function pathExists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, whenMissing(false));
}
