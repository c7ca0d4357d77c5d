import { readdir } from "node:fs/promises";
import { join } from "node:path";
import semver from "../semver.js";
import { sourcePaths } from "./source-schema.js";

/** Folder names directly in `path`, sorted; none when `path` does not exist. */
export async function listFolders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

/** A version folder's name is exactly a semver version (`1.0.0`, not `v1.0.0` or `1.0`). */
export function isVersionFolder(name: string): boolean {
  return semver.valid(name) === name;
}

/**
 * The versions of an agent in a registry source folder, ascending: the folders a build publishes.
 *
 * @example
 * await versionFolders("registry", "code-reviewer"); // ["1.0.0", "1.1.0"]
 */
export async function versionFolders(source: string, name: string): Promise<string[]> {
  return (await listFolders(join(source, sourcePaths.agentsDir, name))).filter(isVersionFolder).sort(semver.compare);
}
