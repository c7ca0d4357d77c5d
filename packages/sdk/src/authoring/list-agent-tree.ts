import { readdir } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import type { AgentregError } from "../errors.js";

/** What a plugin's marketplace entry says about its agents; agent.json records it when nothing else does. */
export interface FoundAgentMetadata {
  license?: string;
  keywords?: string[];
  author?: string;
}

/** A file `publishAgents` looks at: an agent to check, or something it reports as skipped or refused. */
export interface FoundAgentFile {
  /** The path as the user named it, or joined to the folder they named. */
  path: string;
  /**
   * Named on the command line. A named file is an agent or an error; a file found in a folder may
   * turn out to be something else (a command, a skill's notes) and is then skipped.
   */
  explicit: boolean;
  metadata?: FoundAgentMetadata;
  /** Why this is not published although it was found (a README, a remote plugin, a symlink). */
  skip?: string;
  /** Why this input could not be read at all (a broken marketplace.json). */
  error?: AgentregError;
}

/** Folders that never hold agents and can be huge. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

/**
 * Every `.md` file under `dir` (hidden folders such as `.claude/agents` included, node_modules and
 * .git not), sorted, with READMEs and skills marked as skipped. Symlinks are reported, not followed:
 * what is published must be a file inside the folder the user named.
 *
 * @example
 * const files = await listAgentTree("plugins/python-development/agents", new Set());
 */
export async function listAgentTree(dir: string, exclude: ReadonlySet<string>): Promise<FoundAgentFile[]> {
  const found: FoundAgentFile[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !exclude.has(resolve(path))) await walk(path);
      } else if (entry.name.endsWith(".md")) {
        const skip = entry.isFile() ? notAnAgentByName(entry.name) : "a symlink or special file; publish the file itself";
        found.push({ path, explicit: false, ...(skip === undefined ? {} : { skip }) });
      }
    }
  };
  await walk(dir);
  return found.sort((a, b) => comparePaths(relative(dir, a.path), relative(dir, b.path)));
}

/** Files that are Markdown but, by their name alone, never an agent. */
function notAnAgentByName(name: string): string | undefined {
  const lower = basename(name).toLowerCase();
  if (lower === "readme.md") return "a README, not an agent";
  // A skill's SKILL.md has `name` and `description` too, but Claude Code loads it as a skill.
  if (lower === "skill.md") return "a skill (SKILL.md), not an agent";
  return undefined;
}

/** Plain code-unit order, the same on every machine (no locale). */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
