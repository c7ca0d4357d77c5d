import { AgentregError, ErrorCode } from "../../errors.js";
import { isSafeTarballPath } from "../../registry/registry-source.js";
import { CONFIG_FILE, type ProjectConfig } from "./project-config.js";
import { LOCKFILE, type Lockfile } from "./lockfile.js";
import { resolvedPrefixFor } from "./open-registry.js";
import { impliedRegistry } from "./wanted-agents.js";

/**
 * Checks where each lock entry says its agent comes from (DESIGN §8, lock provenance): the entry's
 * `registry` must be the one `agentreg.json` implies for the agent, and its `resolved` must lie under
 * that registry's base (same scheme, origin and base path, then a plain registry path). A change to
 * the lockfile alone, as a pull request might carry, can then never install from anywhere else.
 * Entries the config no longer wants are not checked here: they are only ever deleted, never fetched,
 * and the lockfile schema already confines the file they name to the agents folder.
 *
 * @example
 * assertLockProvenance(project.config, project.lock, "/work/app/agentreg.lock");
 */
export function assertLockProvenance(config: ProjectConfig, lock: Lockfile, path: string = LOCKFILE): void {
  for (const [key, entry] of Object.entries(lock.agents)) {
    if (!Object.hasOwn(config.agents, key)) continue;
    const registry = impliedRegistry(config, key);
    if (entry.registry !== registry) {
      throw provenanceError(path, key, `says ${key} comes from registry ${entry.registry}, but ${CONFIG_FILE} says ${registry}`);
    }
    const prefix = resolvedPrefixFor(registry, config);
    if (prefix === undefined) {
      throw provenanceError(path, key, `says ${key} comes from registry ${registry}, which ${CONFIG_FILE} does not define`);
    }
    const tail = entry.resolved.slice(prefix.length);
    // A git registry's `resolved` names a commit by its full id, never a branch or a tag that can move.
    if (!entry.resolved.startsWith(prefix) || !isSafeTarballPath(tail) || (prefix.endsWith("#") && !/^[0-9a-f]{40}\//.test(tail))) {
      throw provenanceError(path, key, `says ${key} was resolved at ${entry.resolved}, which is not under its registry ${prefix}`);
    }
  }
}

function provenanceError(path: string, key: string, what: string): AgentregError {
  return new AgentregError(ErrorCode.LOCKFILE, `${path} ${what}`, {
    subject: key,
    hint: `A lockfile may not choose where an agent comes from. Restore ${LOCKFILE} from version control, or drop the entry and run \`agentreg install\` to resolve ${key} again from the registry ${CONFIG_FILE} names.`,
  });
}
