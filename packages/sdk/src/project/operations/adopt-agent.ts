import semver from "../../semver.js";
import { computeIntegrity } from "../../archive/integrity.js";
import type { Packument } from "../../registry/protocol.js";
import type { RegistryClient } from "../../registry/registry-client.js";
import { fetchResolvedAgent, type FetchedAgent } from "../transaction/fetch-agent.js";
import type { InstallTargets } from "../transaction/target-files.js";

/**
 * The published version whose file is byte for byte `bytes`, newest first, among those `range` allows
 * (a semver range or a dist-tag; all when absent), or undefined. This is how `add --adopt` takes over a
 * file someone copied by hand without ever rewriting it, and the lock still satisfies the config.
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
  range?: string | undefined;
  /** The tools the adopted agent is installed for (default: Claude Code, in a project). */
  targets?: InstallTargets | undefined;
}): Promise<FetchedAgent | undefined> {
  const { client, packument, key, name, range } = options;
  const wanted = computeIntegrity(options.bytes);
  const tagged = range === undefined ? undefined : packument.distTags[range];
  const allowed = (version: string): boolean =>
    range === undefined || range === "latest" ? true : tagged !== undefined ? version === tagged : semver.satisfies(version, range);
  const versions = Object.keys(packument.versions)
    .filter((v) => semver.valid(v) !== null && allowed(v))
    .sort(semver.rcompare);
  for (const version of versions) {
    const entry = packument.versions[version];
    if (!entry || entry.yanked) continue;
    const fetched = await fetchResolvedAgent({ client, key, name, version, entry, targets: options.targets });
    if (computeIntegrity(fetched.source) === wanted) return fetched;
  }
  return undefined;
}
