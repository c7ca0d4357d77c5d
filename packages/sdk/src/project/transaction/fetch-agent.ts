import { formatAgentSpec, parseAgentSpec } from "../../agent/agent-name.js";
import { computeIntegrity } from "../../archive/integrity.js";
import { unpackAgent } from "../../archive/unpack-agent.js";
import { checkOptions } from "../../check-arguments.js";
import { AgentregError, ErrorCode, isAgentregError } from "../../errors.js";
import { checkNetworkOptions, type NetworkOptions } from "../../registry/http/network-options.js";
import type { Packument, PackumentVersion } from "../../registry/protocol.js";
import type { RegistryClient } from "../../registry/registry-client.js";
import { resolveVersion } from "../../resolve/resolve-version.js";
import { installPathFor, possibleAgentPaths } from "../state/agent-files.js";
import type { LockEntry } from "../state/lockfile.js";
import { createRegistryOpener } from "../state/open-registry.js";
import { readProjectConfig } from "../state/project-config.js";
import { republishedError } from "./republished.js";
import { CLAUDE_ONLY, filesForTargets, lockedFilesOf, type InstallTargets } from "./target-files.js";
import type { TranslationFinding } from "../../targets/translate-agent.js";
import { OTHER_TARGET_IDS, handWrittenPath, type TargetId } from "../../targets/agent-targets.js";
import { configuredRegistry } from "../state/wanted-agents.js";

export interface FetchAgentOptions {
  /** The project root, whose `agentreg.json` (if any) names the registries. Nothing is written there. */
  dir: string;
  /** `name`, `@ns/name`, optionally with `@range` or `@tag` (default `latest`). */
  spec: string;
  /** A registry URL, absolute folder path or `builtin`, for unscoped names. */
  registry?: string;
  /** Cache, offline mode, `${VAR}` values, proxy and timeouts for HTTP registries. */
  network?: NetworkOptions;
}

export interface FetchAgentResult {
  /** As written in `agentreg.json`: `name` or `@ns/name`. */
  name: string;
  version: string;
  /** The registry it came from, as the lockfile records it (`builtin`, a name, a path or a URL). */
  registry: string;
  /** The tarball's sha512, checked against the registry's packument before anything was unpacked. */
  integrity: string;
  /** Where the tarball came from, as the lockfile records it. */
  resolved: string;
  /** Where `addAgents` would install the file: `.claude/agents/<name>.md`. */
  path: string;
  /** The agent file exactly as published (the bytes an install writes). */
  bytes: Uint8Array;
  /** The sha512 of `bytes`, as the lockfile's `files` records it. */
  fileIntegrity: string;
  /** The registry's deprecation message for this version, if any. */
  deprecated?: string;
}

/**
 * Downloads one agent without installing it: resolves the spec in the registry the project would use,
 * checks the tarball against its sha512 (and signature, for a registry with pinned keys), unpacks it
 * in memory and returns the agent file's bytes. Writes nothing.
 *
 * @example
 * const agent = await fetchAgent({ dir: process.cwd(), spec: "senior-backend-engineer@^1" });
 * console.log(agent.version, agent.integrity);
 * await writeFile("reviewer.md", agent.bytes);
 */
export async function fetchAgent(options: FetchAgentOptions): Promise<FetchAgentResult> {
  checkOptions("fetchAgent", options, { dir: "path", spec: "string", registry: "string?", network: "object?" });
  checkNetworkOptions("fetchAgent", options.network);
  const { fetched, version, entry } = await lookUpAgent(options);
  const path = installPathFor(fetched.name);
  const bytes = fetched.source;
  return {
    name: fetched.key,
    version,
    registry: fetched.lockEntry.registry,
    integrity: fetched.lockEntry.integrity,
    resolved: fetched.lockEntry.resolved,
    path,
    bytes,
    fileIntegrity: computeIntegrity(bytes),
    ...(entry.deprecated === undefined ? {} : { deprecated: entry.deprecated }),
  };
}

/**
 * What `info` and `fetchAgent` share: the spec resolved in the registry the project implies (an
 * agent the project already has is looked up where `agentreg.json` says it comes from, unless
 * `registry` says otherwise), and that version fetched and verified exactly as an install fetches it.
 */
export async function lookUpAgent(options: FetchAgentOptions): Promise<{ packument: Packument; version: string; entry: PackumentVersion; fetched: FetchedAgent }> {
  const spec = parseAgentSpec(options.spec);
  const key = formatAgentSpec(spec);
  const config = await readProjectConfig(options.dir);
  const registries = createRegistryOpener({ dir: options.dir, config, override: options.registry, network: options.network });
  try {
    const configured = options.registry === undefined && config ? configuredRegistry(config, key) : undefined;
    const client = await registries.open(registries.idFor(spec.scope, configured));
    const packument = await client.getPackument(spec.name);
    const { version, entry } = resolveVersion({ packument, range: spec.range ?? "latest", displayName: key });
    const fetched = await fetchResolvedAgent({ client, key, name: spec.name, version, entry });
    return { packument, version, entry, fetched };
  } finally {
    await registries.close();
  }
}

/** An agent's verified bytes, ready to write, with the lock entry that describes them. */
export interface FetchedAgent {
  key: string;
  name: string;
  lockEntry: LockEntry;
  /** The agent file as the registry holds it (Claude Code's format): what the gates read. */
  source: Uint8Array;
  /** Files the publisher wrote for other tools (`targets/<target>/…` in the package), installed instead of translations. */
  handWritten: Map<TargetId, Uint8Array>;
  /** Project-relative POSIX path -> bytes: one file per target (target-files.ts). */
  files: Map<string, Uint8Array>;
  /** What the files of other targets could not carry over (issue 17). */
  findings: TranslationFinding[];
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
  /** The tools to install for, and where (default: Claude Code, in a project). */
  targets?: InstallTargets | undefined;
}): Promise<FetchedAgent> {
  const { client, key, name, version, entry } = options;
  const tarball = await client.getTarball(name, version, entry);
  const { source, handWritten } = await agentFilesOf(client, tarball, name, `${key}@${version}`);
  const { files, findings } = filesForTargets(name, source, options.targets ?? CLAUDE_ONLY, handWritten);
  return {
    key,
    name,
    source,
    handWritten,
    files,
    findings,
    lockEntry: {
      version,
      registry: client.source.id,
      resolved: client.source.resolveTarball(entry.tarball),
      integrity: entry.integrity,
      files: lockedFilesOf(files),
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
export async function fetchLockedAgent(options: { client: RegistryClient; key: string; name: string; lockEntry: LockEntry; targets?: InstallTargets | undefined }): Promise<FetchedAgent> {
  const { client, key, name, lockEntry } = options;
  const subject = `${key}@${lockEntry.version}`;
  const possible = possibleAgentPaths(name);
  const unexpected = Object.keys(lockEntry.files).filter((path) => !possible.has(path));
  if (unexpected.length > 0 || Object.keys(lockEntry.files).length === 0) {
    throw new AgentregError(ErrorCode.LOCKFILE, `the lock entry for ${subject} lists unexpected files: ${Object.keys(lockEntry.files).sort().join(", ") || "none"}`, {
      subject,
      hint: "Restore agentreg.lock from version control, or run `agentreg install` without --frozen.",
    });
  }
  const tarball = await client.getLockedTarball(lockEntry.resolved, lockEntry.integrity, subject).catch((error: unknown) => {
    // Bytes that do not match the lock at the locked URL mean the registry republished the version.
    const actual = isAgentregError(error) && error.code === ErrorCode.INTEGRITY ? error.details?.actual : undefined;
    throw typeof actual === "string" ? republishedError(key, lockEntry.version, lockEntry.integrity, actual) : error;
  });
  const { source, handWritten } = await agentFilesOf(client, tarball, name, subject);
  // The registry's own file must be the bytes the lock names; other targets' files are translations
  // of it, compared with the lock by the caller (--frozen), since another agentreg may translate anew.
  const sourcePath = installPathFor(name);
  const locked = lockEntry.files[sourcePath];
  if (locked !== undefined && computeIntegrity(source) !== locked) {
    throw new AgentregError(ErrorCode.INTEGRITY, `${sourcePath} from ${subject} does not match its hash in agentreg.lock`, {
      subject,
      hint: "The lockfile or the registry was tampered with; restore agentreg.lock and report the registry.",
      details: { expected: locked, actual: computeIntegrity(source) },
    });
  }
  const { files, findings } = filesForTargets(name, source, options.targets ?? CLAUDE_ONLY, handWritten);
  return { key, name, source, handWritten, files, findings, lockEntry: { ...lockEntry, files: lockedFilesOf(files) } };
}

/**
 * The agent file of a verified artifact (the file itself from a git registry, else its tarball's
 * `<name>.md`), and the files its publisher wrote for other tools (`targets/<target>/<file>`): the
 * only other entries a package may hold.
 */
async function agentFilesOf(client: RegistryClient, artifact: Uint8Array, name: string, subject: string): Promise<{ source: Uint8Array; handWritten: Map<TargetId, Uint8Array> }> {
  if (client.source.artifact === "file") return { source: artifact, handWritten: new Map() };
  const { files } = await unpackAgent({ tarball: artifact, name, subject, allowedFiles: OTHER_TARGET_IDS.map((target) => handWrittenPath(target, name)) });
  const main = files.get(`${name}.md`);
  if (!main) {
    throw new AgentregError(ErrorCode.UNSAFE_ARCHIVE, `the tarball of ${subject} has no ${name}.md`, { subject, hint: "Report the registry." });
  }
  const handWritten = new Map<TargetId, Uint8Array>();
  for (const target of OTHER_TARGET_IDS) {
    const bytes = files.get(handWrittenPath(target, name));
    if (bytes) handWritten.set(target, bytes);
  }
  return { source: main, handWritten };
}
