import { createHash } from "node:crypto";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_ARCHIVE_LIMITS } from "../../archive/archive-limits.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { isMissingPath } from "../../missing-path.js";
import type { GitLocation } from "./git-location.js";
import { openCatFile, type CatFileSession } from "./cat-file-session.js";
import { runGit } from "./run-git.js";
import { unreadableMirror } from "./unreadable-mirror.js";

/**
 * A bare copy of a git registry's repository in the cache, `<cache>/git/<sha256 of the remote>`, from
 * which tags are listed and agent files read. It is a cache like the others: what it yields is
 * checked (sizes, file kinds, and later the lock's sha512) before anything is installed.
 */
export interface GitMirror {
  /** The bare repository. */
  dir: string;
  location: GitLocation;
  /** As the user wrote it, for messages. */
  shown: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** One branch or tag, peeled to its commit. */
export interface GitRef {
  /** `refs/tags/v1.2.0`, `refs/heads/main`, or `HEAD` for the remote's default branch. */
  name: string;
  commit: string;
  /** An annotated tag's own object, which `commit` is peeled from; absent for a branch or a plain tag. */
  tag?: string;
  /** The commit's committer time, in seconds since 1970. */
  committedAt: number;
}

/** The remote's branches, tags and `HEAD` as `git ls-remote` lists them: each ref's object, and the commit a tag peels to. */
export type RemoteRefs = Map<string, { object: string; peeled?: string }>;

/** One file of a commit's tree. */
export interface GitTreeFile {
  /** Repository-relative POSIX path. */
  path: string;
  /** `100644`, `100755`, or `120000` for a symlink (the caller refuses those). */
  mode: string;
  blob: string;
  size: number;
}

const COMMIT = /^[0-9a-f]{40}$/;

/** Larger agent files are not read: the archive limit for one file applies to git registries too. */
export const MAX_GIT_FILE_BYTES = DEFAULT_ARCHIVE_LIMITS.maxEntryBytes;

/** The folder of `location`'s mirror in `cacheDir`: `<cache>/git/<sha256 of the remote>`. */
export function mirrorDirFor(cacheDir: string, location: GitLocation): string {
  return join(cacheDir, "git", createHash("sha256").update(location.remote).digest("hex").slice(0, 32));
}

/**
 * The mirror of `location` in `cacheDir`, created empty if there is none yet; `fetchMirror` fills it.
 * Synchronous (a `stat`, and four folders and two small files the first time), so that a caller can
 * start the mirror's first git before it yields (`prefetchGitRegistry`).
 *
 * @example
 * const mirror = openMirror({ cacheDir, location: parseGitLocation("github:acme/agents"), shown: "github:acme/agents", env });
 */
export function openMirror(options: { cacheDir: string; location: GitLocation; shown: string; env: Readonly<Record<string, string | undefined>> }): GitMirror & { created: boolean } {
  const dir = mirrorDirFor(options.cacheDir, options.location);
  const mirror = { dir, location: options.location, shown: options.shown, env: options.env };
  const created = !exists(join(dir, "HEAD"));
  if (created) initBare(dir);
  return { ...mirror, created };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (error) {
    if (isMissingPath(error)) return false;
    throw error;
  }
}

/**
 * An empty bare repository, as git itself requires one to be (a `HEAD`, `objects/`, `refs/` and the
 * `core.bare` setting), without starting `git init`: a first `add` from a git registry starts one git
 * fewer. `HEAD` is written last, so a folder left half made by a stopped process is made again.
 */
function initBare(dir: string): void {
  for (const folder of ["objects/info", "objects/pack", "refs/heads", "refs/tags"]) mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n");
  writeFileSync(join(dir, "HEAD"), "ref: refs/heads/main\n");
}

/**
 * Brings the mirror up to date with the remote: every branch and tag, and the remote's default
 * branch as `HEAD`, each only as deep as its own commit (`--depth 1`): versions are read at ref tips
 * only, so a repository's history is never downloaded. Tags that moved are taken as they are now (a
 * lock keeps the commit it installed, so a moved tag never changes an installed file); commits no
 * ref reaches stay until git prunes them, and `fetchCommit` asks for one by id.
 */
export async function fetchMirror(mirror: GitMirror): Promise<void> {
  await git(mirror, [
    "fetch",
    "--quiet",
    // The mirror is a cache: git's background upkeep after each fetch is only start-up time here.
    "--no-auto-maintenance",
    "--depth=1",
    "--prune",
    "--force",
    "--no-write-fetch-head",
    "--",
    mirror.location.remote,
    "+HEAD:refs/remotes/origin/HEAD",
    "+refs/heads/*:refs/heads/*",
    "+refs/tags/*:refs/tags/*",
  ]);
}

/**
 * What the remote has now, without fetching anything: one `git ls-remote`, which costs a fetch's first
 * round trip only. When it matches the mirror (`sameRefs`), the fetch is skipped.
 */
export async function listRemoteRefs(mirror: GitMirror): Promise<RemoteRefs> {
  const out = await git(mirror, ["ls-remote", "--", mirror.location.remote, "HEAD", "refs/heads/*", "refs/tags/*"]);
  const refs: RemoteRefs = new Map();
  for (const line of out.toString("utf8").split("\n")) {
    const match = /^([0-9a-f]{40})\t(HEAD|refs\/(?:heads|tags)\/[^\0]+?)(\^\{\})?$/.exec(line);
    if (!match) continue;
    const [, object = "", name = "", peeled] = match;
    const ref = refs.get(name) ?? { object: "" };
    if (peeled) ref.peeled = object;
    else ref.object = object;
    refs.set(name, ref);
  }
  return refs;
}

/**
 * Whether the mirror's refs are exactly the remote's: the same names, each with the same object (and
 * an annotated tag peeling to the same commit). Anything else, including a remote ref the mirror
 * leaves out (a tag of a tree), means a fetch.
 */
export function sameRefs(local: GitRef[], remote: RemoteRefs): boolean {
  if (local.length !== remote.size) return false;
  return local.every((ref) => {
    const there = remote.get(ref.name);
    return there !== undefined && there.object === (ref.tag ?? ref.commit) && (there.peeled ?? there.object) === ref.commit;
  });
}

/** Fetches one commit by its id (`install --frozen` of a commit no ref reaches any more). */
export async function fetchCommit(mirror: GitMirror, commit: string): Promise<void> {
  assertCommit(commit);
  await git(mirror, ["fetch", "--quiet", "--no-auto-maintenance", "--depth=1", "--no-write-fetch-head", "--", mirror.location.remote, commit]);
}

/** Whether the mirror holds `commit`. */
export async function hasCommit(mirror: GitMirror, commit: string): Promise<boolean> {
  assertCommit(commit);
  return git(mirror, ["cat-file", "-e", `${commit}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/** The mirror's branches and tags, each peeled to its commit, and `HEAD` (the remote's default branch). */
export async function listRefs(mirror: GitMirror): Promise<GitRef[]> {
  const format = "%(refname)%00%(objectname)%00%(*objectname)%00%(committerdate:unix)%00%(*committerdate:unix)";
  const out = await git(mirror, ["for-each-ref", `--format=${format}`, "refs/heads", "refs/tags", "refs/remotes/origin/HEAD"]);
  const refs: GitRef[] = [];
  for (const line of out.toString("utf8").split("\n")) {
    if (line === "") continue;
    const [name = "", object = "", peeled = "", date = "", peeledDate = ""] = line.split("\0");
    const commit = peeled || object;
    // A tag of a tree or a blob versions nothing.
    if (!COMMIT.test(commit)) continue;
    refs.push(gitRef(name, commit, peeled ? object : undefined, Number(peeledDate || date) || 0));
  }
  return refs.sort(byName);
}

/**
 * `listRefs` through a cat-file session, for refs whose names the caller read from the mirror's files
 * (ref-names.ts): each is asked as it is and peeled (`<name>^{}`), its date read from the commit.
 */
export async function peelRefs(session: CatFileSession, names: readonly string[]): Promise<GitRef[]> {
  const answers = await session.ask(
    names.flatMap((name) => [name, `${name}^{}`]),
    { keep: (type) => type === "commit" },
  );
  const refs: GitRef[] = [];
  for (const [i, name] of names.entries()) {
    const [object, peeled] = [answers[2 * i], answers[2 * i + 1]];
    // A ref that went missing is left out, as for-each-ref leaves out a broken one.
    if (object === undefined || peeled === undefined) continue;
    const committer = peeled.bytes && /\ncommitter [^\n]*> (\d+) [+-]\d{4}\n/.exec(`\n${peeled.bytes.toString("utf8").split("\n\n")[0] ?? ""}\n`);
    refs.push(gitRef(name, peeled.id, object.type === "tag" ? object.id : undefined, Number(committer?.[1]) || 0));
  }
  return refs.sort(byName);
}

function gitRef(name: string, commit: string, tag: string | undefined, committedAt: number): GitRef {
  return { name: name === "refs/remotes/origin/HEAD" ? "HEAD" : name, commit, ...(tag ? { tag } : {}), committedAt };
}

function byName(a: GitRef, b: GitRef): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Every file in `commit`'s tree, with its mode and size, in path order. */
export async function listTree(mirror: GitMirror, commit: string): Promise<GitTreeFile[]> {
  assertCommit(commit);
  const out = await git(mirror, ["ls-tree", "-r", "-z", "--long", "--full-tree", commit]);
  const files: GitTreeFile[] = [];
  for (const record of out.toString("utf8").split("\0")) {
    if (record === "") continue;
    // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
    const match = /^(\d{6}) (\w+) ([0-9a-f]{40}) +(-|\d+)\t(.+)$/s.exec(record);
    if (!match) throw unreadableMirror(mirror, `an unexpected line from git ls-tree: ${JSON.stringify(record.slice(0, 80))}`);
    const [, mode = "", type = "", blob = "", size = "", path = ""] = match;
    // Submodules (type commit) have no bytes in this repository.
    if (type !== "blob") continue;
    files.push({ path, mode, blob, size: Number(size) });
  }
  return files;
}

/**
 * The bytes of `blobs` (object ids), read in one `git cat-file --batch`. The caller has checked each
 * one's size in the tree listing; as that listing may come from the cache, a file git says is over
 * the size limit is refused as its size arrives, its bytes streaming past unread.
 */
export async function readBlobs(mirror: GitMirror, blobs: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(blobs)];
  for (const id of unique) assertCommit(id);
  if (unique.length === 0) return new Map();
  const git = openCatFile(mirror);
  const answers = git.ask(unique, { keep: (type, size) => type === "blob" && size <= MAX_GIT_FILE_BYTES });
  git.end();
  const [read] = await Promise.all([answers, git.done]);
  const result = new Map<string, Buffer>();
  for (const [i, object] of read.entries()) {
    const id = unique[i] ?? "";
    if (object?.type !== "blob") throw unreadableMirror(mirror, `object ${id} is not a file (${object?.type ?? "missing"})`);
    if (object.bytes === undefined) throw fileTooLarge(mirror, id, object.size);
    result.set(id, object.bytes);
  }
  return result;
}

/** A file of the repository over `MAX_GIT_FILE_BYTES`, which agentreg never reads or installs. */
export function fileTooLarge(mirror: GitMirror, blob: string, size: number): AgentregError {
  return new AgentregError(ErrorCode.UNSAFE_PATH, `a file (object ${blob.slice(0, 12)}) in ${mirror.shown} is ${size} bytes, over the ${MAX_GIT_FILE_BYTES}-byte limit for an agent file`, {
    subject: mirror.shown,
    hint: "Nothing was written. Report the repository to its owner.",
  });
}

function git(mirror: GitMirror, args: string[]): Promise<Buffer> {
  return runGit(args, { cwd: mirror.dir, env: mirror.env, location: mirror.shown });
}

function assertCommit(id: string): void {
  // Object ids reach git as arguments: only 40 hex digits may, never something read as an option.
  if (!COMMIT.test(id)) throw new AgentregError(ErrorCode.REGISTRY, `${JSON.stringify(id)} is not a git object id`, { subject: id, hint: "Restore agentreg.lock from version control, or report the registry." });
}
