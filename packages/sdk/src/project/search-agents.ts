import type { RegistryIndexEntry } from "../registry/protocol.js";
import { checkNetworkOptions, type NetworkOptions } from "../registry/http/network-options.js";
import { createRegistryOpener } from "./open-registry.js";
import { readProjectConfig } from "./project-config.js";
import { own } from "../own-record.js";
import { checkOptions } from "../check-arguments.js";

export interface SearchAgentsOptions {
  dir: string;
  /** Words to look for; every word must match the name, a keyword or the description. */
  query: string;
  /** A registry URL, absolute folder path, `builtin`, or a registry name from `agentreg.json`. */
  registry?: string;
  limit?: number;
  /** Cache, offline mode, `${VAR}` values, proxy and timeouts for HTTP registries. */
  network?: NetworkOptions;
}

/**
 * One index entry that matched. Everything in it is what the index claims: its `tools` and `model`
 * are not read from the agent's file, so they must not be shown as the agent's grants (DESIGN §8);
 * `getAgentInfo` reads those from the verified file.
 */
export interface SearchHit extends RegistryIndexEntry {
  score: number;
}

/**
 * Searches a registry's index: names weigh most, then keywords, then descriptions; ties sort by name.
 *
 * @example
 * const { results } = await searchAgents({ dir: process.cwd(), query: "backend" });
 */
export async function searchAgents(options: SearchAgentsOptions): Promise<{ registry: string; results: SearchHit[] }> {
  checkOptions("searchAgents", options, { dir: "path", query: "string", registry: "string?", limit: "number?", network: "object?" });
  checkNetworkOptions("searchAgents", options.network);
  const config = await readProjectConfig(options.dir);
  const registries = createRegistryOpener({ dir: options.dir, config, override: options.registry, network: options.network });
  const id = options.registry !== undefined && own(config?.registries, options.registry) ? options.registry : registries.idFor(undefined);
  const client = await registries.open(id);
  const index = await client.getIndex().finally(() => registries.close());
  const terms = options.query.toLowerCase().split(/\s+/).filter(Boolean);
  // Scored in place and only the shown hits copied: an index can hold 10,000 agents, all matching.
  const hits: Array<{ agent: RegistryIndexEntry; score: number }> = [];
  for (const agent of index.agents) {
    const score = scoreAgent(agent, terms);
    if (score > 0) hits.push({ agent, score });
  }
  hits.sort((a, b) => b.score - a.score || (a.agent.name < b.agent.name ? -1 : 1));
  const results: SearchHit[] = hits.slice(0, options.limit ?? 20).map(({ agent, score }) => ({ ...agent, score }));
  return { registry: client.source.id, results };
}

/** 0 when some term matches nothing; an empty query matches everything equally. */
function scoreAgent(agent: RegistryIndexEntry, terms: string[]): number {
  if (terms.length === 0) return 1;
  const description = agent.description.toLowerCase();
  const keywords = agent.keywords.map((keyword) => keyword.toLowerCase());
  let total = 0;
  for (const term of terms) {
    const score =
      (agent.name === term ? 100 : agent.name.startsWith(term) ? 50 : agent.name.includes(term) ? 30 : 0) +
      (keywords.includes(term) ? 20 : keywords.some((keyword) => keyword.includes(term)) ? 10 : 0) +
      (description.includes(term) ? 5 : 0);
    if (score === 0) return 0;
    total += score;
  }
  return total;
}
