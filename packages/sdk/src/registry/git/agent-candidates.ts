import { posix } from "node:path";
import { MAX_GIT_FILE_BYTES, type GitTreeFile } from "./git-mirror.js";

/** Folders that never hold agents (dependencies, tooling), as `registry build` skips them. */
const SKIPPED = /(^|\/)(node_modules|\.git|\.github)\//;
const NOT_AGENTS = /(^|\/)(readme|changelog|contributing|license|code_of_conduct|security)\.md$/i;

/**
 * The files of a commit's `tree` that may be agents: Markdown under `inside` (the whole repository
 * when empty), outside the folders that never hold them. `readable` are the ones to read to learn
 * their names; `refused` are the others (symlinks, files over the size limit), each under its file
 * name, with the reason. Those under any `inside` are among those of the whole repository.
 *
 * @example
 * agentCandidates(await listTree(mirror, commit), "plugins/backend/agents").readable;
 */
export function agentCandidates(tree: readonly GitTreeFile[], inside: string): { readable: GitTreeFile[]; refused: Map<string, string> } {
  const prefix = folderPrefix(inside);
  const refused = new Map<string, string>();
  const readable: GitTreeFile[] = [];
  for (const file of tree) {
    if (!file.path.startsWith(prefix) || !mayBeAgent(file.path)) continue;
    if (file.mode === "120000") refused.set(posix.basename(file.path, ".md"), `${file.path} is a symlink, which agentreg never follows`);
    else if (file.size > MAX_GIT_FILE_BYTES) refused.set(posix.basename(file.path, ".md"), `${file.path} is ${file.size} bytes, over the ${MAX_GIT_FILE_BYTES}-byte limit for an agent file`);
    else readable.push(file);
  }
  return { readable, refused };
}

/** Whether a file at `path` may be an agent wherever the registry is read from: Markdown, in no folder that never holds one. */
export function mayBeAgent(path: string): boolean {
  return path.endsWith(".md") && !SKIPPED.test(path) && !NOT_AGENTS.test(path);
}

/** Whether no file under the folder `path` may be an agent (`node_modules`, `.git`, `.github`). */
export function holdsNoAgents(path: string): boolean {
  return SKIPPED.test(`${path}/`);
}

/** `inside` as the start of the paths under it: `""` for the whole repository, else `<folder>/`. */
export function folderPrefix(inside: string): string {
  return inside === "" ? "" : `${inside.replace(/\/+$/, "")}/`;
}
