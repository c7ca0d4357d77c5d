import semver from "semver";
import { parseAgentSpec } from "../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { defaultRangeFor, resolveVersion } from "../resolve/resolve-version.js";
import { describeChange, type AgentChange } from "./agent-change.js";
import { inspectAgentFile, installPathFor } from "./agent-files.js";
import { fetchLockedAgent, fetchResolvedAgent, type FetchedAgent } from "./fetch-agent.js";
import type { InstallEvent } from "./install-events.js";
import { formatLockfile, LOCKFILE, type LockEntry } from "./lockfile.js";
import type { NetworkOptions } from "../registry/http/network-options.js";
import { createRegistryOpener, type RegistryOpener } from "./open-registry.js";
import { planFileChanges } from "./plan-file-changes.js";
import { CONFIG_FILE } from "./project-config.js";
import { loadProject, saveProject, type ProjectState } from "./project-state.js";

export interface InstallAgentsOptions {
  dir: string;
  /** Install exactly what the lockfile says; never resolve, never write the lockfile; fail if it disagrees with the config. */
  frozen?: boolean;
  /** A registry URL, absolute folder path or `builtin`, used for unscoped names that need resolving. */
  registry?: string;
  dryRun?: boolean;
  force?: boolean;
  onEvent?: (event: InstallEvent) => void;
  /** Cache, offline mode, `${VAR}` values, proxy and timeouts for HTTP registries. */
  network?: NetworkOptions;
}

export interface InstallAgentsResult {
  agents: AgentChange[];
  /** Agents the lockfile had and the config no longer wants; their files were deleted. */
  removed: string[];
  lockfileChanged: boolean;
  dryRun: boolean;
}

/**
 * Makes `.claude/agents` match the project: lock entries that still satisfy their range are installed
 * as locked (a file already holding the locked bytes is not even fetched); the rest are resolved.
 * With `frozen`, the lockfile must already satisfy `agentreg.json` exactly, like
 * `pnpm install --frozen-lockfile`.
 *
 * @example
 * await installAgents({ dir: process.cwd(), frozen: true });
 */
export async function installAgents(options: InstallAgentsOptions): Promise<InstallAgentsResult> {
  const project = await loadProject(options.dir);
  if (project.configText === undefined) {
    throw new AgentregError(ErrorCode.CONFIG, `no ${CONFIG_FILE} in ${options.dir}`, {
      subject: options.dir,
      hint: "Add an agent with `agentreg add <name>`, or create the file with `agentreg init`.",
    });
  }
  if (options.frozen) assertLockSatisfiesConfig(project);
  const registries = createRegistryOpener({ dir: options.dir, config: project.config, override: options.registry, network: options.network });

  // First decide what each agent needs, then open exactly the registries that will be asked for
  // something, then fetch: an agent already on disk as locked needs no registry at all.
  const steps = await Promise.all(Object.entries(project.config.agents).map(([key, range]) => decideStep(project, registries, key, range)));
  await registries.openAll(steps.flatMap((step) => (step.kind === "keep" ? [] : [step.registry])));
  const planned = await Promise.all(steps.map((step) => runStep(step, registries, options.onEvent))).finally(() => registries.close());
  const fetched = planned.flatMap((p) => (p.fetched ? [p.fetched] : []));
  const removedKeys = Object.keys(project.lock.agents).filter((key) => !(key in project.config.agents));
  const remove = removedKeys.flatMap((key) => Object.keys(project.lock.agents[key]?.files ?? {}).map((path) => ({ key, path })));
  const plan = await planFileChanges({ dir: options.dir, lock: project.lock, write: fetched, remove, force: options.force ?? false });

  const lock = { ...project.lock, agents: Object.fromEntries(planned.map((p) => [p.key, p.lockEntry])) };
  const lockfileChanged = !options.frozen && formatLockfile(lock) !== project.lockText;
  if (!options.dryRun) await saveProject(project, { files: plan.changes, ...(options.frozen ? {} : { lock }) });
  const agents = planned.map((p) =>
    describeChange({
      key: p.key,
      name: p.name,
      lockEntry: p.lockEntry,
      range: p.range,
      previousVersion: project.lock.agents[p.key]?.version,
      written: p.fetched !== undefined && !plan.unchanged.has(installPathFor(p.name)),
    }),
  );
  return { agents, removed: removedKeys.sort(), lockfileChanged, dryRun: options.dryRun ?? false };
}

interface PlannedInstall {
  key: string;
  name: string;
  range: string;
  lockEntry: LockEntry;
  /** Undefined when the file on disk already holds the locked bytes. */
  fetched: FetchedAgent | undefined;
}

/** What one agent needs: nothing (its file holds the locked bytes), its locked tarball, or resolving. */
type InstallStep = { key: string; name: string; range: string } & (
  | { kind: "keep"; locked: LockEntry }
  | { kind: "locked"; locked: LockEntry; registry: string }
  | { kind: "resolve"; registry: string }
);

async function decideStep(project: ProjectState, registries: RegistryOpener, key: string, range: string): Promise<InstallStep> {
  const { name, scope } = parseAgentSpec(key);
  const locked = project.lock.agents[key];
  if (locked && lockSatisfies(locked, range)) {
    const path = installPathFor(name);
    const onDisk = await inspectAgentFile({ dir: project.dir, path, lockedIntegrity: locked.files[path] });
    return onDisk.state === "clean" ? { key, name, range, kind: "keep", locked } : { key, name, range, kind: "locked", locked, registry: locked.registry };
  }
  return { key, name, range, kind: "resolve", registry: registries.idFor(scope) };
}

async function runStep(step: InstallStep, registries: RegistryOpener, onEvent: ((event: InstallEvent) => void) | undefined): Promise<PlannedInstall> {
  const { key, name, range } = step;
  if (step.kind === "keep") return { key, name, range, lockEntry: step.locked, fetched: undefined };
  const client = await registries.open(step.registry);
  if (step.kind === "locked") {
    const fetched = await fetchLockedAgent({ client, key, name, lockEntry: step.locked });
    onEvent?.({ type: "fetched", key, version: step.locked.version });
    return { key, name, range, lockEntry: step.locked, fetched };
  }
  const packument = await client.getPackument(name);
  const { version, entry } = resolveVersion({ packument, range: range || defaultRangeFor(packument.distTags.latest ?? "0.0.0"), displayName: key });
  onEvent?.({ type: "resolved", key, version, registry: client.source.id });
  const fetched = await fetchResolvedAgent({ client, key, name, version, entry });
  onEvent?.({ type: "fetched", key, version });
  if (entry.deprecated) onEvent?.({ type: "deprecated", key, version, message: entry.deprecated });
  return { key, name, range, lockEntry: fetched.lockEntry, fetched };
}

/** A dist-tag range (`latest`) cannot be checked without metadata, so any locked version satisfies it. */
function lockSatisfies(entry: LockEntry, range: string): boolean {
  return semver.validRange(range) === null || semver.satisfies(entry.version, range);
}

function assertLockSatisfiesConfig(project: ProjectState): void {
  if (project.lockText === undefined) {
    throw new AgentregError(ErrorCode.LOCKFILE, `--frozen needs ${LOCKFILE}, and ${project.dir} has none`, {
      subject: LOCKFILE,
      hint: "Run `agentreg install` without --frozen to create it, and commit it.",
    });
  }
  const problems: string[] = [];
  for (const [key, range] of Object.entries(project.config.agents)) {
    const entry = project.lock.agents[key];
    if (!entry) problems.push(`${key} is in ${CONFIG_FILE} but not in ${LOCKFILE}`);
    else if (!lockSatisfies(entry, range)) problems.push(`${key} wants ${range} but ${LOCKFILE} has ${entry.version}`);
  }
  for (const key of Object.keys(project.lock.agents)) {
    if (!(key in project.config.agents)) problems.push(`${key} is in ${LOCKFILE} but not in ${CONFIG_FILE}`);
  }
  if (problems.length > 0) {
    throw new AgentregError(ErrorCode.LOCKFILE, `${LOCKFILE} does not match ${CONFIG_FILE}: ${problems.sort().join("; ")}`, {
      subject: LOCKFILE,
      hint: "Run `agentreg install` without --frozen to update the lockfile, then commit it.",
      details: { problems },
    });
  }
}
