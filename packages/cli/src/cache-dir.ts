import { homedir } from "node:os";
import { join } from "node:path";

/** `AGENTREG_CACHE`, else the platform's user cache folder (XDG on Linux): registry data and backups. */
export function defaultCacheDir(): string {
  return process.env.AGENTREG_CACHE || userCacheDir();
}

/**
 * Where Node's compile cache keeps the CLI's compiled code (compile-cache.ts): always in the user's own
 * cache folder (never a shared temp folder, where another user could plant code), and apart from
 * `AGENTREG_CACHE`, which holds registry data only and is what `agentreg cache clean` empties.
 */
export function compileCacheDir(): string {
  return join(userCacheDir(), "compile-cache");
}

function userCacheDir(): string {
  const env = process.env;
  if (process.platform === "win32") return join(env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"), "agentreg", "Cache");
  if (process.platform === "darwin") return join(homedir(), "Library", "Caches", "agentreg");
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "agentreg");
}
