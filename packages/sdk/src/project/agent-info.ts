import semver from "semver";
import { interpretAgent } from "../agent/agent-definition.js";
import { formatAgentSpec, parseAgentSpec } from "../agent/agent-name.js";
import { resolveVersion } from "../resolve/resolve-version.js";
import type { NetworkOptions } from "../registry/http/network-options.js";
import { createRegistryOpener } from "./open-registry.js";
import { readProjectConfig } from "./project-config.js";

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

export interface AgentInfo {
  name: string;
  registry: string;
  description: string;
  keywords: string[];
  license?: string;
  distTags: Record<string, string>;
  /** The version the spec's range (default `latest`) resolves to. */
  resolved: string;
  /** The resolved version's tool grants: `"all"` when it has no `tools` line. */
  tools: string[] | "all";
  model?: string;
  versions: Array<{ version: string; integrity: string; size: number; publishedAt: string; deprecated?: string; yanked?: boolean }>;
}

/**
 * Everything a registry says about one agent, with every version and its integrity.
 *
 * @example
 * const info = await getAgentInfo({ dir: process.cwd(), spec: "senior-backend-engineer" });
 */
export async function getAgentInfo(options: GetAgentInfoOptions): Promise<AgentInfo> {
  const spec = parseAgentSpec(options.spec);
  const registries = createRegistryOpener({ dir: options.dir, config: await readProjectConfig(options.dir), override: options.registry, network: options.network });
  const client = await registries.open(registries.idFor(spec.scope));
  const packument = await client.getPackument(spec.name).finally(() => registries.close());
  const key = formatAgentSpec(spec);
  const { version, entry } = resolveVersion({ packument, range: spec.range ?? "latest", displayName: key });
  const agent = interpretAgent(entry.frontmatter);
  return {
    name: key,
    registry: client.source.id,
    description: packument.description ?? "",
    keywords: packument.keywords ?? [],
    ...(packument.license === undefined ? {} : { license: packument.license }),
    distTags: packument.distTags,
    resolved: version,
    tools: agent.ok ? agent.agent.tools : "all",
    ...(agent.ok && agent.agent.model !== undefined ? { model: agent.agent.model } : {}),
    versions: Object.entries(packument.versions)
      .sort(([a], [b]) => semver.compare(a, b))
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
