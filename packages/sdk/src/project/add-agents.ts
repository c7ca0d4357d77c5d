import { interpretAgent } from "../agent/agent-definition.js";
import { parseAgentSpec, formatAgentSpec } from "../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { defaultRangeFor, resolveVersion } from "../resolve/resolve-version.js";
import { installPathFor } from "./agent-files.js";
import { describeChange, type AgentChange } from "./agent-change.js";
import { fetchResolvedAgent } from "./fetch-agent.js";
import type { InstallEvent } from "./install-events.js";
import type { NetworkOptions } from "../registry/http/network-options.js";
import { createRegistryOpener } from "./open-registry.js";
import { planFileChanges } from "./plan-file-changes.js";
import { loadProject, saveProject } from "./project-state.js";

export interface AddAgentsOptions {
  /** The project root. */
  dir: string;
  /** `name`, `name@range`, `@ns/name@range`, … */
  specs: string[];
  /** A registry URL, absolute folder path or `builtin`, used for unscoped names. */
  registry?: string;
  dryRun?: boolean;
  /** Replace a file that was edited or not installed by agentreg. */
  force?: boolean;
  onEvent?: (event: InstallEvent) => void;
  /** Cache, offline mode, `${VAR}` values, proxy and timeouts for HTTP registries. */
  network?: NetworkOptions;
}

export interface AddAgentsResult {
  agents: AgentChange[];
  dryRun: boolean;
}

/**
 * Resolves agents, verifies their tarballs, writes them to `.claude/agents/`, records each range in
 * `agentreg.json` and the exact bytes in `agentreg.lock`. All or nothing: if any agent fails, the
 * project is left as it was.
 *
 * @example
 * const { agents } = await addAgents({ dir: process.cwd(), specs: ["senior-backend-engineer"] });
 */
export async function addAgents(options: AddAgentsOptions): Promise<AddAgentsResult> {
  const project = await loadProject(options.dir);
  const registries = createRegistryOpener({ dir: options.dir, config: project.config, override: options.registry, network: options.network });
  const specs = uniqueSpecs(options.specs.map(parseAgentSpec));
  const names = new Map(Object.keys(project.config.agents).map((key) => [parseAgentSpec(key).name, key]));
  for (const spec of specs) {
    const key = formatAgentSpec(spec);
    const owner = names.get(spec.name);
    if (owner !== undefined && owner !== key) {
      throw new AgentregError(ErrorCode.CONFIG, `${key} would install as ${installPathFor(spec.name)}, which ${owner} already uses`, {
        subject: key,
        hint: `Remove ${owner} first with \`agentreg remove ${owner}\`.`,
      });
    }
  }

  await registries.openAll(specs.map((spec) => registries.idFor(spec.scope)));
  const resolved = await Promise.all(
    specs.map(async (spec) => {
      const key = formatAgentSpec(spec);
      const client = await registries.open(registries.idFor(spec.scope));
      const packument = await client.getPackument(spec.name);
      const { version, entry } = resolveVersion({ packument, range: spec.range ?? "latest", displayName: key });
      options.onEvent?.({ type: "resolved", key, version, registry: client.source.id });
      const fetched = await fetchResolvedAgent({ client, key, name: spec.name, version, entry });
      options.onEvent?.({ type: "fetched", key, version });
      if (entry.deprecated) options.onEvent?.({ type: "deprecated", key, version, message: entry.deprecated });
      // An exact version stays pinned; a tag or no range records ^version, as npm does.
      const range = spec.range !== undefined && spec.range !== "latest" && !(spec.range in packument.distTags) ? spec.range : defaultRangeFor(version);
      return { fetched, range, deprecated: entry.deprecated, tools: interpretAgent(entry.frontmatter) };
    }),
  ).finally(() => registries.close());

  const plan = await planFileChanges({ dir: options.dir, lock: project.lock, write: resolved.map((r) => r.fetched), remove: [], force: options.force ?? false });
  const config = { ...project.config, agents: { ...project.config.agents } };
  const lock = { ...project.lock, agents: { ...project.lock.agents } };
  const agents: AgentChange[] = resolved.map(({ fetched, range, deprecated, tools }) => {
    const previous = project.lock.agents[fetched.key];
    config.agents[fetched.key] = range;
    lock.agents[fetched.key] = fetched.lockEntry;
    return describeChange({
      key: fetched.key,
      name: fetched.name,
      lockEntry: fetched.lockEntry,
      range,
      previousVersion: previous?.version,
      written: !plan.unchanged.has(installPathFor(fetched.name)),
      deprecated,
      tools: tools.ok ? tools.agent.tools : undefined,
    });
  });

  if (!options.dryRun) {
    await saveProject(project, { files: plan.changes, config, lock });
  }
  return { agents, dryRun: options.dryRun ?? false };
}

function uniqueSpecs<T extends { scope?: string; name: string }>(specs: T[]): T[] {
  const seen = new Map<string, T>();
  for (const spec of specs) seen.set(formatAgentSpec(spec), spec);
  return [...seen.values()];
}
