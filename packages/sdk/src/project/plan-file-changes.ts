import { computeIntegrity } from "../archive/integrity.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { inspectAgentFile } from "./agent-files.js";
import type { FileChange } from "./apply-changes.js";
import type { FetchedAgent } from "./fetch-agent.js";
import type { Lockfile } from "./lockfile.js";

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

/**
 * Turns "these files should hold these bytes" into the list of writes and deletes, refusing to lose a
 * user's edit (DESIGN §8): a file whose bytes differ from the lock's hash is edited, one the lock does
 * not know is unmanaged; neither is overwritten or deleted without `force`.
 *
 * @example
 * const { changes, unchanged } = await planFileChanges({ dir, lock, write: [fetched], remove: [] });
 */
export async function planFileChanges(options: PlanFileChangesOptions): Promise<{ changes: FileChange[]; unchanged: Set<string> }> {
  const { dir, lock, force = false } = options;
  const locked = new Map<string, { key: string; integrity: string }>();
  for (const [key, entry] of Object.entries(lock.agents)) {
    for (const [path, integrity] of Object.entries(entry.files)) locked.set(path, { key, integrity });
  }

  const changes: FileChange[] = [];
  const unchanged = new Set<string>();
  for (const agent of options.write) {
    for (const [path, bytes] of agent.files) {
      const current = await inspectAgentFile({ dir, path, lockedIntegrity: locked.get(path)?.integrity });
      if (current.state === "missing") {
        changes.push({ path, bytes, previous: undefined });
        continue;
      }
      if (computeIntegrity(current.bytes) === computeIntegrity(bytes)) {
        unchanged.add(path);
        continue;
      }
      if (current.state !== "clean" && !force) throw conflict(current.state, path, agent.key);
      changes.push({ path, bytes, previous: current.bytes });
    }
  }
  for (const { key, path } of options.remove) {
    const current = await inspectAgentFile({ dir, path, lockedIntegrity: locked.get(path)?.integrity });
    if (current.state === "missing") continue;
    if (current.state !== "clean" && !force) throw conflict(current.state, path, key);
    changes.push({ path, bytes: undefined, previous: current.bytes });
  }
  return { changes, unchanged };
}

function conflict(state: "edited" | "unmanaged", path: string, key: string): AgentregError {
  return state === "edited"
    ? new AgentregError(ErrorCode.LOCAL_EDIT, `${path} was edited since agentreg installed it; refusing to overwrite or delete it`, {
        subject: path,
        hint: `Save your changes elsewhere, or pass --force to replace ${key}'s file.`,
      })
    : new AgentregError(ErrorCode.UNMANAGED_FILE, `${path} already exists and was not installed by agentreg`, {
        subject: path,
        hint: "Move or rename it, or pass --force to replace it.",
      });
}
