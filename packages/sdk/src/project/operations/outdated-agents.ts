import { parseAgentSpec } from "../../agent/agent-name.js";
import { isAgentregError } from "../../errors.js";
import { checkNetworkOptions, type NetworkOptions } from "../../registry/http/network-options.js";
import { resolveVersion } from "../../resolve/resolve-version.js";
import { createRegistryOpener } from "../state/open-registry.js";
import { PROJECT_LOCATION_SPEC, type ProjectLocation } from "../transaction/project-session.js";
import { loadProject } from "../transaction/project-state.js";
import { configuredRegistry, wantedRange } from "../state/wanted-agents.js";
import { own } from "../../own-record.js";
import { checkOptions } from "../../check-arguments.js";

export interface OutdatedAgent {
  key: string;
  range: string;
  registry: string;
  /** The locked version; absent when the agent was never installed. */
  current: string | undefined;
  /** The highest version the range allows (absent when none does). */
  wanted: string | undefined;
  /** The registry's `latest`. */
  latest: string | undefined;
  /** Whether `update` (wanted) or `update --latest` (latest) would change it. */
  outdated: boolean;
  /**
   * Why `current` is not what a fresh resolve would pick: it was yanked since (resolution passes
   * over yanked versions, so `wanted` can be lower than `current`), or it is deprecated.
   */
  note?: string;
}

export interface FindOutdatedOptions extends ProjectLocation {
  registry?: string;
  network?: NetworkOptions;
}

/**
 * For every agent in `agentreg.json`: the locked version, the highest its range allows, and latest.
 *
 * @example
 * const { agents } = await findOutdatedAgents({ dir: process.cwd() });
 */
export async function findOutdatedAgents(options: FindOutdatedOptions): Promise<{ agents: OutdatedAgent[] }> {
  checkOptions("findOutdatedAgents", options, { ...PROJECT_LOCATION_SPEC, registry: "string?", network: "object?" });
  checkNetworkOptions("findOutdatedAgents", options.network);
  const project = await loadProject(options);
  const registries = createRegistryOpener({ dir: project.configDir, config: project.config, override: options.registry, network: options.network });
  const entries = Object.keys(project.config.agents)
    .sort()
    .map((key): [string, string] => [key, wantedRange(project.config, key) ?? ""]);
  const registryOf = (key: string): string => registries.idFor(parseAgentSpec(key).scope, configuredRegistry(project.config, key));
  try {
    await registries.openAll(entries.map(([key]) => registryOf(key)));
    const agents = await Promise.all(
      entries.map(async ([key, range]): Promise<OutdatedAgent> => {
        const registry = registryOf(key);
        const client = await registries.open(registry);
        const packument = await client.getPackument(parseAgentSpec(key).name);
        const wanted = wantedVersion(() => resolveVersion({ packument, range, displayName: key }).version);
        const latest = packument.distTags.latest;
        const current = own(project.lock.agents, key)?.version;
        const currentEntry = current === undefined ? undefined : own(packument.versions, current);
        const note = currentEntry?.yanked
          ? `${current} was yanked; \`agentreg update ${key}\` moves to ${wanted ?? "nothing (every version in range is yanked)"}`
          : currentEntry?.deprecated
            ? `${current} is deprecated: ${currentEntry.deprecated}`
            : undefined;
        return { key, range, registry, current, wanted, latest, outdated: current !== wanted || (latest !== undefined && current !== latest), ...(note === undefined ? {} : { note }) };
      }),
    );
    return { agents };
  } finally {
    await registries.close();
  }
}

/** A range nothing satisfies any more (all yanked) has no wanted version; that is a finding, not a failure. */
function wantedVersion(resolve: () => string): string | undefined {
  try {
    return resolve();
  } catch (error) {
    if (isAgentregError(error) && error.code === "E_NO_MATCH") return undefined;
    throw error;
  }
}
