import { formatAgentSpec, parseAgentSpec, type AgentSpec } from "../../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { addToProject, type AddAgentsOptions, type AddAgentsResult } from "./add-agents.js";
import { INSTALLING_SPEC } from "./installing-options.js";
import { CONFIG_FILE } from "../state/project-config.js";
import { withProjectSession } from "../transaction/project-session.js";
import { wantedRange } from "../state/wanted-agents.js";
import { checkOptions, type OptionsSpec } from "../../check-arguments.js";
import { checkNetworkOptions } from "../../registry/http/network-options.js";

export interface UpdateAgentsOptions extends Omit<AddAgentsOptions, "specs" | "adopt"> {
  /** Agents to update (as written in `agentreg.json`); all of them when empty. */
  names?: string[];
  /** Move to the registry's latest and rewrite the range to `^latest`. */
  latest?: boolean;
}

const UPDATE_AGENTS_SPEC: OptionsSpec<UpdateAgentsOptions> = { ...INSTALLING_SPEC, names: "string[]?", latest: "boolean?" };

/**
 * Moves agents to the highest version their range allows (with `latest`: to the latest version, and
 * the range becomes `^latest`). Every rule of `add` holds: verified bytes, the permission gate,
 * edited files left alone.
 *
 * @example
 * const { agents } = await updateAgents({ dir: process.cwd(), latest: true });
 */
export async function updateAgents(options: UpdateAgentsOptions): Promise<AddAgentsResult> {
  checkOptions("updateAgents", options, UPDATE_AGENTS_SPEC);
  checkNetworkOptions("updateAgents", options.network);
  return withProjectSession(options, async (project) => {
    const wanted = options.names && options.names.length > 0 ? options.names.map((name) => formatAgentSpec(parseAgentSpec(name))) : Object.keys(project.config.agents);
    const specs: AgentSpec[] = wanted.map((key) => {
      const range = wantedRange(project.config, key);
      if (range === undefined) {
        throw new AgentregError(ErrorCode.NOT_FOUND, `${key} is not in ${CONFIG_FILE}`, {
          subject: key,
          hint: `Add it with \`agentreg add ${key}\`.`,
        });
      }
      return { ...parseAgentSpec(key), range: options.latest ? "latest" : range };
    });
    return addToProject(project, specs, options);
  });
}
