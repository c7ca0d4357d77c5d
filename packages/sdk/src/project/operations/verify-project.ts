import { listAgents, type ListedAgent } from "./list-agents.js";
import { PROJECT_LOCATION_SPEC, type ProjectLocation } from "../transaction/project-session.js";
import { checkOptions } from "../../check-arguments.js";

/** States that mean the folder is not what the lockfile says. */
const FAILING: ReadonlySet<ListedAgent["state"]> = new Set(["missing", "edited", "not-locked"]);

export interface VerifyProjectOptions extends ProjectLocation {
  /** Also fail on agent files agentreg does not manage (a CI gate: every agent is locked). */
  strict?: boolean | undefined;
}

/**
 * Checks every installed file against the lockfile's per-file sha512. `ok` is false when an agent's
 * file is missing, edited, or the agent is not in the lockfile at all; with `strict`, also when the
 * agents folder holds a file agentreg does not manage.
 *
 * @example
 * const { ok, agents } = await verifyProject({ dir: process.cwd(), strict: true });
 */
export async function verifyProject(options: VerifyProjectOptions): Promise<{ ok: boolean; agents: ListedAgent[]; problems: ListedAgent[] }> {
  checkOptions("verifyProject", options, { ...PROJECT_LOCATION_SPEC, strict: "boolean?" });
  const { agents } = await listAgents({ dir: options.dir, configDir: options.configDir });
  const problems = agents.filter((agent) => FAILING.has(agent.state) || (options.strict === true && agent.state === "unmanaged"));
  return { ok: problems.length === 0, agents, problems };
}
