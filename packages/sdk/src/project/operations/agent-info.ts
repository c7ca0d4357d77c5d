import { describeAgent, type AgentInfo } from "../../registry/describe-agent.js";
import { checkNetworkOptions, type NetworkOptions } from "../../registry/http/network-options.js";
import { lookUpAgent } from "../transaction/fetch-agent.js";
import { checkOptions } from "../../check-arguments.js";

export interface GetAgentInfoOptions {
  /** The project root, whose `agentreg.json` names the registries. */
  dir: string;
  /** `name`, `@ns/name`, optionally with `@range` to see what it resolves to. */
  spec: string;
  /** A registry URL, absolute folder path or `builtin`, for unscoped names. */
  registry?: string;
  /** Cache, offline mode, `${VAR}` values, proxy and timeouts for HTTP registries. */
  network?: NetworkOptions;
}

export type { AgentInfo } from "../../registry/describe-agent.js";

/**
 * Everything a registry says about one agent, with every version and its integrity.
 *
 * @example
 * const info = await getAgentInfo({ dir: process.cwd(), spec: "senior-backend-engineer" });
 */
export async function getAgentInfo(options: GetAgentInfoOptions): Promise<AgentInfo> {
  checkOptions("getAgentInfo", options, { dir: "path", spec: "string", registry: "string?", network: "object?" });
  checkNetworkOptions("getAgentInfo", options.network);
  const { packument, version, fetched } = await lookUpAgent(options);
  return describeAgent({
    key: fetched.key,
    registry: fetched.lockEntry.registry,
    packument,
    version,
    file: fetched.source,
  });
}
