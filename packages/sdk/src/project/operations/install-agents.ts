import semver from "../../semver.js";
import { parseAgentSpec } from "../../agent/agent-name.js";
import { AgentregError, ErrorCode, isAgentregError } from "../../errors.js";
import { defaultRangeFor, resolveVersion } from "../../resolve/resolve-version.js";
import { describeChange, type AgentChange } from "../transaction/agent-change.js";
import { createFolderChecks, inspectAgentFile, type FolderChecks } from "../state/agent-files.js";
import { fetchLockedAgent, fetchResolvedAgent, type FetchedAgent } from "../transaction/fetch-agent.js";
import type { InstallEvent } from "../transaction/install-events.js";
import { formatLockfile, LOCKFILE, type LockEntry } from "../state/lockfile.js";
import { checkNetworkOptions } from "../../registry/http/network-options.js";
import { createRegistryOpener, type RegistryOpener } from "../state/open-registry.js";
import { planFileChanges } from "../transaction/plan-file-changes.js";
import { installTargets, pathsForTargets, reportFindings, staleFiles, type InstallTargets } from "../transaction/target-files.js";
import { CONFIG_FILE } from "../state/project-config.js";
import { saveProject, type ProjectState } from "../transaction/project-state.js";
import { withProjectSession } from "../transaction/project-session.js";
import { backUpConflicts, type BackupCopy, type SkippedAgent } from "../transaction/local-edits.js";
import { assertNoWidening } from "../transaction/permission-gate.js";
import { assertNotRepublished } from "../transaction/republished.js";
import { assertSafeText } from "../transaction/text-gate.js";
import { configuredRegistry, impliedRegistry, recordWanted, wantedRange } from "../state/wanted-agents.js";
import { assertOneAgentPerFile } from "../state/agent-files.js";
import { own } from "../../own-record.js";
import type { RegistryClient } from "../../registry/registry-client.js";
import { checkOptions, type OptionsSpec } from "../../check-arguments.js";
import { INSTALLING_SPEC, type InstallingOptions } from "./installing-options.js";

export interface InstallAgentsOptions extends InstallingOptions {
  /** Install exactly what the lockfile says; never resolve, never write the lockfile; fail if it disagrees with the config. */
  frozen?: boolean;
}

const INSTALL_AGENTS_SPEC: OptionsSpec<InstallAgentsOptions> = { ...INSTALLING_SPEC, frozen: "boolean?" };

export interface InstallAgentsResult {
  agents: AgentChange[];
  /** Agents the lockfile had and the config no longer wants; their files were deleted. */
  removed: string[];
  /** Agents left alone because their file was edited or not installed by agentreg. */
  skipped: SkippedAgent[];
  backups: BackupCopy[];
  lockfileChanged: boolean;
  dryRun: boolean;
}

/**
 * Makes `.claude/agents` match the project: lock entries that still satisfy their range are installed
 * as locked (a file already holding the locked bytes is not even fetched); the rest are resolved.
 * With `frozen`, the lockfile must already satisfy `agentreg.json` exactly, like
 * `pnpm install --frozen-lockfile`. Edited files are left alone and reported in `skipped`.
 *
 * @example
 * await installAgents({ dir: process.cwd(), frozen: true });
 */
export async function installAgents(options: InstallAgentsOptions): Promise<InstallAgentsResult> {
  checkOptions("installAgents", options, INSTALL_AGENTS_SPEC);
  checkNetworkOptions("installAgents", options.network);
  return withProjectSession(options, async (project) => {
    if (project.configText === undefined) {
      throw new AgentregError(ErrorCode.CONFIG, `no ${CONFIG_FILE} in ${project.configDir}`, {
        subject: project.configDir,
        hint: "Add an agent with `agentreg add`, e.g. `agentreg add senior-backend-engineer`, or create the file with `agentreg init`.",
      });
    }
    assertOneAgentPerFile(Object.keys(project.config.agents));
    const targets = installTargets(project.config, options);
    if (options.frozen) assertLockSatisfiesConfig(project, targets);
    const registries = createRegistryOpener({ dir: project.configDir, config: project.config, override: options.registry, network: options.network });

    const planned = await planInstall(project, registries, { ...options, installing: targets }).finally(() => registries.close());

    const fetched = planned.flatMap((p) => (p.fetched ? [p.fetched] : []));
    for (const agent of fetched) reportFindings(agent, options.onEvent);
    if (options.frozen) for (const agent of fetched) assertTranslatedAsLocked(agent, own(project.lock.agents, agent.key));
    const dropped = Object.keys(project.lock.agents).filter((key) => !Object.hasOwn(project.config.agents, key));
    const remove = [
      ...dropped.flatMap((key) => Object.keys(project.lock.agents[key]?.files ?? {}).map((path) => ({ key, path }))),
      ...fetched.flatMap((agent) => staleFiles(agent.key, own(project.lock.agents, agent.key), agent.files)),
    ];
    const plan = await planFileChanges({ dir: project.dir, lock: project.lock, write: fetched, remove, force: options.force ?? false });
    const skipped: SkippedAgent[] = options.force ? [] : plan.conflicts.map((c) => ({ key: c.key, path: c.path, reason: c.state }));
    const skippedKeys = new Set(skipped.map((s) => s.key));

    // A skipped agent keeps the lock entry it had (if any): the lock goes on describing the file's origin.
    const lockAgents: Record<string, LockEntry> = {};
    for (const p of planned) {
      const entry = skippedKeys.has(p.key) ? project.lock.agents[p.key] : p.lockEntry;
      if (entry) lockAgents[p.key] = entry;
    }
    for (const key of dropped) if (skippedKeys.has(key) && project.lock.agents[key]) lockAgents[key] = project.lock.agents[key];
    const lock = { ...project.lock, agents: lockAgents };
    // An agent resolved from --registry records that registry in agentreg.json, as `add` does: the
    // lockfile must never be the only place that says where an agent comes from.
    const recorded = planned.filter((p) => !skippedKeys.has(p.key) && impliedRegistry(project.config, p.key) !== p.lockEntry.registry);
    const config = { ...project.config, agents: { ...project.config.agents } };
    for (const p of recorded) config.agents[p.key] = recordWanted(project.config, p.key, p.range, p.lockEntry.registry);
    const lockfileChanged = !options.frozen && formatLockfile(lock) !== project.lockText;
    let backups: BackupCopy[] = [];
    if (!options.dryRun) {
      if (options.force) backups = await backUpConflicts(plan.conflicts, options.backupDir ?? `${project.configDir}/.agentreg-backups`);
      await saveProject(project, { files: plan.changes, ...(options.frozen ? {} : { lock, ...(recorded.length > 0 ? { config } : {}) }), onWritePoint: options.onWritePoint });
      options.onEvent?.({ type: "written", count: fetched.filter((f) => !skippedKeys.has(f.key)).length });
    }
    const agents = planned
      .filter((p) => !skippedKeys.has(p.key))
      .map((p) =>
        describeChange({
          key: p.key,
          name: p.name,
          lockEntry: p.lockEntry,
          range: p.range,
          previousVersion: project.lock.agents[p.key]?.version,
          written: p.fetched !== undefined && [...p.fetched.files.keys()].some((path) => !plan.unchanged.has(path)),
          file: p.fetched?.source,
        }),
      );
    return { agents, removed: dropped.filter((key) => !skippedKeys.has(key)).sort(), skipped, backups, lockfileChanged, dryRun: options.dryRun ?? false };
  });
}

/**
 * First decides what each agent needs, then opens exactly the registries that will be asked for
 * something, then fetches, then applies the text and permission gates: an agent already on disk as
 * locked needs no registry at all.
 */
async function planInstall(project: ProjectState, registries: RegistryOpener, options: InstallAgentsOptions & { installing: InstallTargets }): Promise<PlannedInstall[]> {
  const folders = createFolderChecks();
  const steps = await Promise.all(Object.keys(project.config.agents).map((key) => decideStep(project, registries, key, wantedRange(project.config, key) ?? "", folders, options.installing)));
  options.onEvent?.({ type: "planned", total: steps.filter((step) => step.kind !== "keep").length });
  await registries.openAll(steps.flatMap((step) => (step.kind === "keep" ? [] : [step.registry])));
  const done = await Promise.all(steps.map((step) => runStep(step, registries, { frozen: options.frozen ?? false, onEvent: options.onEvent, installing: options.installing })));
  assertSafeText({ agents: done.flatMap((p) => (p.fetched ? [p.fetched] : [])), allowHiddenUnicode: options.allowHiddenUnicode ?? false, onEvent: options.onEvent });
  await assertNoWidening({
    dir: project.dir,
    allow: options.allowNewPermissions ?? false,
    moves: done.flatMap((p) => {
      const previous = project.lock.agents[p.key];
      return p.fetched && previous ? [{ fetched: p.fetched, previous, previousClient: () => registries.open(previous.registry) }] : [];
    }),
  });
  return done;
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

async function decideStep(project: ProjectState, registries: RegistryOpener, key: string, range: string, folders: FolderChecks, installing: InstallTargets): Promise<InstallStep> {
  const { name, scope } = parseAgentSpec(key);
  const locked = own(project.lock.agents, key);
  if (locked && lockSatisfies(locked, range)) {
    // Kept when the lock lists exactly this command's targets' files and each holds its locked bytes.
    const paths = pathsForTargets(name, installing);
    const sameFiles = paths.length === Object.keys(locked.files).length && paths.every((path) => Object.hasOwn(locked.files, path));
    const onDisk = sameFiles ? await Promise.all(paths.map((path) => inspectAgentFile({ dir: project.dir, path, lockedIntegrity: locked.files[path], folders }))) : [];
    const clean = sameFiles && onDisk.every((file) => file.state === "clean");
    return clean ? { key, name, range, kind: "keep", locked } : { key, name, range, kind: "locked", locked, registry: locked.registry };
  }
  return { key, name, range, kind: "resolve", registry: registries.idFor(scope, configuredRegistry(project.config, key)) };
}

async function runStep(
  step: InstallStep,
  registries: RegistryOpener,
  options: { frozen: boolean; onEvent: ((event: InstallEvent) => void) | undefined; installing: InstallTargets },
): Promise<PlannedInstall> {
  const { key, name, range } = step;
  const { onEvent } = options;
  if (step.kind === "keep") {
    // Its file already holds the locked bytes, but a yank or deprecation since is still worth a
    // warning, whether or not the file had to be fetched again. Only a reachable, usable registry
    // is asked; --frozen reads no metadata at all.
    if (!options.frozen) await reportKeptStatus(registries, step.locked, key, name, onEvent);
    return { key, name, range, lockEntry: step.locked, fetched: undefined };
  }
  const client = await registries.open(step.registry);
  if (step.kind === "locked") {
    const fetched = await fetchLockedAgent({ client, key, name, lockEntry: step.locked, targets: options.installing });
    onEvent?.({ type: "fetched", key, version: step.locked.version });
    // --frozen reads no metadata; otherwise say when the locked version was yanked or deprecated since.
    if (!options.frozen) await reportLockedStatus(client, key, name, step.locked.version, step.locked.integrity, onEvent);
    return { key, name, range, lockEntry: fetched.lockEntry, fetched };
  }
  const packument = await client.getPackument(name);
  const { version, entry } = resolveVersion({ packument, range: range || defaultRangeFor(packument.distTags.latest ?? "0.0.0"), displayName: key });
  onEvent?.({ type: "resolved", key, version, registry: client.source.id });
  const fetched = await fetchResolvedAgent({ client, key, name, version, entry, targets: options.installing });
  onEvent?.({ type: "fetched", key, version });
  if (entry.deprecated) onEvent?.({ type: "deprecated", key, version, message: entry.deprecated });
  return { key, name, range, lockEntry: fetched.lockEntry, fetched };
}

async function reportLockedStatus(
  client: RegistryClient,
  key: string,
  name: string,
  version: string,
  lockedIntegrity: string,
  onEvent: ((event: InstallEvent) => void) | undefined,
): Promise<void> {
  // Warnings depend on this, so a registry that cannot be reached does not fail the install; one
  // that answers with a bad signature, a rollback, a frozen index, or another integrity for the
  // locked version does.
  const entry = await client.getPackument(name).then(
    (packument) => packument.versions[version],
    (error: unknown) => {
      if (isAgentregError(error) && ([ErrorCode.NETWORK, ErrorCode.OFFLINE, ErrorCode.NOT_FOUND] as string[]).includes(error.code)) return undefined;
      throw error;
    },
  );
  assertNotRepublished(key, version, lockedIntegrity, entry?.integrity);
  if (entry?.yanked) onEvent?.({ type: "yanked", key, version });
  if (entry?.deprecated) onEvent?.({ type: "deprecated", key, version, message: entry.deprecated });
}

async function reportKeptStatus(registries: RegistryOpener, locked: LockEntry, key: string, name: string, onEvent: ((event: InstallEvent) => void) | undefined): Promise<void> {
  try {
    const client = await registries.open(locked.registry);
    client.source.prepare?.();
    await reportLockedStatus(client, key, name, locked.version, locked.integrity, onEvent);
  } catch (error) {
    // A registry that cannot be asked (not set up here, a variable not allowed or set, offline)
    // costs the warning, never the install of files that are already in place.
    if (isAgentregError(error) && ([ErrorCode.CONFIG, ErrorCode.AUTH, ErrorCode.NETWORK, ErrorCode.OFFLINE, ErrorCode.NOT_FOUND, ErrorCode.REGISTRY] as string[]).includes(error.code)) return;
    throw error;
  }
}

/** A dist-tag range (`latest`) cannot be checked without metadata, so any locked version satisfies it. */
function lockSatisfies(entry: LockEntry, range: string): boolean {
  return semver.validRange(range) === null || semver.satisfies(entry.version, range);
}

/**
 * Under --frozen every file is written as the lock has it: a file of another tool that this agentreg
 * translates differently from the one that wrote the lock is a lock to update, not bytes to write.
 */
function assertTranslatedAsLocked(agent: FetchedAgent, locked: LockEntry | undefined): void {
  const differs = [...agent.files.keys()].filter((path) => locked?.files[path] !== agent.lockEntry.files[path]);
  if (differs.length === 0) return;
  throw new AgentregError(ErrorCode.LOCKFILE, `${differs.join(", ")} of ${agent.key}@${agent.lockEntry.version} would not be the bytes ${LOCKFILE} records`, {
    subject: agent.key,
    hint: "This agentreg translates the agent for that tool differently than the one that wrote the lockfile: run `agentreg install` without --frozen and commit agentreg.lock.",
  });
}

function assertLockSatisfiesConfig(project: ProjectState, installing: InstallTargets): void {
  if (project.lockText === undefined) {
    throw new AgentregError(ErrorCode.LOCKFILE, `--frozen needs ${LOCKFILE}, and ${project.dir} has none`, {
      subject: LOCKFILE,
      hint: "Run `agentreg install` without --frozen to create it, and commit it.",
    });
  }
  const problems: string[] = [];
  for (const key of Object.keys(project.config.agents)) {
    const range = wantedRange(project.config, key) ?? "";
    const entry = own(project.lock.agents, key);
    if (!entry) problems.push(`${key} is in ${CONFIG_FILE} but not in ${LOCKFILE}`);
    else if (!lockSatisfies(entry, range)) problems.push(`${key} wants ${range} but ${LOCKFILE} has ${entry.version}`);
    else {
      const paths = pathsForTargets(parseAgentSpec(key).name, installing);
      const locked = Object.keys(entry.files).sort();
      if (locked.join("\n") !== [...paths].sort().join("\n")) problems.push(`${key} is locked with ${locked.join(", ")} but the targets (${installing.targets.join(", ")}) want ${paths.join(", ")}`);
    }
  }
  for (const key of Object.keys(project.lock.agents)) {
    if (!Object.hasOwn(project.config.agents, key)) problems.push(`${key} is in ${LOCKFILE} but not in ${CONFIG_FILE}`);
  }
  if (problems.length > 0) {
    throw new AgentregError(ErrorCode.LOCKFILE, `${LOCKFILE} does not match ${CONFIG_FILE}: ${problems.sort().join("; ")}`, {
      subject: LOCKFILE,
      hint: "Run `agentreg install` without --frozen to update the lockfile, then commit it.",
      details: { problems },
    });
  }
}
