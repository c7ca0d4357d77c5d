import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { holdsNoAgents, mayBeAgent } from "./agent-candidates.js";
import type { CatFileSession } from "./cat-file-session.js";
import { MAX_GIT_FILE_BYTES, listRefs, peelRefs, type GitMirror, type GitRef, type GitTreeFile } from "./git-mirror.js";
import { keepMarkdownFiles, listMarkdownFiles } from "./mirror-records.js";
import { refNamesIn } from "./ref-names.js";
import { walkTree } from "./tree-walk.js";
import { unreadableMirror } from "./unreadable-mirror.js";

/** The default branch of a mirror just fetched, listed and read ahead (`MirrorSync.head`). */
export interface HeadStart {
  commit: string;
  /** Its files that may be agents, with their sizes. */
  files: Promise<GitTreeFile[]>;
  /** The bytes of those of them an agent file may be (regular files within the size limit), by object id; none if the read failed. */
  bytes: Promise<Map<string, Buffer>>;
}

/**
 * What a command reads first from a mirror `git fetch` has just filled, asked of the `git cat-file`
 * that started beside the fetch, so that no git is left to start: the refs, peeled; the tree of the
 * remote's default branch, walked; and every file in it that may be an agent, read. The refs fall
 * back to `git for-each-ref` when the mirror's ref files are not as git writes them (ref-names.ts),
 * and a failed walk leaves the listing to the command (which lists with `git ls-tree`, and reports
 * what fails). `git` is ended here once everything is asked.
 */
export function readAhead(mirror: GitMirror, git: CatFileSession): { refs: Promise<GitRef[]>; head: HeadStart | undefined } {
  const names = refNamesIn(mirror.dir);
  const peeled = names === undefined ? undefined : peelRefs(git, names);
  const commit = fetchedHead(mirror);
  const read = commit === undefined ? undefined : readCandidates(mirror, git, commit);
  void Promise.allSettled([peeled, read]).then(() => git.end());
  const refs = peeled?.catch(() => listRefs(mirror)) ?? listRefs(mirror);
  if (commit === undefined || read === undefined) return { refs, head: undefined };
  // A failed read leaves the listing to ls-tree, which reports what fails to the command that takes
  // it (never unhandled if none does), and every file to git.
  const files = read.then(
    (ahead) => ahead.files,
    () => listMarkdownFiles(mirror, commit),
  );
  files.catch(() => undefined);
  return { refs, head: { commit, files, bytes: read.then((ahead) => ahead.bytes, () => new Map<string, Buffer>()) } };
}

/** The candidate files of `commit`'s tree (agent-candidates.ts, `mayBeAgent`) and the bytes of those an agent may be. */
async function readCandidates(mirror: GitMirror, git: CatFileSession, commit: string): Promise<{ files: GitTreeFile[]; bytes: Map<string, Buffer> }> {
  const entries = (await walkTree(git, mirror, commit, holdsNoAgents)).filter((entry) => mayBeAgent(entry.path));
  const ids = [...new Set(entries.map((entry) => entry.blob))];
  // A file over the limit streams past unread; its size is all that is needed (to refuse it).
  const answers = await git.ask(ids, { keep: (type, size) => type === "blob" && size <= MAX_GIT_FILE_BYTES });
  const objects = new Map(ids.map((id, i) => [id, answers[i]]));
  const bytes = new Map<string, Buffer>();
  const files = entries.map((entry): GitTreeFile => {
    const object = objects.get(entry.blob);
    if (object?.type !== "blob") throw unreadableMirror(mirror, `object ${entry.blob} (${entry.path}) is not a file`);
    if (object.bytes !== undefined && entry.mode !== "120000") bytes.set(entry.blob, object.bytes);
    return { ...entry, size: object.size };
  });
  keepMarkdownFiles(mirror, commit, files);
  return { files, bytes };
}

/**
 * The commit `git fetch` just wrote for the remote's `HEAD`, read at once (a few bytes). Only a
 * regular file holding a plain commit id counts (the cache is untrusted); anything else means no head
 * start.
 */
function fetchedHead(mirror: GitMirror): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(join(mirror.dir, "refs/remotes/origin/HEAD"), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return undefined;
    const bytes = Buffer.alloc(64);
    return /^([0-9a-f]{40})\n?$/.exec(bytes.toString("utf8", 0, readSync(fd, bytes, 0, bytes.length, 0)))?.[1];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
