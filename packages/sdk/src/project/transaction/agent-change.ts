import { loadAgentFile } from "../../agent/load-agent-file.js";
import { listGrants, type AgentGrants } from "../../agent/permission-widening.js";
import { installPathFor } from "../state/agent-files.js";
import type { LockEntry } from "../state/lockfile.js";

/** What happened to one agent in a command. */
export interface AgentChange {
  /** The name as written in `agentreg.json` (`name` or `@ns/name`). */
  key: string;
  name: string;
  version: string;
  /** The version installed before, when the command changed it. */
  previousVersion?: string;
  range: string;
  registry: string;
  /** Project-relative path of the installed file. */
  path: string;
  integrity: string;
  action: "added" | "updated" | "installed" | "unchanged" | "removed";
  /** The registry's deprecation message, when the version is deprecated. */
  deprecated?: string;
  /**
   * What a version new to the project (`added`, `updated`) grants, read from the fetched file's bytes.
   * Absent for other actions, whose grants were shown when they were locked, and when Claude Code
   * would not load the file (then `unloadable` says why).
   */
  grants?: AgentGrants;
  /** Why Claude Code would load nothing from the file (its frontmatter does not parse, …). */
  unloadable?: string;
}

/**
 * Describes what a command did to one agent.
 *
 * @example
 * describeChange({ key: "x", name: "x", lockEntry, range: "^1.0.0", previousVersion: undefined, written: true }).action; // "added"
 */
export function describeChange(options: {
  key: string;
  name: string;
  lockEntry: LockEntry;
  range: string;
  previousVersion: string | undefined;
  /** Whether the command wrote the agent's file. */
  written: boolean;
  deprecated?: string | undefined;
  /** The agent file's exact bytes as fetched, to report the grants of a new version; omit when it was not fetched. */
  file?: Uint8Array | undefined;
}): AgentChange {
  const { key, name, lockEntry, range, previousVersion, written, deprecated, file } = options;
  const version = lockEntry.version;
  const action = previousVersion === undefined ? "added" : previousVersion !== version ? "updated" : written ? "installed" : "unchanged";
  // Only what a reviewer has not seen yet is parsed: restoring locked bytes (`install --frozen` of
  // 100 agents) would pay a YAML parse per agent to repeat what was shown when they were locked.
  const loaded = file !== undefined && (action === "added" || action === "updated") ? loadAgentFile(file) : undefined;
  return {
    key,
    name,
    version,
    ...(previousVersion !== undefined && previousVersion !== version ? { previousVersion } : {}),
    range,
    registry: lockEntry.registry,
    path: installPathFor(name),
    integrity: lockEntry.integrity,
    action,
    ...(deprecated ? { deprecated } : {}),
    ...(loaded === undefined ? {} : loaded.ok ? { grants: listGrants(loaded.agent) } : { unloadable: loaded.message }),
  };
}
