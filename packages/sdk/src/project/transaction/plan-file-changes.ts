import { computeIntegrity } from "../../archive/integrity.js";
import { mapLimit } from "../../map-limit.js";
import { createFolderChecks, inspectAgentFile, type InstalledFileState } from "../state/agent-files.js";
import type { FileChange } from "./apply-changes.js";
import type { FetchedAgent } from "./fetch-agent.js";
import type { Lockfile } from "../state/lockfile.js";

export interface PlanFileChangesOptions {
  dir: string;
  /** The lockfile as it is now: it says which files agentreg wrote and with which bytes. */
  lock: Lockfile;
  /** Agents whose files must end up on disk. */
  write: FetchedAgent[];
  /** Project-relative paths agentreg installed that must go, with the agent they belong to. */
  remove: Array<{ key: string; path: string }>;
  /** Overwrite or delete files the user edited or agentreg did not install. */
  force?: boolean;
}

/** A file agentreg must not touch without `--force`: the user edited it, or agentreg never installed it. */
export interface FileConflict {
  key: string;
  path: string;
  state: "edited" | "unmanaged";
  /** What is on disk now (the backup, if it is forced). */
  bytes: Uint8Array;
}

export interface FileChangePlan {
  changes: FileChange[];
  /** Paths that already hold the wanted bytes. */
  unchanged: Set<string>;
  /** Without `force`: files left alone (their agents are skipped). With `force`: files replaced. */
  conflicts: FileConflict[];
}

/**
 * Turns "these files should hold these bytes" into writes and deletes without ever losing a user's
 * edit (DESIGN §8): a file whose bytes differ from the lock's hash is edited, one the lock does not
 * know is unmanaged; neither is overwritten or deleted unless `force`. A file that already holds the
 * wanted bytes is left as it is, whoever wrote it: that is also how a rerun after a crash converges.
 *
 * @example
 * const { changes, conflicts } = await planFileChanges({ dir, lock, write: [fetched], remove: [] });
 */
/** Files inspected at once: enough to overlap the reads, few enough to bound open files. */
const INSPECT_CONCURRENCY = 32;

export async function planFileChanges(options: PlanFileChangesOptions): Promise<FileChangePlan> {
  const { dir, lock, force = false } = options;
  const locked = new Map<string, string>();
  for (const entry of Object.values(lock.agents)) {
    for (const [path, integrity] of Object.entries(entry.files)) locked.set(path, integrity);
  }

  const plan: FileChangePlan = { changes: [], unchanged: new Set(), conflicts: [] };
  const items = [
    ...options.write.flatMap((agent) => [...agent.files].map(([path, bytes]) => ({ key: agent.key, path, bytes: bytes as Uint8Array | undefined }))),
    ...options.remove.map(({ key, path }) => ({ key, path, bytes: undefined })),
  ];
  // Every file is inspected at once (reads overlap), then the plan is assembled in item order.
  const folders = createFolderChecks();
  const found = await mapLimit(items, INSPECT_CONCURRENCY, ({ path }) => inspectAgentFile({ dir, path, lockedIntegrity: locked.get(path), folders }));
  for (const [i, { key, path, bytes }] of items.entries()) {
    const current = found[i] as InstalledFileState;
    if (current.state === "missing") {
      if (bytes !== undefined) plan.changes.push({ path, bytes, previous: undefined });
      continue;
    }
    if (bytes !== undefined && computeIntegrity(current.bytes) === computeIntegrity(bytes)) {
      plan.unchanged.add(path);
      continue;
    }
    if (current.state !== "clean") {
      plan.conflicts.push({ key, path, state: current.state, bytes: current.bytes });
      if (!force) continue;
    }
    plan.changes.push({ path, bytes, previous: current.bytes });
  }
  return plan;
}
