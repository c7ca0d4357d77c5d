import { join } from "node:path";
import { ErrorCode } from "../../errors.js";
import { readRegularFile } from "../../read-regular-file.js";
import { applyProjectChanges, type FileChange } from "./apply-changes.js";
import { CONFIG_FILE, formatProjectConfig, parseProjectConfig, type ProjectConfig } from "../state/project-config.js";
import { emptyLockfile, formatLockfile, LOCKFILE, parseLockfile, type Lockfile } from "../state/lockfile.js";
import { assertLockProvenance } from "../state/lock-provenance.js";

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
 * Reads `agentreg.json` and `agentreg.lock`; either may be absent (an empty one stands in). Both are
 * untrusted input (they arrive with a cloned repository): each is parsed and checked, and every lock
 * entry must come from where the config says (see `assertLockProvenance`), before anything uses them.
 *
 * @example
 * const project = await loadProject({ dir: "/work/app" });
 */
export async function loadProject(location: { dir: string; configDir?: string | undefined }): Promise<ProjectState> {
  const { dir } = location;
  const configDir = location.configDir ?? dir;
  const configPath = join(configDir, CONFIG_FILE);
  const lockPath = join(configDir, LOCKFILE);
  const [configText, lockText] = await Promise.all([
    readProjectFile(configPath, MAX_CONFIG_BYTES, ErrorCode.CONFIG),
    readProjectFile(lockPath, MAX_LOCKFILE_BYTES, ErrorCode.LOCKFILE),
  ]);
  const config = configText === undefined ? { agents: Object.create(null) as ProjectConfig["agents"] } : parseProjectConfig(configText, configPath);
  const lock = lockText === undefined ? emptyLockfile() : parseLockfile(lockText, lockPath);
  assertLockProvenance(config, lock, lockPath);
  return { dir, configDir, config, configText, lock, lockText };
}

/** Far above any real project (a 10,000-agent lockfile is about 6 MB), far below what hurts. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024;

/** A project file: a regular file (a symlink to one is fine), or `undefined` when there is none. */
async function readProjectFile(path: string, maxBytes: number, code: ErrorCode): Promise<string | undefined> {
  const bytes = await readRegularFile(path, { maxBytes, followSymlinks: true, code, hint: `Replace ${path} with a regular JSON file.` });
  return bytes?.toString("utf8");
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
