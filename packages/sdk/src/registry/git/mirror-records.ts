import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ErrorCode, isAgentregError } from "../../errors.js";
import { readRegularFile } from "../../read-regular-file.js";
import { mayBeAgent } from "./agent-candidates.js";
import { listTree, type GitMirror, type GitRef, type GitTreeFile } from "./git-mirror.js";

// What agentreg keeps beside a mirror's git objects, so that a warm command runs no git but the
// `ls-remote` that asks the remote what moved: the refs as last fetched, each commit's listing of
// Markdown files, and the agent files it has read. Both are caches, never trusted. A kept file is used only when its bytes hash to
// its git object id; a listing only when every entry is well formed, and each file it leads to is
// checked when it is read (its name, size and kind), as a file from git is.

/** A commit's Markdown files that may be agents (agents are never anything else): its tree listing, once per commit. */
export async function markdownFilesAt(mirror: GitMirror, commit: string): Promise<GitTreeFile[]> {
  const kept = await readRecord(treeRecord(mirror, commit), 64 * 1024 * 1024);
  const valid = Array.isArray(kept) && kept.every(isTreeFile) ? (kept as GitTreeFile[]) : undefined;
  return valid ?? listMarkdownFiles(mirror, commit);
}

/**
 * `markdownFilesAt` from git, without looking for a listing first: for a commit just fetched. The
 * listing is kept for the next command while this one goes on with it (the process ends only once
 * the write has).
 */
export async function listMarkdownFiles(mirror: GitMirror, commit: string): Promise<GitTreeFile[]> {
  const files = (await listTree(mirror, commit)).filter((file) => mayBeAgent(file.path));
  keepMarkdownFiles(mirror, commit, files);
  return files;
}

/** Keeps a commit's Markdown files that may be agents (agent-candidates.ts, `mayBeAgent`) for `markdownFilesAt`, in the background. */
export function keepMarkdownFiles(mirror: GitMirror, commit: string, files: GitTreeFile[]): void {
  void keepRecord(treeRecord(mirror, commit), JSON.stringify(files));
}

function treeRecord(mirror: GitMirror, commit: string): string {
  return join(mirror.dir, "agentreg", `tree-${commit}.json`);
}

/**
 * The mirror's refs as `listRefs` read them after the last fetch. Used only when they are exactly what
 * the remote lists now (`sameRefs`), so a record can never point a ref elsewhere; it spares the warm
 * command a second git. Only each commit's time (for pseudo-versions and dates) is the record's word.
 */
export async function readKeptRefs(mirror: GitMirror): Promise<GitRef[] | undefined> {
  const kept = await readRecord(join(mirror.dir, "agentreg", "refs.json"), 16 * 1024 * 1024);
  return Array.isArray(kept) && kept.every(isRef) ? (kept as GitRef[]) : undefined;
}

/** Keeps the refs `listRefs` just read, for `readKeptRefs`. */
export async function keepRefs(mirror: GitMirror, refs: GitRef[]): Promise<void> {
  await keepRecord(join(mirror.dir, "agentreg", "refs.json"), JSON.stringify(refs));
}

/** A file's bytes as kept by `keepBlob`, if they still hash to `blob`. */
export async function readKeptBlob(mirror: GitMirror, blob: string, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!OBJECT_ID.test(blob)) return undefined;
  const bytes = await readRegularFile(join(mirror.dir, "agentreg", "blobs", blob), { maxBytes, followSymlinks: false, code: ErrorCode.FS, hint: "" }).catch(missOnRefusal);
  return bytes !== undefined && blobId(bytes) === blob ? new Uint8Array(bytes) : undefined;
}

/** Keeps a file read from git under its object id, for `readKeptBlob`. */
export async function keepBlob(mirror: GitMirror, blob: string, bytes: Uint8Array): Promise<void> {
  if (OBJECT_ID.test(blob)) await keepRecord(join(mirror.dir, "agentreg", "blobs", blob), bytes);
}

/** Git's id of a file's bytes: the sha1 of `blob <size>\0` and the bytes. */
export function blobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

const OBJECT_ID = /^[0-9a-f]{40}$/;

function isRef(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { name, commit, tag, committedAt } = value as Record<string, unknown>;
  return (
    typeof name === "string" &&
    (name === "HEAD" || /^refs\/(heads|tags)\/[^\0]+$/.test(name)) &&
    typeof commit === "string" &&
    OBJECT_ID.test(commit) &&
    (tag === undefined || (typeof tag === "string" && OBJECT_ID.test(tag))) &&
    Number.isSafeInteger(committedAt) &&
    (committedAt as number) >= 0
  );
}

function isTreeFile(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const { path, mode, blob, size } = value as Record<string, unknown>;
  return (
    typeof path === "string" &&
    path.endsWith(".md") &&
    !path.includes("\0") &&
    (mode === "100644" || mode === "100755" || mode === "120000") &&
    typeof blob === "string" &&
    OBJECT_ID.test(blob) &&
    Number.isSafeInteger(size) &&
    (size as number) >= 0
  );
}

/** A JSON record kept beside the mirror; undefined when there is none, or it is not a regular file or not JSON. */
export async function readRecord(path: string, maxBytes: number): Promise<unknown> {
  const bytes = await readRegularFile(path, { maxBytes, followSymlinks: false, code: ErrorCode.FS, hint: "" }).catch(missOnRefusal);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Best effort, like every cache write: without the record the next command asks git again. */
export async function keepRecord(path: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true })
    .then(() => writeFile(path, contents))
    .catch(() => undefined);
}

/** A record that is not a regular file, or too large, is a miss; other errors are real. */
function missOnRefusal(error: unknown): undefined {
  if (isAgentregError(error)) return undefined;
  throw error;
}
