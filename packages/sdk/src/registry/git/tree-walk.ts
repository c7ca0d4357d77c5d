import type { CatFileSession } from "./cat-file-session.js";
import type { GitMirror } from "./git-mirror.js";
import { unreadableMirror } from "./unreadable-mirror.js";

/** A file of a tree as the tree itself records it: no size (git keeps that in the file's object). */
export interface TreeEntry {
  path: string;
  /** As `git ls-tree` writes it: `100644`, `100755`, or `120000` for a symlink. */
  mode: string;
  blob: string;
}

interface RawEntry {
  /** `tree`, `link` (a submodule's commit), or a file's mode as ls-tree writes it. */
  kind: string;
  name: string;
  id: string;
}

/**
 * Every file of `commit`'s tree, in the order `git ls-tree -r` lists them, read through a cat-file
 * session: one question per level of folders, however many folders the level has. Folders for which
 * `skip` is true are not read; submodules have no files here.
 *
 * @example
 * const files = await walkTree(git, mirror, commit, holdsNoAgents);
 */
export async function walkTree(git: CatFileSession, mirror: GitMirror, commit: string, skip: (folder: string) => boolean): Promise<TreeEntry[]> {
  const trees = new Map<string, RawEntry[]>();
  let level = [{ path: "", id: `${commit}^{tree}` }];
  while (level.length > 0) {
    const answers = await git.ask(level.map((folder) => folder.id));
    const next: typeof level = [];
    for (const [i, folder] of level.entries()) {
      const answer = answers[i];
      if (answer?.type !== "tree" || answer.bytes === undefined) throw unreadableMirror(mirror, `the folder ${JSON.stringify(folder.path || "/")} of commit ${commit} is missing`);
      const entries = parseTree(answer.bytes, mirror);
      trees.set(folder.path, entries);
      for (const entry of entries) {
        const path = join(folder.path, entry.name);
        if (entry.kind === "tree" && !skip(path)) next.push({ path, id: entry.id });
      }
    }
    level = next;
  }
  const files: TreeEntry[] = [];
  const list = (folder: string): void => {
    for (const entry of trees.get(folder) ?? []) {
      const path = join(folder, entry.name);
      if (entry.kind === "tree") list(path);
      else if (entry.kind !== "link") files.push({ path, mode: entry.kind, blob: entry.id });
    }
  };
  list("");
  return files;
}

/**
 * A raw tree object: entries of `<octal mode> <name>\0<20-byte id>`. The object is read as text once
 * (and its ids as hex once): a folder of 500 files is cut into entries by string search, not 1,500
 * small decodes. A name with bytes over 0x7f is decoded as UTF-8, as `git ls-tree` output is read.
 */
function parseTree(bytes: Buffer, mirror: GitMirror): RawEntry[] {
  const text = bytes.toString("latin1");
  const hex = bytes.toString("hex");
  const entries: RawEntry[] = [];
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(" ", at);
    const nul = space === -1 ? -1 : text.indexOf("\0", space + 1);
    if (nul === -1 || nul + 21 > text.length) throw unreadableMirror(mirror, "a tree object is cut short");
    const mode = text.slice(at, space);
    const raw = text.slice(space + 1, nul);
    const name = /[^\x00-\x7f]/.test(raw) ? bytes.toString("utf8", space + 1, nul) : raw;
    if (!/^[0-7]{5,6}$/.test(mode) || name === "" || name.includes("/")) throw unreadableMirror(mirror, `a tree object has an entry git would not write (${JSON.stringify(`${mode} ${name}`.slice(0, 80))})`);
    entries.push({ kind: kindOf(Number.parseInt(mode, 8)), name, id: hex.slice(2 * (nul + 1), 2 * (nul + 21)) });
    at = nul + 21;
  }
  return entries;
}

/** The kind of an entry as git reads a tree's mode (its `canon_mode`): any other file mode is a plain file. */
function kindOf(mode: number): string {
  switch (mode & 0o170000) {
    case 0o040000:
      return "tree";
    case 0o120000:
      return "120000";
    case 0o160000:
      return "link";
    default:
      return mode & 0o100 ? "100755" : "100644";
  }
}

function join(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}
