import { computeIntegrity } from "../archive/integrity.js";
import { unpackAgent } from "../archive/unpack-agent.js";
import { AgentregError, ErrorCode, isAgentregError } from "../errors.js";
import type { PackumentVersion } from "../registry/protocol.js";
import type { RegistryClient } from "../registry/registry-client.js";
import { installPathFor } from "./agent-files.js";
import type { LockEntry } from "./lockfile.js";
import { republishedError } from "./republished.js";

/** An agent's verified bytes, ready to write, with the lock entry that describes them. */
export interface FetchedAgent {
  key: string;
  name: string;
  lockEntry: LockEntry;
  /** Project-relative POSIX path -> bytes. */
  files: Map<string, Uint8Array>;
}

/**
 * Downloads a resolved version, checks the tarball's sha512 against the packument, unpacks it in
 * memory and hashes each file for the lockfile.
 *
 * @example
 * const fetched = await fetchResolvedAgent({ client, key: "x", name: "x", version: "1.0.0", entry });
 */
export async function fetchResolvedAgent(options: {
  client: RegistryClient;
  key: string;
  name: string;
  version: string;
  entry: PackumentVersion;
}): Promise<FetchedAgent> {
  const { client, key, name, version, entry } = options;
  const tarball = await client.getTarball(name, version, entry);
  const files = await unpackInstallFiles(tarball, name, `${key}@${version}`);
  return {
    key,
    name,
    files,
    lockEntry: {
      version,
      registry: client.source.id,
      resolved: client.source.resolveTarball(entry.tarball),
      integrity: entry.integrity,
      files: Object.fromEntries([...files].map(([path, bytes]) => [path, computeIntegrity(bytes)])),
    },
  };
}

/**
 * Downloads exactly what a lock entry names: the tarball must match the lock's integrity, and every
 * unpacked file the lock's per-file hash. Needs no registry metadata.
 *
 * @example
 * const fetched = await fetchLockedAgent({ client, key: "x", name: "x", lockEntry: lock.agents.x });
 */
export async function fetchLockedAgent(options: { client: RegistryClient; key: string; name: string; lockEntry: LockEntry }): Promise<FetchedAgent> {
  const { client, key, name, lockEntry } = options;
  const subject = `${key}@${lockEntry.version}`;
  const expectedPaths = Object.keys(lockEntry.files).sort();
  if (expectedPaths.length !== 1 || expectedPaths[0] !== installPathFor(name)) {
    throw new AgentregError(ErrorCode.LOCKFILE, `the lock entry for ${subject} lists unexpected files: ${expectedPaths.join(", ")}`, {
      subject,
      hint: "Restore agentreg.lock from version control, or run `agentreg install` without --frozen.",
    });
  }
  const tarball = await client.getLockedTarball(lockEntry.resolved, lockEntry.integrity, subject).catch((error: unknown) => {
    // Bytes that do not match the lock at the locked URL mean the registry republished the version.
    const actual = isAgentregError(error) && error.code === ErrorCode.INTEGRITY ? error.details?.actual : undefined;
    throw typeof actual === "string" ? republishedError(key, lockEntry.version, lockEntry.integrity, actual) : error;
  });
  const files = await unpackInstallFiles(tarball, name, subject);
  for (const [path, bytes] of files) {
    const actual = computeIntegrity(bytes);
    if (actual !== lockEntry.files[path]) {
      throw new AgentregError(ErrorCode.INTEGRITY, `${path} from ${subject} does not match its hash in agentreg.lock`, {
        subject,
        hint: "The lockfile or the registry was tampered with; restore agentreg.lock and report the registry.",
        details: { expected: lockEntry.files[path], actual },
      });
    }
  }
  return { key, name, files, lockEntry };
}

async function unpackInstallFiles(tarball: Uint8Array, name: string, subject: string): Promise<Map<string, Uint8Array>> {
  const { files } = await unpackAgent({ tarball, name, subject });
  const main = files.get(`${name}.md`);
  if (!main) {
    throw new AgentregError(ErrorCode.UNSAFE_ARCHIVE, `the tarball of ${subject} has no ${name}.md`, { subject, hint: "Report the registry." });
  }
  return new Map([[installPathFor(name), main]]);
}
