import { listAgents, type ListedAgent } from "./list-agents.js";
import { PROJECT_LOCATION_SPEC, type ProjectLocation } from "../transaction/project-session.js";
import { checkOptions } from "../../check-arguments.js";
import { AgentregError, ErrorCode } from "../../errors.js";

/** States that mean the folder is not what the lockfile says. */
const FAILING: ReadonlySet<ListedAgent["state"]> = new Set(["missing", "edited", "not-locked"]);

export interface VerifyProjectOptions extends ProjectLocation {
  /** Also fail on agent files agentreg does not manage (a CI gate: every agent is locked). */
  strict?: boolean | undefined;
}

export interface VerifyProjectResult {
  /** True when no agent is a problem. */
  ok: boolean;
  agents: ListedAgent[];
  /** The agents that make `ok` false, in `agents` order. */
  problems: ListedAgent[];
}

/**
 * Checks every installed file against the lockfile's per-file sha512. `ok` is false when an agent's
 * file is missing, edited, or the agent is not in the lockfile at all; with `strict`, also when the
 * agents folder holds a file agentreg does not manage.
 *
 * @example
 * const { ok, agents } = await verifyProject({ dir: process.cwd(), strict: true });
 */
export async function verifyProject(options: VerifyProjectOptions): Promise<VerifyProjectResult> {
  checkOptions("verifyProject", options, { ...PROJECT_LOCATION_SPEC, strict: "boolean?" });
  const { agents } = await listAgents({ dir: options.dir, configDir: options.configDir });
  const problems = agents.filter((agent) => FAILING.has(agent.state) || (options.strict === true && agent.state === "unmanaged"));
  return { ok: problems.length === 0, agents, problems };
}

/**
 * The failure `agentreg verify` exits with, thrown when `result` is not ok: `E_LOCAL_EDIT` when a file
 * was edited, `E_UNMANAGED_FILE` when the only problems are files agentreg does not manage, otherwise
 * `E_LOCKFILE`; each names the agents and says what to run next. `details.problems` lists them.
 *
 * @example
 * assertVerified(await verifyProject({ dir: process.cwd() }));
 */
export function assertVerified(result: VerifyProjectResult): void {
  checkOptions("assertVerified", result, { ok: "boolean", agents: "array", problems: "array" });
  if (result.ok) return;
  const { problems } = result;
  const edited = problems.find((agent) => agent.state === "edited");
  if (problems.every((agent) => agent.state === "unmanaged")) {
    throw new AgentregError(ErrorCode.UNMANAGED_FILE, `${problems.map((agent) => agent.path).join(", ")} ${problems.length === 1 ? "is" : "are"} not managed by agentreg`, {
      hint: `Take it over with \`agentreg add ${problems[0]?.key ?? ""} --adopt\` if it is a published agent, or move it out of the agents folder; without --strict, verify lets it pass.`,
      details: { problems },
    });
  }
  throw new AgentregError(edited ? ErrorCode.LOCAL_EDIT : ErrorCode.LOCKFILE, `${problems.map((agent) => `${agent.key} (${agent.state})`).join(", ")} ${problems.length === 1 ? "does" : "do"} not match agentreg.lock`, {
    hint: edited
      ? `See the edit with \`agentreg diff ${edited.key}\`; \`agentreg install --force\` restores the locked bytes (keeping a backup).`
      : "Run `agentreg install` to restore missing files and lock what is not locked.",
    details: { problems },
  });
}
