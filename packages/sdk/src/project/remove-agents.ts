import { parseAgentSpec, formatAgentSpec } from "../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { installPathFor } from "./agent-files.js";
import { planFileChanges } from "./plan-file-changes.js";
import { CONFIG_FILE } from "./project-config.js";
import { loadProject, saveProject } from "./project-state.js";

export interface RemoveAgentsOptions {
  dir: string;
  /** Names as written in `agentreg.json` (`name` or `@ns/name`). */
  names: string[];
  dryRun?: boolean;
  /** Delete files the user edited. */
  force?: boolean;
}

export interface RemoveAgentsResult {
  removed: Array<{ key: string; version: string | undefined; path: string }>;
  dryRun: boolean;
}

/**
 * Deletes agents' files and their entries in `agentreg.json` and `agentreg.lock`. An edited file is
 * never deleted without `force`; nothing changes unless every named agent can be removed.
 *
 * @example
 * await removeAgents({ dir: process.cwd(), names: ["senior-backend-engineer"] });
 */
export async function removeAgents(options: RemoveAgentsOptions): Promise<RemoveAgentsResult> {
  const project = await loadProject(options.dir);
  const keys = [...new Set(options.names.map((name) => formatAgentSpec(parseAgentSpec(name))))];
  for (const key of keys) {
    if (!(key in project.config.agents) && !(key in project.lock.agents)) {
      throw new AgentregError(ErrorCode.NOT_FOUND, `${key} is not in ${CONFIG_FILE}`, {
        subject: key,
        hint: "Run `agentreg list` to see the installed agents.",
        details: { installed: Object.keys(project.config.agents).sort() },
      });
    }
  }

  const remove = keys.flatMap((key) => {
    const locked = project.lock.agents[key];
    return (locked ? Object.keys(locked.files) : [installPathFor(parseAgentSpec(key).name)]).map((path) => ({ key, path }));
  });
  // A file in the config but not the lock was never installed by agentreg: leave it alone.
  const plan = await planFileChanges({
    dir: options.dir,
    lock: project.lock,
    write: [],
    remove: remove.filter(({ key }) => key in project.lock.agents),
    force: options.force ?? false,
  });

  const config = { ...project.config, agents: { ...project.config.agents } };
  const lock = { ...project.lock, agents: { ...project.lock.agents } };
  for (const key of keys) {
    delete config.agents[key];
    delete lock.agents[key];
  }
  if (!options.dryRun) {
    await saveProject(project, { files: plan.changes, config, lock });
  }
  return {
    removed: keys.sort().map((key) => ({ key, version: project.lock.agents[key]?.version, path: installPathFor(parseAgentSpec(key).name) })),
    dryRun: options.dryRun ?? false,
  };
}
