import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { applyProjectChanges, type FileChange } from "./apply-changes.js";
import { CONFIG_FILE, formatProjectConfig, parseProjectConfig, type ProjectConfig } from "./project-config.js";
import { emptyLockfile, formatLockfile, LOCKFILE, parseLockfile, type Lockfile } from "./lockfile.js";

/** A project's two files, parsed, with the text they had (to restore it if a command fails). */
export interface ProjectState {
  /** The folder `.claude/agents/` is in. */
  dir: string;
  /** The folder of `agentreg.json` and `agentreg.lock`. */
  configDir: string;
  config: ProjectConfig;
  configText: string | undefined;
  lock: Lockfile;
  lockText: string | undefined;
}

/**
 * Reads `agentreg.json` and `agentreg.lock`; either may be absent (an empty one stands in).
 *
 * @example
 * const project = await loadProject({ dir: "/work/app" });
 */
export async function loadProject(location: { dir: string; configDir?: string | undefined }): Promise<ProjectState> {
  const { dir } = location;
  const configDir = location.configDir ?? dir;
  const [configText, lockText] = await Promise.all([readText(join(configDir, CONFIG_FILE)), readText(join(configDir, LOCKFILE))]);
  return {
    dir,
    configDir,
    config: configText === undefined ? { agents: {} } : parseProjectConfig(configText, join(configDir, CONFIG_FILE)),
    configText,
    lock: lockText === undefined ? emptyLockfile() : parseLockfile(lockText, join(configDir, LOCKFILE)),
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
 * rewritten, and an absent one is not created just to hold no agents.
 *
 * @example
 * await saveProject(project, { files: plan.changes, config, lock });
 */
export async function saveProject(
  project: ProjectState,
  next: { files: FileChange[]; config?: ProjectConfig; lock?: Lockfile; onWritePoint?: ((label: string) => void) | undefined },
): Promise<void> {
  // A command that ends up with no agents does not create files that were not there.
  const creatingEmpty = (agents: object, existing: string | undefined): boolean => existing === undefined && Object.keys(agents).length === 0;
  const configText = next.config === undefined || creatingEmpty(next.config.agents, project.configText) ? undefined : formatProjectConfig(next.config);
  const lockText = next.lock === undefined || creatingEmpty(next.lock.agents, project.lockText) ? undefined : formatLockfile(next.lock);
  await applyProjectChanges({
    dir: project.dir,
    configDir: project.configDir,
    files: next.files,
    onWritePoint: next.onWritePoint,
    ...(configText === undefined || configText === project.configText ? {} : { config: { text: configText, previous: project.configText } }),
    ...(lockText === undefined || lockText === project.lockText ? {} : { lock: { text: lockText, previous: project.lockText } }),
  });
}
