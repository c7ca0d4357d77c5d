import { checkNetworkOptions, type NetworkOptions } from "../../registry/http/network-options.js";
import { searchIndex, type SearchHit } from "../../registry/search-index.js";
import { createRegistryOpener } from "../state/open-registry.js";
import { readProjectConfig } from "../state/project-config.js";
import { own } from "../../own-record.js";
import { checkOptions } from "../../check-arguments.js";

export type { SearchHit } from "../../registry/search-index.js";

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
 * Searches the index of the registry the project implies (or `registry`): names weigh most, then
 * keywords, then descriptions; ties sort by name.
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
  return { registry: client.source.id, results: searchIndex(index, options.query, options.limit) };
}
