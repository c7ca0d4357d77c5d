import { hostname } from "node:os";
import { mkdir, rm, rmdir, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AgentregError, ErrorCode, isAgentregError } from "../../errors.js";
import { isMissingPath, whenMissing } from "../../missing-path.js";
import { readRegularFile } from "../../read-regular-file.js";

/** The lock folder beside `agentreg.json`. mkdir is atomic on every file system, a file create is not on all. */
export const PROJECT_LOCK_DIR = ".agentreg-lock";

export interface ProjectLockOptions {
  /** The folder holding `agentreg.json`. */
  configDir: string;
  /** Called once when the lock is busy for a second, with what the owner file says. */
  onWait?: ((holder: { pid: number | undefined; since: string | undefined; hostname?: string | undefined }) => void) | undefined;
  /** Give up after this long (default 60 s, `LOCK_TIMEOUT_MS`). */
  timeoutMs?: number | undefined;
  /** Test seam: called after each read of a busy lock's owner file, before acting on it (tests pause there). */
  onOwnerRead?: (() => Promise<void> | void) | undefined;
}

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** The longest a command waits for another one before `E_LOCKED`. */
export const LOCK_TIMEOUT_MS = 60_000;
/** How often a holder proves it is alive by touching its owner file. */
const HEARTBEAT_MS = 2_000;
/**
 * An owner file not touched for this long belongs to a process that is gone (or hung), whatever host
 * it names: a lock copied in with a clone or left on a shared disk cannot block anyone for long.
 */
const STALE_AFTER_MS = 30_000;
const POLL_MS = 50;
const NOTICE_AFTER_MS = 1_000;
/** An owner file that never appeared: the holder died between mkdir and writing it. */
const ORPHAN_AFTER_MS = 10_000;

/**
 * Serialises agentreg processes on one project (DESIGN §8: two processes never interleave their
 * writes). A second process waits, then proceeds. A lock is taken over when it is stale: its owner is
 * a process that no longer exists on this host, or its owner file has had no heartbeat for
 * `STALE_AFTER_MS` (the holder touches it every `HEARTBEAT_MS`). Nobody waits longer than
 * `timeoutMs`; the error then says whose lock it is and how old. Returns the release function.
 *
 * @example
 * const release = await acquireProjectLock({ configDir: "/work/app" });
 * try { ... } finally { await release(); }
 */
export async function acquireProjectLock(options: ProjectLockOptions): Promise<() => Promise<void>> {
  const lockDir = join(options.configDir, PROJECT_LOCK_DIR);
  const timeout = options.timeoutMs ?? LOCK_TIMEOUT_MS;
  const started = Date.now();
  let noticed = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      const ownerFile = join(lockDir, "owner.json");
      const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
      await writeFile(ownerFile, JSON.stringify(owner));
      const heartbeat = setInterval(() => {
        const now = new Date();
        // A missed beat is retried two seconds later; a lock is only stale after thirty without one.
        utimes(ownerFile, now, now).catch(() => undefined);
      }, HEARTBEAT_MS);
      heartbeat.unref();
      return async () => {
        clearInterval(heartbeat);
        // The owner file, then the folder: two calls where a recursive rm walks the folder. Anything
        // else found in it (nothing of ours puts it there) goes with a recursive rm.
        await unlink(ownerFile).catch(whenMissing(undefined));
        await rmdir(lockDir).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOTEMPTY" || error.code === "EEXIST") await rm(lockDir, { recursive: true, force: true });
          else if (!isMissingPath(error)) throw error;
        });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await readOwner(lockDir);
    await options.onOwnerRead?.();
    if (await isStale(lockDir, owner)) {
      await breakStaleLock(lockDir);
      continue;
    }
    const waited = Date.now() - started;
    if (!noticed && waited >= NOTICE_AFTER_MS) {
      noticed = true;
      options.onWait?.({ pid: owner?.pid, since: owner?.startedAt, hostname: owner?.hostname });
    }
    if (waited >= timeout) {
      throw new AgentregError(ErrorCode.LOCKED, `${lockDir} has been held for over ${Math.round(timeout / 1000)} s by ${describeOwner(owner)}`, {
        subject: lockDir,
        hint: `Wait for it to finish. A lock whose holder stops updating it is taken over after ${STALE_AFTER_MS / 1000} s; if no agentreg is running, you may delete ${lockDir}.`,
        details: owner ? { pid: owner.pid, hostname: owner.hostname, startedAt: owner.startedAt } : {},
      });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** "pid 123 on host build-7, started 2026-12-01T10:00:00.000Z (42 s ago)" */
function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return "a process that left no owner file";
  const age = Math.round((Date.now() - Date.parse(owner.startedAt)) / 1000);
  return `pid ${owner.pid} on host ${owner.hostname}, started ${owner.startedAt} (${age} s ago)`;
}

/**
 * Removes a stale lock without racing another process that is doing the same: deciding "stale" and
 * deleting are two steps, and between them another process may have broken the lock and taken it.
 * So breaking happens under a second mutex (`<lock>.break`), and the owner is read again inside it.
 */
async function breakStaleLock(lockDir: string): Promise<void> {
  const breaker = `${lockDir}.break`;
  try {
    await mkdir(breaker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Someone else is breaking it; a breaker left by a process that died mid-break is itself stale.
    const stats = await stat(breaker).catch(whenMissing(undefined));
    if (stats && Date.now() - stats.mtimeMs > ORPHAN_AFTER_MS) await rm(breaker, { recursive: true, force: true });
    return;
  }
  try {
    if (await isStale(lockDir, await readOwner(lockDir))) await rm(lockDir, { recursive: true, force: true });
  } finally {
    await rm(breaker, { recursive: true, force: true });
  }
}

/**
 * The owner file, if it is a well-formed one; anything else in it (a symlink, a FIFO, too many bytes,
 * not JSON) is treated as no owner at all. A lock that cannot be read (ELOOP, EACCES) throws: waiting
 * a minute for it would only end in a misleading E_LOCKED.
 */
async function readOwner(lockDir: string): Promise<LockOwner | undefined> {
  const bytes = await readRegularFile(join(lockDir, "owner.json"), { maxBytes: 4096, followSymlinks: false, code: ErrorCode.LOCKED, hint: "" }).catch((error: unknown) => {
    if (isAgentregError(error)) return undefined;
    throw error;
  });
  if (bytes === undefined) return undefined;
  let owner: Partial<LockOwner>;
  try {
    owner = JSON.parse(bytes.toString("utf8")) as Partial<LockOwner>;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  // pid 0 and negative pids name process groups to kill(2): only a real pid is ever probed.
  const valid =
    typeof owner.pid === "number" &&
    Number.isSafeInteger(owner.pid) &&
    owner.pid > 0 &&
    typeof owner.hostname === "string" &&
    /^[A-Za-z0-9._-]{1,253}$/.test(owner.hostname) &&
    typeof owner.startedAt === "string" &&
    !Number.isNaN(Date.parse(owner.startedAt));
  return valid ? (owner as LockOwner) : undefined;
}

async function isStale(lockDir: string, owner: LockOwner | undefined): Promise<boolean> {
  if (!owner) {
    const stats = await stat(lockDir).catch(whenMissing(undefined));
    return stats !== undefined && Date.now() - stats.mtimeMs > ORPHAN_AFTER_MS;
  }
  const heartbeat = await stat(join(lockDir, "owner.json")).catch(whenMissing(undefined));
  if (heartbeat === undefined || Date.now() - heartbeat.mtimeMs > STALE_AFTER_MS) return true;
  // A pid is only meaningful on its own host; a lock from another machine (a shared disk) is honoured
  // while its heartbeat goes on.
  if (owner.hostname !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
