import { installPathFor } from "./agent-files.js";
import type { LockEntry } from "./lockfile.js";

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
  /** The agent's tool grants: `"all"` when it has no `tools` line. Absent when not known. */
  tools?: string[] | "all";
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
  tools?: string[] | "all" | undefined;
}): AgentChange {
  const { key, name, lockEntry, range, previousVersion, written, deprecated, tools } = options;
  const version = lockEntry.version;
  const action = previousVersion === undefined ? "added" : previousVersion !== version ? "updated" : written ? "installed" : "unchanged";
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
    ...(tools ? { tools } : {}),
  };
}
