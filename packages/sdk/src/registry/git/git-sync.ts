import { join } from "node:path";
import { AgentregError, ErrorCode } from "../../errors.js";
import { readRegularFile } from "../../read-regular-file.js";
import { parseGitLocation } from "./git-location.js";
import { fetchMirror, listRefs, listRemoteRefs, openMirror, sameRefs, type GitMirror, type GitRef } from "./git-mirror.js";
import { keepRefs, markdownFilesAt, readKeptRefs } from "./mirror-records.js";

/** How a command may reach a git registry's remote. */
export interface GitSyncMode {
  /** Never run a fetch: the mirror must hold what is asked (`E_OFFLINE` otherwise). */
  offline?: boolean | undefined;
  /** Fetch only when the mirror does not hold what is asked. */
  preferOffline?: boolean | undefined;
}

/**
 * The mirror's refs, brought up to date unless the command is offline. A mirror that already matches
 * the remote (one `git ls-remote`, checked against the refs kept at the last fetch, see
 * mirror-records.ts) is not fetched: a warm command starts one git, and fetches only when something
 * moved. Online, the first git (that `ls-remote`, or the fetch of a new mirror) is started before
 * this returns: `prefetchGitRegistry` relies on it.
 */
export function syncMirror(mirror: GitMirror & { created: boolean }, mode: GitSyncMode): Promise<GitRef[]> {
  if (mode.offline || mode.preferOffline) return syncFromCache(mirror, mode);
  if (mirror.created) return fetchAndKeep(mirror);
  const remote = listRemoteRefs(mirror);
  return (async () => {
    const [remoteRefs, kept] = await Promise.all([remote, readKeptRefs(mirror)]);
    if (kept && sameRefs(kept, remoteRefs)) return kept;
    const local = await listRefs(mirror);
    if (local.length > 0 && sameRefs(local, remoteRefs)) return keptRefs(mirror, local);
    return fetchAndKeep(mirror);
  })();
}

async function syncFromCache(mirror: GitMirror, mode: GitSyncMode): Promise<GitRef[]> {
  const refs = await listRefs(mirror);
  if (refs.length > 0) return refs;
  if (mode.offline) {
    throw new AgentregError(ErrorCode.OFFLINE, `the git registry ${mirror.shown} is not in the cache`, {
      subject: mirror.shown,
      hint: "Run once online so agentreg can fetch it, or drop --offline.",
    });
  }
  return fetchAndKeep(mirror);
}

async function fetchAndKeep(mirror: GitMirror): Promise<GitRef[]> {
  await fetchMirror(mirror);
  // The remote's default branch is what a command nearly always reads first: its Markdown files are
  // listed (and kept, mirror-records.ts) while the refs are, instead of after them. The commit is
  // read from the ref git just wrote (as a regular file only: the cache is untrusted); anything but a
  // plain commit id there, or any failure, means no head start, and the listing the command then
  // asks for reports what is wrong.
  const head = await readRegularFile(join(mirror.dir, "refs/remotes/origin/HEAD"), { maxBytes: 64, followSymlinks: false, code: ErrorCode.FS, hint: "" })
    .then((bytes) => bytes?.toString("utf8") ?? "")
    .catch(() => "");
  const listed = /^[0-9a-f]{40}\n?$/.test(head) ? markdownFilesAt(mirror, head.trim()).catch(() => undefined) : undefined;
  const [refs] = await Promise.all([listRefs(mirror), listed]);
  return keptRefs(mirror, refs);
}

async function keptRefs(mirror: GitMirror, refs: GitRef[]): Promise<GitRef[]> {
  await keepRefs(mirror, refs);
  return refs;
}

/** A sync started ahead of the command that needs it, with the environment its git runs in. */
interface StartedSync {
  mirror: GitMirror & { created: boolean };
  refs: Promise<GitRef[]>;
  env: Readonly<Record<string, string | undefined>>;
}

/** By mirror folder; each is taken at most once (`takePrefetchedSync`), so no answer outlives its command. */
const started = new Map<string, StartedSync>();

/**
 * Starts bringing a git registry's mirror up to date now: its first git process is running when this
 * returns, so a caller that goes on to load and prepare a command (the CLI: ~70 ms of module set-up)
 * overlaps it with that git. The next `createGitSource` of the same location, cache and `env` object
 * takes the started sync instead of starting its own; nothing else ever sees it. A location that is
 * not valid is left alone: opening the registry reports it. Failures wait for that taker too.
 */
export function prefetchGitRegistry(options: { location: string; cacheDir: string; env: Readonly<Record<string, string | undefined>> }): void {
  let location;
  try {
    location = parseGitLocation(options.location);
  } catch {
    return;
  }
  let mirror;
  try {
    mirror = openMirror({ cacheDir: options.cacheDir, location, shown: options.location, env: options.env });
  } catch {
    // The cache cannot be written: the command's own open reports it.
    return;
  }
  if (started.has(mirror.dir)) return;
  const refs = syncMirror(mirror, {});
  // Taken later, or never (the command failed first, or read another registry): never unhandled.
  refs.catch(() => undefined);
  started.set(mirror.dir, { mirror, refs, env: options.env });
}

/** The sync `prefetchGitRegistry` started for this mirror folder, environment and location as written, once. */
export function takePrefetchedSync(mirrorDir: string, env: Readonly<Record<string, string | undefined>>, shown: string): StartedSync | undefined {
  const entry = started.get(mirrorDir);
  if (entry === undefined || entry.env !== env || entry.mirror.shown !== shown) return undefined;
  started.delete(mirrorDir);
  return entry;
}
