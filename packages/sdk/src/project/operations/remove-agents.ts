import { formatAgentSpec, parseAgentSpec } from "../../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { installPathFor } from "../state/agent-files.js";
import { backUpConflicts, type BackupCopy, type SkippedAgent } from "../transaction/local-edits.js";
import { planFileChanges } from "../transaction/plan-file-changes.js";
import { CONFIG_FILE } from "../state/project-config.js";
import { PROJECT_SESSION_SPEC, withProjectSession, type ProjectSessionOptions } from "../transaction/project-session.js";
import { saveProject } from "../transaction/project-state.js";
import { own } from "../../own-record.js";
import { checkOptions, type OptionsSpec } from "../../check-arguments.js";

export interface RemoveAgentsOptions extends ProjectSessionOptions {
  /** Names as written in `agentreg.json` (`name` or `@ns/name`). */
  names: string[];
  /** Delete files the user edited too (backup copies are kept). */
  force?: boolean;
  backupDir?: string;
  /** Test seam: called at each write point (tests kill the process there). */
  onWritePoint?: (label: string) => void;
}

const REMOVE_AGENTS_SPEC: OptionsSpec<RemoveAgentsOptions> = {
  ...PROJECT_SESSION_SPEC,
  names: "string[]",
  force: "boolean?",
  backupDir: "path?",
  onWritePoint: "function?",
};

export interface RemoveAgentsResult {
  removed: Array<{ key: string; version: string | undefined; path: string }>;
  /** Agents kept because their file was edited. */
  skipped: SkippedAgent[];
  backups: BackupCopy[];
  dryRun: boolean;
}

/**
 * Deletes agents' files and their entries in `agentreg.json` and `agentreg.lock`. An edited file is
 * never deleted without `force`: that agent is kept (and reported in `skipped`), the others go.
 *
 * @example
 * await removeAgents({ dir: process.cwd(), names: ["senior-backend-engineer"] });
 */
export async function removeAgents(options: RemoveAgentsOptions): Promise<RemoveAgentsResult> {
  checkOptions("removeAgents", options, REMOVE_AGENTS_SPEC);
  return withProjectSession(options, async (project) => {
    const keys = [...new Set(options.names.map((name) => formatAgentSpec(parseAgentSpec(name))))];
    for (const key of keys) {
      if (!Object.hasOwn(project.config.agents, key) && !Object.hasOwn(project.lock.agents, key)) {
        throw new AgentregError(ErrorCode.NOT_FOUND, `${key} is not in ${CONFIG_FILE}`, {
          subject: key,
          hint: "Run `agentreg list` to see the installed agents.",
          details: { installed: Object.keys(project.config.agents).sort() },
        });
      }
    }

    // A file in the config but not the lock was never installed by agentreg: it is left alone.
    const remove = keys.flatMap((key) => Object.keys(own(project.lock.agents, key)?.files ?? {}).map((path) => ({ key, path })));
    const plan = await planFileChanges({ dir: project.dir, lock: project.lock, write: [], remove, force: options.force ?? false });
    const skipped: SkippedAgent[] = options.force ? [] : plan.conflicts.map((c) => ({ key: c.key, path: c.path, reason: c.state }));
    const skippedKeys = new Set(skipped.map((s) => s.key));

    const config = { ...project.config, agents: { ...project.config.agents } };
    const lock = { ...project.lock, agents: { ...project.lock.agents } };
    const removed = keys.filter((key) => !skippedKeys.has(key)).sort();
    for (const key of removed) {
      delete config.agents[key];
      delete lock.agents[key];
    }
    let backups: BackupCopy[] = [];
    if (!options.dryRun) {
      if (options.force) backups = await backUpConflicts(plan.conflicts, options.backupDir ?? `${project.configDir}/.agentreg-backups`);
      await saveProject(project, { files: plan.changes, config, lock, onWritePoint: options.onWritePoint });
    }
    return {
      removed: removed.map((key) => ({ key, version: own(project.lock.agents, key)?.version, path: installPathFor(parseAgentSpec(key).name) })),
      skipped,
      backups,
      dryRun: options.dryRun ?? false,
    };
  });
}
