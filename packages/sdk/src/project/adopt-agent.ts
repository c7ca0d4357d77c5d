import semver from "semver";
import { computeIntegrity } from "../archive/integrity.js";
import type { Packument } from "../registry/protocol.js";
import type { RegistryClient } from "../registry/registry-client.js";
import { installPathFor } from "./agent-files.js";
import { fetchResolvedAgent, type FetchedAgent } from "./fetch-agent.js";

/**
 * The published version whose file is byte for byte `bytes`, newest first, or undefined. This is how
 * `add --adopt` takes over a file someone copied by hand without ever rewriting it.
 *
 * @example
 * const version = await adoptPublishedVersion({ client, packument, key: "x", name: "x", bytes });
 */
export async function adoptPublishedVersion(options: {
  client: RegistryClient;
  packument: Packument;
  key: string;
  name: string;
  bytes: Uint8Array;
}): Promise<FetchedAgent | undefined> {
  const { client, packument, key, name } = options;
  const wanted = computeIntegrity(options.bytes);
  const versions = Object.keys(packument.versions).filter((v) => semver.valid(v) !== null).sort(semver.rcompare);
  for (const version of versions) {
    const entry = packument.versions[version];
    if (!entry || entry.yanked) continue;
    const fetched = await fetchResolvedAgent({ client, key, name, version, entry });
    if (fetched.lockEntry.files[installPathFor(name)] === wanted) return fetched;
  }
  return undefined;
}
