import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_FILE, parseProjectConfig, type ProjectConfig } from "./project-config.js";
import { emptyLockfile, LOCKFILE, parseLockfile, type Lockfile } from "./lockfile.js";

/** A project's two files, parsed, with the text they had (to restore it if a command fails). */
export interface ProjectState {
  dir: string;
  config: ProjectConfig;
  configText: string | undefined;
  lock: Lockfile;
  lockText: string | undefined;
}

/**
 * Reads `agentreg.json` and `agentreg.lock`; either may be absent (an empty one stands in).
 *
 * @example
 * const project = await loadProject("/work/app");
 */
export async function loadProject(dir: string): Promise<ProjectState> {
  const [configText, lockText] = await Promise.all([readText(join(dir, CONFIG_FILE)), readText(join(dir, LOCKFILE))]);
  return {
    dir,
    config: configText === undefined ? { agents: {} } : parseProjectConfig(configText, join(dir, CONFIG_FILE)),
    configText,
    lock: lockText === undefined ? emptyLockfile() : parseLockfile(lockText, join(dir, LOCKFILE)),
    lockText,
  };
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
}
