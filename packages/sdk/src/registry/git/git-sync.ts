import { AgentregError, ErrorCode } from "../../errors.js";
import { parseGitLocation } from "./git-location.js";
import { openCatFile } from "./cat-file-session.js";
import { fetchMirror, listRefs, listRemoteRefs, mirrorDirFor, openMirror, sameRefs, type GitMirror, type GitRef } from "./git-mirror.js";
import { keepRefs, readKeptRefs } from "./mirror-records.js";
import { readAhead, type HeadStart } from "./read-ahead.js";

/** How a command may reach a git registry's remote. */
export interface GitSyncMode {
  /** Never run a fetch: the mirror must hold what is asked (`E_OFFLINE` otherwise). */
  offline?: boolean | undefined;
  /** Fetch only when the mirror does not hold what is asked. */
  preferOffline?: boolean | undefined;
}

/** A sync under way: the refs it ends with, and, after the fetch of a new mirror, its default branch early. */
export interface MirrorSync {
  refs: Promise<GitRef[]>;
  /**
   * After the fetch of a new mirror, its default branch (what a command nearly always reads first),
   * walked and read by the `git cat-file` that started beside the fetch (read-ahead.ts). Undefined
   * otherwise (a warm or offline sync, a location with a `#ref`, or a ref git wrote as anything but a
   * plain commit id), and when the fetch fails.
   */
  head: Promise<HeadStart | undefined>;
}

/**
 * The mirror's refs, brought up to date unless the command is offline. A mirror that already matches
 * the remote (one `git ls-remote`, checked against the refs kept at the last fetch, see
 * mirror-records.ts) is not fetched: a warm command starts one git, and fetches only when something
 * moved. Online, the first git (that `ls-remote`, or the fetch of a new mirror) is started before
 * this returns: `prefetchGitRegistry` relies on it.
 */
export function syncMirror(mirror: GitMirror & { created: boolean }, mode: GitSyncMode): MirrorSync {
  const offline = mode.offline || mode.preferOffline;
  if (mirror.created && !offline) return fetchAndKeep(mirror);
  const decided = offline ? syncFromCache(mirror, mode) : syncWithRemote(mirror);
  return { refs: decided.then((sync) => sync.refs), head: decided.then((sync) => sync.head, () => undefined) };
}

/** The sync of a mirror that has refs: kept ones, or a fetch when the remote moved. Its `ls-remote` starts before this returns. */
async function syncWithRemote(mirror: GitMirror): Promise<MirrorSync> {
  const remote = listRemoteRefs(mirror);
  const [remoteRefs, kept] = await Promise.all([remote, readKeptRefs(mirror)]);
  if (kept && sameRefs(kept, remoteRefs)) return settled(kept);
  const local = await listRefs(mirror);
  if (local.length > 0 && sameRefs(local, remoteRefs)) return settled(await keptRefs(mirror, local));
  return fetchAndKeep(mirror);
}

async function syncFromCache(mirror: GitMirror, mode: GitSyncMode): Promise<MirrorSync> {
  const refs = await listRefs(mirror);
  if (refs.length > 0) return settled(refs);
  if (mode.offline) {
    throw new AgentregError(ErrorCode.OFFLINE, `the git registry ${mirror.shown} is not in the cache`, {
      subject: mirror.shown,
      hint: "Run once online so agentreg can fetch it, or drop --offline.",
    });
  }
  return fetchAndKeep(mirror);
}

/** A sync that fetched nothing: its refs, and no head start. */
function settled(refs: GitRef[]): MirrorSync {
  return { refs: Promise.resolve(refs), head: Promise.resolve(undefined) };
}

function fetchAndKeep(mirror: GitMirror): MirrorSync {
  const fetched = fetchMirror(mirror);
  // A location that follows a `#ref` reads that ref's commit, not the default branch.
  if (mirror.location.ref !== undefined) return { refs: fetched.then(() => listRefs(mirror)).then((refs) => keptRefs(mirror, refs)), head: Promise.resolve(undefined) };
  // The cat-file that reads what the fetch brings starts now, beside it: once the fetch is done, no
  // git is left to start (read-ahead.ts).
  const git = openCatFile(mirror);
  const ahead = fetched.then(
    () => readAhead(mirror, git),
    (error: unknown) => {
      git.end();
      throw error;
    },
  );
  return { refs: ahead.then((read) => read.refs).then((refs) => keptRefs(mirror, refs)), head: ahead.then((read) => read.head, () => undefined) };
}

async function keptRefs(mirror: GitMirror, refs: GitRef[]): Promise<GitRef[]> {
  await keepRefs(mirror, refs);
  return refs;
}

/** A sync started ahead of the command that needs it, with the environment its git runs in. */
interface StartedSync {
  mirror: GitMirror & { created: boolean };
  sync: MirrorSync;
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
  // Already started (the CLI's entry did, and the command asks again): nothing to open.
  if (started.has(mirrorDirFor(options.cacheDir, location))) return;
  let mirror;
  try {
    mirror = openMirror({ cacheDir: options.cacheDir, location, shown: options.location, env: options.env });
  } catch {
    // The cache cannot be written: the command's own open reports it.
    return;
  }
  const sync = syncMirror(mirror, {});
  // Taken later, or never (the command failed first, or read another registry): never unhandled.
  sync.refs.catch(() => undefined);
  started.set(mirror.dir, { mirror, sync, env: options.env });
}

/** The sync `prefetchGitRegistry` started for this mirror folder, environment and location as written, once. */
export function takePrefetchedSync(mirrorDir: string, env: Readonly<Record<string, string | undefined>>, shown: string): StartedSync | undefined {
  const entry = started.get(mirrorDir);
  if (entry === undefined || entry.env !== env || entry.mirror.shown !== shown) return undefined;
  started.delete(mirrorDir);
  return entry;
}
