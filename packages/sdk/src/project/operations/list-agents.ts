import { parseAgentSpec } from "../../agent/agent-name.js";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { AGENTS_DIR, assertSafeFolder, inspectAgentFile, installPathFor } from "../state/agent-files.js";
import { PROJECT_LOCATION_SPEC, type ProjectLocation } from "../transaction/project-session.js";
import { loadProject } from "../transaction/project-state.js";
import { wantedRange } from "../state/wanted-agents.js";
import { own } from "../../own-record.js";
import { checkOptions, oneOf } from "../../check-arguments.js";

export interface ListedAgent {
  key: string;
  /** `project` (`.claude/agents/` in the project) or `user` (`~/.claude/agents/`). */
  scope: "project" | "user";
  range: string | undefined;
  version: string | undefined;
  registry: string | undefined;
  path: string;
  /**
   * `ok`: the file holds the locked bytes; `edited`: it differs; `missing`: no file (run install);
   * `not-locked`: in the config but never installed; `extraneous`: locked but no longer in the config;
   * `unmanaged`: a file in the agents folder that agentreg neither wants nor installed (hand-written,
   * or copied in by another tool). Claude Code loads it all the same.
   */
  state: "ok" | "edited" | "missing" | "not-locked" | "extraneous" | "unmanaged";
  /** A user agent that a project agent of the same name hides: Claude Code loads the project one. */
  shadowed?: true;
}

export interface ListAgentsOptions extends ProjectLocation {
  /** Which scope `dir`/`configDir` are (default `project`). */
  scope?: "project" | "user";
  /** Also list the user scope, marking the user agents a project agent shadows. */
  userScope?: ProjectLocation;
}

/**
 * The agents of a scope: what `agentreg.json` wants, what `agentreg.lock` has, and the state of each
 * file; with `userScope`, the user's agents too, marked where a project agent shadows them.
 *
 * @example
 * const { agents } = await listAgents({ dir: process.cwd(), userScope: { dir: homedir(), configDir } });
 */
export async function listAgents(options: ListAgentsOptions): Promise<{ agents: ListedAgent[] }> {
  checkOptions("listAgents", options, { ...PROJECT_LOCATION_SPEC, scope: oneOf(["project", "user"], { optional: true }), userScope: "object?" });
  if (options.userScope !== undefined) checkOptions("listAgents", options.userScope, PROJECT_LOCATION_SPEC, "options.userScope");
  const primary = await listScope(options, options.scope ?? "project");
  if (!options.userScope) return { agents: primary };
  const user = await listScope(options.userScope, "user");
  const projectNames = new Set(primary.map((agent) => parseAgentSpec(agent.key).name));
  return {
    agents: [...primary, ...user.map((agent) => (projectNames.has(parseAgentSpec(agent.key).name) ? { ...agent, shadowed: true as const } : agent))],
  };
}

async function listScope(location: ProjectLocation, scope: ListedAgent["scope"]): Promise<ListedAgent[]> {
  const project = await loadProject(location);
  const keys = [...new Set([...Object.keys(project.config.agents), ...Object.keys(project.lock.agents)])].sort();
  const known = new Set(keys.map((key) => installPathFor(parseAgentSpec(key).name)));
  const unmanaged = (await agentFilesIn(project.dir))
    .filter((path) => !known.has(path))
    .map((path): ListedAgent => ({ key: path.slice(AGENTS_DIR.length + 1, -".md".length), scope, range: undefined, version: undefined, registry: undefined, path, state: "unmanaged" }));
  const listed = await Promise.all(
    keys.map(async (key): Promise<ListedAgent> => {
      const range = wantedRange(project.config, key);
      const locked = own(project.lock.agents, key);
      const claudePath = installPathFor(parseAgentSpec(key).name);
      if (!locked) return { key, scope, range, version: undefined, registry: undefined, path: claudePath, state: "not-locked" };
      // Every file the lock lists (one per target, issue 17): the agent is as bad as its worst file,
      // and `path` names that file (the Claude Code file when all are fine).
      const paths = Object.keys(locked.files).sort((a, b) => (a === claudePath ? -1 : b === claudePath ? 1 : a < b ? -1 : 1));
      const files = await Promise.all(paths.map(async (path) => ({ path, onDisk: await inspectAgentFile({ dir: project.dir, path, lockedIntegrity: locked.files[path] }) })));
      const edited = files.find((file) => file.onDisk.state === "edited" || file.onDisk.state === "unmanaged");
      const missing = files.find((file) => file.onDisk.state === "missing");
      const worst = edited ?? missing;
      const state: ListedAgent["state"] = edited ? "edited" : missing ? "missing" : range === undefined ? "extraneous" : "ok";
      return { key, scope, range, version: locked.version, registry: locked.registry, path: worst?.path ?? paths[0] ?? claudePath, state };
    }),
  );
  return [...listed, ...unmanaged];
}

/**
 * The `.md` files directly in the agents folder (what Claude Code loads), as project-relative paths,
 * sorted; none when the folder is missing. A symlinked folder is refused like everywhere else.
 */
async function agentFilesIn(dir: string): Promise<string[]> {
  await assertSafeFolder(dir, AGENTS_DIR);
  const entries = await readdir(join(dir, ...AGENTS_DIR.split("/")), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return [];
    throw error;
  });
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(".md"))
    .map((entry) => `${AGENTS_DIR}/${entry.name}`)
    .sort();
}
