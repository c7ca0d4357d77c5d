import { mkdir } from "node:fs/promises";
import type { OptionsSpec } from "../../check-arguments.js";
import { acquireProjectLock } from "../state/project-lock.js";
import { loadProject, type ProjectState } from "./project-state.js";
import { recoverProject } from "../state/write-journal.js";

/** Where a project's agent files and its `agentreg.json`/`agentreg.lock` live. */
export interface ProjectLocation {
  /** The folder `.claude/agents/` is in: the project root, or the home folder for the user scope. */
  dir: string;
  /** The folder of `agentreg.json` and `agentreg.lock`; defaults to `dir`. */
  configDir?: string | undefined;
}

export interface ProjectSessionOptions extends ProjectLocation {
  /** Read and plan only: no lock, no recovery, no writes. */
  dryRun?: boolean | undefined;
  /** Called when another agentreg process holds the project for more than a second. */
  onWait?: ((holder: { pid: number | undefined }) => void) | undefined;
}

/** The checks of `ProjectLocation`, spread into the spec of each project command's options. */
export const PROJECT_LOCATION_SPEC = { dir: "path", configDir: "path?" } as const satisfies OptionsSpec<ProjectLocation>;

/** The checks of `ProjectSessionOptions`, spread into the spec of each command that writes a project. */
export const PROJECT_SESSION_SPEC = { ...PROJECT_LOCATION_SPEC, dryRun: "boolean?", onWait: "function?" } as const satisfies OptionsSpec<ProjectSessionOptions>;

/**
 * Runs a command that writes a project: takes the project lock, finishes or discards what a crashed
 * process left behind, reads the project fresh (another process may have just changed it), runs the
 * command, and releases the lock.
 *
 * @example
 * await withProjectSession({ dir }, async (project) => { ... });
 */
export async function withProjectSession<T>(options: ProjectSessionOptions, run: (project: ProjectState) => Promise<T>): Promise<T> {
  const location = { dir: options.dir, configDir: options.configDir ?? options.dir };
  if (options.dryRun) return run(await loadProject(location));
  await mkdir(location.configDir, { recursive: true });
  const release = await acquireProjectLock({ configDir: location.configDir, onWait: options.onWait });
  try {
    await recoverProject(location);
    return await run(await loadProject(location));
  } finally {
    await release();
  }
}
