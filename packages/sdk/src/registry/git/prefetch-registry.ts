import { checkOptions } from "../../check-arguments.js";
import { isGitLocation } from "./git-location.js";
import { prefetchGitRegistry } from "./git-sync.js";
import { checkNetworkOptions, type NetworkOptions } from "../http/network-options.js";

export interface PrefetchRegistryOptions {
  /** A registry location, as `registry` is given to `addAgents`, `getAgentInfo` or `searchAgents`. */
  location: string;
  /** The `network` the call that reads the registry will be given: the same object. */
  network?: NetworkOptions | undefined;
}

/**
 * Starts asking a registry what it holds now, before the call that reads it is made: a program that
 * has work to do first (the CLI loads and prepares the command) overlaps it with the request. For a
 * git registry, its `git ls-remote` (or the fetch of a repository not in the cache yet) is running
 * when this returns; the next call of the same process that opens the same location with the same
 * `network.variables` and cache takes that answer over, once. Nothing else changes: offline, or for a
 * location that is not a git registry, or one that is not valid (which the call reports), it does
 * nothing, and it never throws for the registry's sake; a failure of the request is the taking call's.
 *
 * @example
 * prefetchRegistry({ location: "github:acme/agents", network });
 * const result = await addAgents({ dir, specs: ["reviewer"], registry: "github:acme/agents", network });
 */
export function prefetchRegistry(options: PrefetchRegistryOptions): void {
  checkOptions("prefetchRegistry", options, { location: "string", network: "object?" });
  checkNetworkOptions("prefetchRegistry", options.network);
  const network = options.network ?? {};
  // Only a call given the same cache and environment could take it over.
  if (network.offline || network.preferOffline || network.cacheDir === undefined || network.variables === undefined) return;
  if (isGitLocation(options.location)) prefetchGitRegistry({ location: options.location, cacheDir: network.cacheDir, env: network.variables });
}
