import { listAgents, type ListedAgent } from "./list-agents.js";
import type { ProjectLocation } from "./project-session.js";

/** States that mean the folder is not what the lockfile says. */
const FAILING: ReadonlySet<ListedAgent["state"]> = new Set(["missing", "edited", "not-locked"]);

/**
 * Checks every installed file against the lockfile's per-file sha512. `ok` is false when an agent's
 * file is missing, edited, or the agent is not in the lockfile at all.
 *
 * @example
 * const { ok, agents } = await verifyProject({ dir: process.cwd() });
 */
export async function verifyProject(options: ProjectLocation): Promise<{ ok: boolean; agents: ListedAgent[]; problems: ListedAgent[] }> {
  const { agents } = await listAgents(options);
  const problems = agents.filter((agent) => FAILING.has(agent.state));
  return { ok: problems.length === 0, agents, problems };
}
