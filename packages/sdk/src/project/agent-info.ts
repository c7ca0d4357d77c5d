import semver from "semver";
import { loadAgentFile } from "../agent/load-agent-file.js";
import { listGrants, type AgentGrants } from "../agent/permission-widening.js";
import { checkNetworkOptions, type NetworkOptions } from "../registry/http/network-options.js";
import { installPathFor } from "./agent-files.js";
import { lookUpAgent } from "./fetch-agent.js";
import { checkOptions } from "../check-arguments.js";

export interface GetAgentInfoOptions {
  /** The project root, whose `agentreg.json` names the registries. */
  dir: string;
  /** `name`, `@ns/name`, optionally with `@range` to see what it resolves to. */
  spec: string;
  /** A registry URL, absolute folder path or `builtin`, for unscoped names. */
  registry?: string;
  /** Cache, offline mode, `${VAR}` values, proxy and timeouts for HTTP registries. */
  network?: NetworkOptions;
}

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

/**
 * Everything a registry says about one agent, with every version and its integrity.
 *
 * @example
 * const info = await getAgentInfo({ dir: process.cwd(), spec: "senior-backend-engineer" });
 */
export async function getAgentInfo(options: GetAgentInfoOptions): Promise<AgentInfo> {
  checkOptions("getAgentInfo", options, { dir: "path", spec: "string", registry: "string?", network: "object?" });
  checkNetworkOptions("getAgentInfo", options.network);
  const { packument, version, fetched } = await lookUpAgent(options);
  const name = fetched.name;
  const file = fetched.files.get(installPathFor(name));
  const loaded = file ? loadAgentFile(file) : { ok: false as const, message: `the package has no ${name}.md` };
  return {
    name: fetched.key,
    registry: fetched.lockEntry.registry,
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
