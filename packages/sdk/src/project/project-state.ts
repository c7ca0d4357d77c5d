import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { applyProjectChanges, type FileChange } from "./apply-changes.js";
import { CONFIG_FILE, formatProjectConfig, parseProjectConfig, type ProjectConfig } from "./project-config.js";
import { emptyLockfile, formatLockfile, LOCKFILE, parseLockfile, type Lockfile } from "./lockfile.js";

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

/**
 * Writes a command's outcome: the file changes, then `agentreg.json` (if given), then `agentreg.lock`
 * (if given), all or nothing (see `applyProjectChanges`). A file whose text would not change is not
 * rewritten.
 *
 * @example
 * await saveProject(project, { files: plan.changes, config, lock });
 */
export async function saveProject(project: ProjectState, next: { files: FileChange[]; config?: ProjectConfig; lock?: Lockfile }): Promise<void> {
  const configText = next.config === undefined ? undefined : formatProjectConfig(next.config);
  const lockText = next.lock === undefined ? undefined : formatLockfile(next.lock);
  await applyProjectChanges({
    dir: project.dir,
    files: next.files,
    ...(configText === undefined || configText === project.configText ? {} : { config: { text: configText, previous: project.configText } }),
    ...(lockText === undefined || lockText === project.lockText ? {} : { lock: { text: lockText, previous: project.lockText } }),
  });
}
