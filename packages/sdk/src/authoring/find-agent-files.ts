import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { AgentregError } from "../errors.js";
import { listAgentTree, type FoundAgentFile } from "./list-agent-tree.js";
import { findMarketplaceAgents, isMarketplaceFolder } from "./marketplace-import.js";

export interface FindAgentFilesOptions {
  /** Agent files, folder trees of them, or Claude Code plugin marketplace folders. */
  paths: readonly string[];
  /** Folders never searched: the registry source being published into may sit inside an input. */
  exclude?: readonly string[];
}

/**
 * Expands what the user named into the files to publish, in a stable order: each input in turn, a
 * folder's files sorted by path. A folder with `.claude-plugin/marketplace.json` is read as a plugin
 * marketplace (its plugins' agents); any other folder is searched at any depth for `.md` files.
 * A file reached twice (named and inside a named folder, or listed by two plugins) is listed once.
 *
 * @example
 * const found = await findAgentFiles({ paths: ["reviewer.md", "collection/"], exclude: ["/srv/registry"] });
 * found.filter((file) => file.skip === undefined).map((file) => file.path);
 */
export async function findAgentFiles(options: FindAgentFilesOptions): Promise<FoundAgentFile[]> {
  const exclude = new Set((options.exclude ?? []).map((path) => resolve(path)));
  const seen = new Set<string>();
  const found: FoundAgentFile[] = [];
  for (const path of options.paths) {
    for (const file of await expandPath(path, exclude)) {
      // Skipped plugins and broken inputs may share a path (the manifest's); each is still reported.
      const candidate = file.skip === undefined && file.error === undefined;
      const key = resolve(file.path);
      if (candidate && seen.has(key)) continue;
      if (candidate) seen.add(key);
      found.push(file);
    }
  }
  return found;
}

async function expandPath(path: string, exclude: ReadonlySet<string>): Promise<FoundAgentFile[]> {
  // A path that cannot be looked at, absent or not (ELOOP, EACCES), is kept as a named file: reading it
  // then fails with that same error, reported as E_NOT_FOUND with its code for this input alone.
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isDirectory()) return [{ path, explicit: true }];
  if (await isMarketplaceFolder(path)) {
    try {
      return await findMarketplaceAgents({ dir: path, exclude });
    } catch (error) {
      if (error instanceof AgentregError) return [{ path, explicit: true, error }];
      throw error;
    }
  }
  return listAgentTree(path, exclude);
}

