import semver from "../../semver.js";
import type { GitRef } from "./git-mirror.js";

/** One version of a git registry: the commit it is read from, and why it has that version. */
export interface GitVersion {
  version: string;
  commit: string;
  /** `repository tag v1.2.0`, `agent tag reviewer@1.2.0`, or `branch main` for a pseudo-version. */
  from: string;
  /** The commit's committer time, ISO. */
  publishedAt: string;
}

/** Where the registry's versions come from, read once from the mirror's refs. */
export interface GitVersionSources {
  /** Repository tags (`v1.2.0`, `1.2.0`): every agent that exists at that commit has that version. */
  repository: GitVersion[];
  /** Per-agent tags (`<name>@1.2.0`, Claude Code's `<name>--v1.2.0`), by agent name; they win over a repository tag. */
  agents: Map<string, GitVersion[]>;
  /** The followed branch (or tag, or commit): untagged, its commit gets a pseudo-version. */
  head: { commit: string; committedAt: number; from: string } | undefined;
}

const SEMVER = "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
const REPOSITORY_TAG = new RegExp(`^refs/tags/v?(${SEMVER})$`);
const AGENT_TAG = new RegExp(`^refs/tags/(.+?)(?:@|--v)(${SEMVER})$`);

/**
 * Sorts a mirror's refs into version sources. `follow` is the location's `#ref` (a branch, a tag or
 * a 40-hex commit); without one, the remote's default branch. A version written two ways (`v1.2.0`
 * and `1.2.0`) is kept once, the lexically first tag winning, so the same refs give the same versions.
 */
export function readVersionSources(refs: GitRef[], follow: string | undefined): GitVersionSources {
  const repository = new Map<string, GitVersion>();
  const agents = new Map<string, Map<string, GitVersion>>();
  for (const ref of [...refs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const tag = ref.name.slice("refs/tags/".length);
    const repositoryTag = REPOSITORY_TAG.exec(ref.name);
    if (repositoryTag) {
      const version = repositoryTag[1] ?? "";
      if (!repository.has(version)) repository.set(version, { version, commit: ref.commit, from: `repository tag ${tag}`, publishedAt: iso(ref.committedAt) });
      continue;
    }
    const agentTag = AGENT_TAG.exec(ref.name);
    if (agentTag) {
      const [, name = "", version = ""] = agentTag;
      const versions = agents.get(name) ?? new Map<string, GitVersion>();
      if (!versions.has(version)) versions.set(version, { version, commit: ref.commit, from: `agent tag ${tag}`, publishedAt: iso(ref.committedAt) });
      agents.set(name, versions);
    }
  }
  return {
    repository: [...repository.values()].sort((a, b) => semver.compare(a.version, b.version)),
    agents: new Map([...agents].map(([name, versions]) => [name, [...versions.values()].sort((a, b) => semver.compare(a.version, b.version))])),
    head: followed(refs, follow),
  };
}

function followed(refs: GitRef[], follow: string | undefined): GitVersionSources["head"] {
  if (follow !== undefined && /^[0-9a-f]{40}$/.test(follow)) return { commit: follow, committedAt: 0, from: `commit ${follow.slice(0, 12)}` };
  const names = follow === undefined ? ["HEAD"] : [`refs/heads/${follow}`, `refs/tags/${follow}`];
  for (const name of names) {
    const ref = refs.find((candidate) => candidate.name === name);
    if (ref) return { commit: ref.commit, committedAt: ref.committedAt, from: name === "HEAD" ? "the default branch" : name.startsWith("refs/heads/") ? `branch ${follow}` : `tag ${follow}` };
  }
  return undefined;
}

/**
 * A Go-style pseudo-version for an untagged commit, `0.0.0-<yyyymmddhhmmss>-<12 hex>` (UTC committer
 * time): a prerelease, so ranges never pick it unless asked to, and later commits sort higher.
 *
 * @example
 * pseudoVersion("0123456789abcdef0123456789abcdef01234567", 1767323045); // "0.0.0-20260102030405-0123456789ab"
 */
export function pseudoVersion(commit: string, committedAt: number): string {
  const stamp = new Date(committedAt * 1000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `0.0.0-${stamp}-${commit.slice(0, 12)}`;
}

/**
 * The versions of one agent: its own tags, then repository tags at commits where it exists (`existsAt`),
 * and a pseudo-version for the followed commit when no version above is at that commit.
 */
export function versionsOfAgent(name: string, sources: GitVersionSources, existsAt: (commit: string) => boolean): GitVersion[] {
  const versions = new Map<string, GitVersion>();
  for (const version of sources.agents.get(name) ?? []) versions.set(version.version, version);
  for (const version of sources.repository) if (!versions.has(version.version) && existsAt(version.commit)) versions.set(version.version, version);
  const { head } = sources;
  if (head && existsAt(head.commit) && ![...versions.values()].some((version) => version.commit === head.commit)) {
    const version = pseudoVersion(head.commit, head.committedAt);
    versions.set(version, { version, commit: head.commit, from: head.from, publishedAt: iso(head.committedAt) });
  }
  return [...versions.values()].sort((a, b) => semver.compare(a.version, b.version));
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
