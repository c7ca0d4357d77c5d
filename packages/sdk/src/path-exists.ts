import { lstat } from "node:fs/promises";

/**
 * Whether anything (file, folder, link, even a dangling link) is at `path`.
 *
 * @example
 * if (await pathExists("agentreg.json")) { ... }
 */
export async function pathExists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
