import semver from "../semver.js";
import { loadAgentFile } from "../agent/load-agent-file.js";
import { listGrants, type AgentGrants } from "../agent/permission-widening.js";
import type { Packument } from "./protocol.js";

/**
 * An agent as its registry describes it, except for what it may do: the grants (`tools`,
 * `disallowedTools`, `permissionMode`, `mcpServers`, `hooks`) and `model` are read from the resolved
 * version's verified file, since a registry's metadata can claim anything (DESIGN §8).
 */
export interface AgentInfo extends AgentGrants {
  name: string;
  registry: string;
  description: string;
  keywords: string[];
  license?: string;
  distTags: Record<string, string>;
  /** The version the spec's range (default `latest`) resolves to. */
  resolved: string;
  model?: string;
  /** Set when Claude Code would load nothing from the resolved version's file; the grants are then empty. */
  unloadable?: string;
  versions: Array<{ version: string; integrity: string; size: number; publishedAt: string; deprecated?: string; yanked?: boolean }>;
}

export interface DescribeAgentOptions {
  /** The agent's key, `name` or `@ns/name`. */
  key: string;
  /** The registry's id, as the lockfile records it. */
  registry: string;
  packument: Packument;
  /** The version the range resolved to. */
  version: string;
  /** That version's `<name>.md`, verified against the registry's integrity; undefined when the package has none. */
  file: Uint8Array | undefined;
}

/**
 * What `info` shows: the registry's description of an agent, every version with its integrity,
 * and the grants and model read from the resolved version's verified file.
 */
export function describeAgent(options: DescribeAgentOptions): AgentInfo {
  const { key, registry, packument, version, file } = options;
  // The name from the key the user asked for, not the packument's own claim.
  const name = key.slice(key.lastIndexOf("/") + 1);
  const loaded = file ? loadAgentFile(file) : { ok: false as const, message: `the package has no ${name}.md` };
  return {
    name: key,
    registry,
    description: packument.description ?? "",
    keywords: packument.keywords ?? [],
    ...(packument.license === undefined ? {} : { license: packument.license }),
    distTags: packument.distTags,
    resolved: version,
    ...(loaded.ok ? listGrants(loaded.agent) : { tools: [], disallowedTools: [], mcpServers: [], hooks: [], unloadable: loaded.message }),
    ...(loaded.ok && loaded.agent.model !== undefined ? { model: loaded.agent.model } : {}),
    versions: Object.entries(packument.versions)
      .sort(([a], [b]) => compareVersions(a, b))
      .map(([v, e]) => ({
        version: v,
        integrity: e.integrity,
        size: e.size,
        publishedAt: e.publishedAt,
        ...(e.deprecated ? { deprecated: e.deprecated } : {}),
        ...(e.yanked ? { yanked: true } : {}),
      })),
  };
}

/** Semver order; a key that is not a version (a hostile registry's) sorts after them instead of throwing. */
function compareVersions(a: string, b: string): number {
  const validA = semver.valid(a) !== null;
  const validB = semver.valid(b) !== null;
  if (validA && validB) return semver.compare(a, b);
  return validA !== validB ? (validA ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
}
