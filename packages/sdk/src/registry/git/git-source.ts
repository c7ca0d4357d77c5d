import semver from "../../semver.js";
import { interpretAgent } from "../../agent/agent-definition.js";
import { computeIntegrity } from "../../archive/integrity.js";
import { AgentregError, ErrorCode, isAgentregError } from "../../errors.js";
import { PROTOCOL_SCHEMA_VERSION, registryPaths, type Packument, type RegistryIndex } from "../protocol.js";
import { isSafeTarballPath, type RegistrySource } from "../registry-source.js";
import { warmParsers } from "../warm-parsers.js";
import { createBlobReader } from "./blob-reader.js";
import { readAgentFile, readAgentsAt, type GitAgentFile, type GitAgentsAt } from "./git-agents.js";
import { parseGitLocation } from "./git-location.js";
import { MAX_GIT_FILE_BYTES, fetchCommit, fetchMirror, hasCommit, mirrorDirFor, openMirror, type GitMirror, type GitTreeFile } from "./git-mirror.js";
import { markdownFilesAt } from "./mirror-records.js";
import { syncMirror, takePrefetchedSync } from "./git-sync.js";
import { readVersionSources, versionsOfAgent, type GitVersionSources } from "./git-versions.js";

export interface GitSourceOptions {
  /** The id recorded in the lockfile: the location as written, or a registry name from agentreg.json. */
  id: string;
  /** The git location (see `parseGitLocation`), `#ref` included. */
  location: string;
  /** The folder of the repository to read agents from; the whole repository when absent. */
  path?: string | undefined;
  /** The cache folder; the repository's mirror lives in `<cacheDir>/git/`. */
  cacheDir: string;
  /** The environment git runs with (credential helpers, SSH agent, proxies): the CLI passes its own. */
  env: Readonly<Record<string, string | undefined>>;
  /** Never run a fetch: the mirror must hold what is asked (`E_OFFLINE` otherwise). */
  offline?: boolean | undefined;
  /** Fetch only when the mirror does not hold what is asked. */
  preferOffline?: boolean | undefined;
}

/**
 * A git repository as a registry (issue 16): its agents are the Markdown files whose frontmatter
 * names them; its versions are its tags (and a pseudo-version of the followed branch); each version's
 * artifact is the agent file itself at that commit, whose sha512 is its integrity. A lock's
 * `resolved` is `<location>#<40-hex commit>/<path in the repository>`, so `install --frozen` reads
 * exactly that commit, never a tag or a branch.
 */
export async function createGitSource(options: GitSourceOptions): Promise<RegistrySource> {
  const location = parseGitLocation(options.location);
  const inside = options.path ?? "";
  if (inside !== "" && !isSafeTarballPath(inside)) {
    throw new AgentregError(ErrorCode.CONFIG, `the path ${JSON.stringify(inside)} of git registry ${options.id} is not a plain folder path inside the repository`, {
      subject: options.id,
      hint: 'Use a relative POSIX path such as "plugins/backend/agents".',
    });
  }
  // A sync `prefetchGitRegistry` started for this command is taken over; offline commands never start one.
  const online = !options.offline && !options.preferOffline;
  const prefetched = online ? takePrefetchedSync(mirrorDirFor(options.cacheDir, location), options.env, options.location) : undefined;
  const mirror = prefetched?.mirror ?? openMirror({ cacheDir: options.cacheDir, location, shown: options.location, env: options.env });
  const prefix = `${location.base}#`;
  const blobs = createBlobReader(mirror);
  const atCommit = new Map<string, Promise<GitAgentsAt>>();
  const agentsAt = (commit: string): Promise<GitAgentsAt> => memo(atCommit, commit, async () => readAgentsAt(mirror, commit, [...(await treeOf(commit)).values()], inside, blobs));
  const files = new Map<string, Promise<GitAgentFile>>();
  const fileOf = (at: GitAgentsAt, name: string): Promise<GitAgentFile> | undefined => {
    const entry = at.agents.get(name);
    return entry && memo(files, `${entry.blob}:${name}`, () => readAgentFile(entry, name, blobs, options.location));
  };
  // Each commit's Markdown files are listed once (mirror-records.ts), or taken from the sync that
  // listed them (`listing`). A commit the mirror lacks (a locked one that no ref reaches any more) is
  // fetched by id first, or reported gone.
  const trees = new Map<string, Promise<Map<string, GitTreeFile>>>();
  const treeOf = (commit: string, listing?: Promise<GitTreeFile[]>): Promise<Map<string, GitTreeFile>> =>
    memo(trees, commit, async () => {
      const listed = await (listing ?? markdownFilesAt(mirror, commit)).catch(async (error: unknown) => {
        if (!isAgentregError(error) || error.code !== ErrorCode.REGISTRY || (await hasCommit(mirror, commit))) throw error;
        await ensureCommit(mirror, commit, options);
        return markdownFilesAt(mirror, commit);
      });
      return new Map(listed.map((file) => [file.path, file]));
    });
  let synced: Promise<GitVersionSources> | undefined;
  const sources = (): Promise<GitVersionSources> => {
    if (synced) return synced;
    const sync = prefetched?.sync ?? syncMirror(mirror, options);
    // Online, git takes a while to answer: the parsers its answer goes through are readied meanwhile.
    if (online) setImmediate(warmParsers);
    // A new mirror's default branch, walked and read by the cat-file that started with the fetch, is
    // named as soon as it is. Failures wait for the read that needs them.
    void sync.head.then((head) => {
      if (head === undefined) return;
      treeOf(head.commit, head.files).catch(() => undefined);
      blobs.adopt(head.bytes);
      agentsAt(head.commit).catch(() => undefined);
    });
    return (synced = sync.refs.then((refs) => readVersionSources(refs, location.ref)));
  };

  const packument = async (name: string): Promise<Packument | undefined> => {
    const versionSources = await sources();
    const commits = [...new Set([...versionSources.repository.map((v) => v.commit), ...(versionSources.head ? [versionSources.head.commit] : [])])];
    const held = new Map(await Promise.all(commits.map(async (commit) => [commit, await agentsAt(commit)] as const)));
    for (const version of versionSources.agents.get(name) ?? []) held.set(version.commit, await agentsAt(version.commit));
    const versions = versionsOfAgent(name, versionSources, (commit) => held.get(commit)?.agents.has(name) === true);
    if (versions.length === 0) {
      const refusal = [...held.values()].map((at) => at.refused.get(name)).find((reason) => reason !== undefined);
      if (refusal) throw new AgentregError(ErrorCode.UNSAFE_PATH, `${name} in ${options.location}: ${refusal}`, { subject: name, hint: "Nothing was written. Report the repository to its owner." });
      return undefined;
    }
    const entries: Packument["versions"] = {};
    const read = await Promise.all(versions.map((version) => held.get(version.commit)).map((at) => (at ? fileOf(at, name) : undefined)));
    for (const [i, version] of versions.entries()) {
      const file = read[i];
      if (file) entries[version.version] = { integrity: computeIntegrity(file.bytes), tarball: `${version.commit}/${file.path}`, size: file.bytes.length, publishedAt: version.publishedAt, frontmatter: file.frontmatter };
    }
    const stable = versions.filter((version) => semver.prerelease(version.version) === null);
    const latest = (stable[stable.length - 1] ?? versions[versions.length - 1])?.version ?? "";
    const description = entries[latest]?.frontmatter.description;
    return { name, ...(typeof description === "string" ? { description } : {}), distTags: { latest }, versions: entries };
  };

  const index = async (): Promise<RegistryIndex> => {
    const versionSources = await sources();
    const commit = versionSources.head?.commit ?? versionSources.repository[versionSources.repository.length - 1]?.commit;
    const at = commit === undefined ? undefined : await agentsAt(commit);
    const names = at === undefined ? [] : [...at.agents.keys()].sort();
    // All at once, so the files are read in one `git cat-file --batch`. Each entry describes the
    // latest version, its grants read as Claude Code reads them, as a built registry's index does.
    const docs = await Promise.all(names.map((name) => packument(name)));
    const entries = docs.flatMap((doc) => {
      const version = doc?.distTags.latest;
      const latest = version === undefined ? undefined : doc?.versions[version];
      if (!doc || version === undefined || !latest) return [];
      const loaded = interpretAgent(latest.frontmatter);
      return [
        {
          name: doc.name,
          description: doc.description ?? "",
          latest: version,
          keywords: [],
          tools: loaded.ok ? loaded.agent.tools : ([] as string[]),
          ...(loaded.ok && loaded.agent.model !== undefined ? { model: loaded.agent.model } : {}),
          updatedAt: Object.values(doc.versions).map((version) => version.publishedAt).sort().at(-1) ?? new Date(0).toISOString(),
        },
      ];
    });
    return { schemaVersion: PROTOCOL_SCHEMA_VERSION, name: options.id, serial: 0, generatedAt: new Date(0).toISOString(), agents: entries };
  };

  const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
  return {
    id: options.id,
    location: options.location,
    artifact: "file",
    async read(path) {
      if (path === registryPaths.index) return encode(await index());
      const match = /^agents\/([^/]+)\.json$/.exec(path);
      if (!match) return undefined;
      const doc = await packument(match[1] ?? "");
      return doc === undefined ? undefined : encode(doc);
    },
    resolveTarball(tarball) {
      if (!/^[0-9a-f]{40}\//.test(tarball) || !isSafeTarballPath(tarball)) {
        throw new AgentregError(ErrorCode.REGISTRY, `the file ${JSON.stringify(tarball.slice(41))} of ${options.location} has a path agentreg cannot record safely`, {
          subject: options.location,
          hint: "Agent files in git registries need plain paths (letters, digits, . _ - ~ + @ and /); rename the file in the repository.",
        });
      }
      return `${prefix}${tarball}`;
    },
    async readTarball(resolved) {
      if (!resolved.startsWith(prefix)) return undefined;
      const [commit = "", ...rest] = resolved.slice(prefix.length).split("/");
      const path = rest.join("/");
      const file = (await treeOf(commit)).get(path);
      if (!file) return undefined;
      if (file.mode === "120000" || file.size > MAX_GIT_FILE_BYTES) {
        throw new AgentregError(ErrorCode.UNSAFE_PATH, `${path} at ${commit.slice(0, 12)} in ${options.location} is ${file.mode === "120000" ? "a symlink" : "too large"}`, { subject: path, hint: "Nothing was written. Report the repository to its owner." });
      }
      return blobs.read(file.blob, { keep: true });
    },
  };
}

/** A locked commit the mirror lacks (the caller checked) is fetched with the refs, else by id; one the remote no longer has is gone, never replaced. */
async function ensureCommit(mirror: GitMirror, commit: string, options: GitSourceOptions): Promise<void> {
  if (options.offline) {
    throw new AgentregError(ErrorCode.OFFLINE, `commit ${commit} of ${options.location} is not in the cache`, { subject: options.location, hint: "Run once online, or drop --offline." });
  }
  await fetchMirror(mirror);
  if (await hasCommit(mirror, commit)) return;
  // A remote refuses a commit it no longer has (E_NOT_FOUND, or E_REGISTRY for "not our ref");
  // an auth or network failure is not "gone" and is reported as what it is.
  await fetchCommit(mirror, commit).catch((error: unknown) => {
    if (!isAgentregError(error) || (error.code !== ErrorCode.NOT_FOUND && error.code !== ErrorCode.REGISTRY)) throw error;
  });
  if (await hasCommit(mirror, commit)) return;
  throw new AgentregError(ErrorCode.NOT_FOUND, `commit ${commit} is gone from ${options.location} (force-pushed or deleted)`, {
    subject: options.location,
    hint: "The locked bytes cannot be fetched any more, and agentreg never installs other bytes in their place. Pick a version that exists with `agentreg update`.",
  });
}

function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = map.get(key);
  if (!pending) map.set(key, (pending = load()));
  return pending;
}
