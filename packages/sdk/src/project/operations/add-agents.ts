import { formatAgentSpec, parseAgentSpec, type AgentSpec } from "../../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { checkNetworkOptions } from "../../registry/http/network-options.js";
import type { Packument } from "../../registry/protocol.js";
import type { RegistryClient } from "../../registry/registry-client.js";
import { defaultRangeFor, resolveVersion } from "../../resolve/resolve-version.js";
import { describeChange, type AgentChange } from "../transaction/agent-change.js";
import { inspectAgentFile, installPathFor } from "../state/agent-files.js";
import { adoptPublishedVersion } from "./adopt-agent.js";
import { fetchResolvedAgent, type FetchedAgent } from "../transaction/fetch-agent.js";
import { backUpConflicts, type BackupCopy, type SkippedAgent } from "../transaction/local-edits.js";
import { createRegistryOpener, type RegistryOpener } from "../state/open-registry.js";
import { assertNoWidening } from "../transaction/permission-gate.js";
import { assertNotRepublished } from "../transaction/republished.js";
import { assertSafeText } from "../transaction/text-gate.js";
import { installTargets, reportFindings, staleFiles, type InstallTargets } from "../transaction/target-files.js";
import { planFileChanges } from "../transaction/plan-file-changes.js";
import { withProjectSession } from "../transaction/project-session.js";
import { saveProject, type ProjectState } from "../transaction/project-state.js";
import { configuredRegistry, recordWanted } from "../state/wanted-agents.js";
import { own } from "../../own-record.js";
import { checkOptions, type OptionsSpec } from "../../check-arguments.js";
import { INSTALLING_SPEC, type InstallingOptions } from "./installing-options.js";

export interface AddAgentsOptions extends InstallingOptions {
  /** `name`, `name@range`, `@ns/name@range`, … */
  specs: string[];
  /** Take over a file agentreg did not install when its bytes equal a published version. */
  adopt?: boolean;
}


const ADD_AGENTS_SPEC: OptionsSpec<AddAgentsOptions> = { ...INSTALLING_SPEC, specs: "string[]", adopt: "boolean?" };

export interface AddAgentsResult {
  agents: AgentChange[];
  /** Agents left alone because their file was edited or not installed by agentreg. */
  skipped: SkippedAgent[];
  /** What `force` replaced, and where the previous bytes were saved. */
  backups: BackupCopy[];
  dryRun: boolean;
}

/**
 * Resolves agents, verifies their tarballs, writes them to `.claude/agents/`, records each range in
 * `agentreg.json` and the exact bytes in `agentreg.lock`. A failure changes nothing; a file the user
 * edited (or agentreg never installed) is left alone and reported in `skipped` while the rest goes on.
 *
 * @example
 * const { agents, skipped } = await addAgents({ dir: process.cwd(), specs: ["senior-backend-engineer"] });
 */
export async function addAgents(options: AddAgentsOptions): Promise<AddAgentsResult> {
  checkOptions("addAgents", options, ADD_AGENTS_SPEC);
  checkNetworkOptions("addAgents", options.network);
  return withProjectSession(options, (project) => addToProject(project, options.specs.map(parseAgentSpec), options));
}

/**
 * The body of `add`, and of `update` (which adds each agent again at the version it should move to),
 * inside a project session.
 */
export async function addToProject(project: ProjectState, requested: AgentSpec[], options: Omit<AddAgentsOptions, "specs">): Promise<AddAgentsResult> {
  const registries = createRegistryOpener({ dir: project.configDir, config: project.config, override: options.registry, network: options.network });
  const specs = uniqueSpecs(requested);
  assertNoNameClash(specs, Object.keys(project.config.agents));
  options.onEvent?.({ type: "planned", total: specs.length });

  const targets = installTargets(project.config, options);
  const resolved = await resolveSpecs(specs, registries, project, { ...options, installing: targets }).finally(() => registries.close());
  for (const { fetched } of resolved) reportFindings(fetched, options.onEvent);

  // A file of a target the agent is no longer installed for goes (its lock entry listed it).
  const stale = resolved.flatMap(({ fetched }) => staleFiles(fetched.key, own(project.lock.agents, fetched.key), fetched.files));
  const plan = await planFileChanges({ dir: project.dir, lock: project.lock, write: resolved.map((r) => r.fetched), remove: stale, force: options.force ?? false });
  const skippedKeys = new Set(options.force ? [] : plan.conflicts.map((c) => c.key));
  const config = { ...project.config, agents: { ...project.config.agents } };
  const lock = { ...project.lock, agents: { ...project.lock.agents } };
  const agents: AgentChange[] = [];
  for (const { fetched, range, deprecated } of resolved) {
    if (skippedKeys.has(fetched.key)) continue;
    config.agents[fetched.key] = recordWanted(project.config, fetched.key, range, fetched.lockEntry.registry);
    lock.agents[fetched.key] = fetched.lockEntry;
    agents.push(
      describeChange({
        key: fetched.key,
        name: fetched.name,
        lockEntry: fetched.lockEntry,
        range,
        previousVersion: own(project.lock.agents, fetched.key)?.version,
        written: [...fetched.files.keys()].some((path) => !plan.unchanged.has(path)),
        deprecated,
        file: fetched.source,
      }),
    );
  }
  let backups: BackupCopy[] = [];
  if (!options.dryRun) {
    if (options.force) backups = await backUpConflicts(plan.conflicts, options.backupDir ?? `${project.configDir}/.agentreg-backups`);
    await saveProject(project, { files: plan.changes, config, lock, onWritePoint: options.onWritePoint });
    options.onEvent?.({ type: "written", count: agents.length });
  }
  const skipped = options.force ? [] : plan.conflicts.map((c) => ({ key: c.key, path: c.path, reason: c.state }));
  return { agents, skipped, backups, dryRun: options.dryRun ?? false };
}

interface ResolvedSpec {
  fetched: FetchedAgent;
  range: string;
  deprecated: string | undefined;
}

/** Resolves and fetches every spec, then applies the permission gate to those that change version. */
async function resolveSpecs(
  specs: AgentSpec[],
  registries: RegistryOpener,
  project: ProjectState,
  options: Omit<AddAgentsOptions, "specs"> & { installing: InstallTargets },
): Promise<ResolvedSpec[]> {
  // `--registry` is an explicit choice for the named agents (and is recorded); without it an agent
  // keeps coming from the registry its entry in agentreg.json names.
  const registryOf = (spec: AgentSpec): string =>
    registries.idFor(spec.scope, options.registry === undefined ? configuredRegistry(project.config, formatAgentSpec(spec)) : undefined);
  await registries.openAll(specs.map(registryOf));
  const resolved = await Promise.all(
    specs.map(async (spec): Promise<ResolvedSpec> => {
      const key = formatAgentSpec(spec);
      const client = await registries.open(registryOf(spec));
      const packument = await client.getPackument(spec.name);
      const { version, entry } = resolveVersion({ packument, range: spec.range ?? "latest", displayName: key });
      const locked = own(project.lock.agents, key);
      if (locked?.version === version) assertNotRepublished(key, version, locked.integrity, entry.integrity);
      options.onEvent?.({ type: "resolved", key, version, registry: client.source.id });
      let fetched = await fetchResolvedAgent({ client, key, name: spec.name, version, entry, targets: options.installing });
      options.onEvent?.({ type: "fetched", key, version });
      if (options.adopt) fetched = (await adoptIfPublished(project.dir, client, packument, fetched, spec.range, options.installing)) ?? fetched;
      const chosen = packument.versions[fetched.lockEntry.version];
      if (chosen?.deprecated) options.onEvent?.({ type: "deprecated", key, version: fetched.lockEntry.version, message: chosen.deprecated });
      return { fetched, range: recordedRange(spec, packument, fetched.lockEntry.version), deprecated: chosen?.deprecated };
    }),
  );
  assertSafeText({ agents: resolved.map((r) => r.fetched), allowHiddenUnicode: options.allowHiddenUnicode ?? false, onEvent: options.onEvent });
  await assertNoWidening({
    dir: project.dir,
    allow: options.allowNewPermissions ?? false,
    moves: resolved.flatMap(({ fetched }) => {
      const previous = own(project.lock.agents, fetched.key);
      return previous ? [{ fetched, previous, previousClient: () => registries.open(previous.registry) }] : [];
    }),
  });
  return resolved;
}

/** An exact version stays pinned; a dist-tag or no range records `^version`, as npm does. */
function recordedRange(spec: AgentSpec, packument: Packument, version: string): string {
  return spec.range !== undefined && spec.range !== "latest" && !Object.hasOwn(packument.distTags, spec.range) ? spec.range : defaultRangeFor(version);
}

/** With `--adopt`, an unmanaged file equal to some published version is taken over at that version. */
async function adoptIfPublished(
  dir: string,
  client: RegistryClient,
  packument: Packument,
  fetched: FetchedAgent,
  range: string | undefined,
  targets: InstallTargets,
): Promise<FetchedAgent | undefined> {
  const path = installPathFor(fetched.name);
  const onDisk = await inspectAgentFile({ dir, path, lockedIntegrity: undefined });
  if (onDisk.state !== "unmanaged") return undefined;
  return adoptPublishedVersion({ client, packument, key: fetched.key, name: fetched.name, bytes: onDisk.bytes, range, targets });
}

function assertNoNameClash(specs: AgentSpec[], installed: string[]): void {
  const owners = new Map(installed.map((key) => [parseAgentSpec(key).name, key]));
  for (const spec of specs) {
    const key = formatAgentSpec(spec);
    const owner = owners.get(spec.name);
    if (owner !== undefined && owner !== key) {
      throw new AgentregError(ErrorCode.CONFIG, `${key} would install as ${installPathFor(spec.name)}, which ${owner} already uses`, {
        subject: key,
        hint: `Remove ${owner} first with \`agentreg remove ${owner}\`.`,
      });
    }
  }
}

function uniqueSpecs<T extends { scope?: string; name: string }>(specs: T[]): T[] {
  const seen = new Map<string, T>();
  for (const spec of specs) seen.set(formatAgentSpec(spec), spec);
  return [...seen.values()];
}
