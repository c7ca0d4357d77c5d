import { parseAgentSpec } from "../agent/agent-name.js";
import { inspectAgentFile, installPathFor } from "./agent-files.js";
import { loadProject } from "./project-state.js";

export interface ListedAgent {
  key: string;
  range: string | undefined;
  version: string | undefined;
  registry: string | undefined;
  path: string;
  /**
   * `ok`: the file holds the locked bytes; `edited`: it differs; `missing`: no file (run install);
   * `not-locked`: in the config but never installed; `extraneous`: locked but no longer in the config.
   */
  state: "ok" | "edited" | "missing" | "not-locked" | "extraneous";
}

/**
 * The project's agents: what `agentreg.json` wants, what `agentreg.lock` has, and the state of each file.
 *
 * @example
 * const { agents } = await listAgents({ dir: process.cwd() });
 */
export async function listAgents(options: { dir: string; configDir?: string }): Promise<{ agents: ListedAgent[] }> {
  const project = await loadProject(options);
  const keys = [...new Set([...Object.keys(project.config.agents), ...Object.keys(project.lock.agents)])].sort();
  const agents = await Promise.all(
    keys.map(async (key): Promise<ListedAgent> => {
      const range = project.config.agents[key];
      const locked = project.lock.agents[key];
      const path = installPathFor(parseAgentSpec(key).name);
      let state: ListedAgent["state"];
      if (!locked) state = "not-locked";
      else {
        const onDisk = await inspectAgentFile({ dir: project.dir, path, lockedIntegrity: locked.files[path] });
        state = onDisk.state === "missing" ? "missing" : onDisk.state === "clean" ? (range === undefined ? "extraneous" : "ok") : "edited";
      }
      return { key, range, version: locked?.version, registry: locked?.registry, path, state };
    }),
  );
  return { agents };
}
