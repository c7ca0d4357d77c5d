import { hostname } from "node:os";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AgentregError, ErrorCode } from "../errors.js";

/** The lock folder beside `agentreg.json`. mkdir is atomic on every file system, a file create is not on all. */
export const PROJECT_LOCK_DIR = ".agentreg-lock";

export interface ProjectLockOptions {
  /** The folder holding `agentreg.json`. */
  configDir: string;
  /** Called once when the lock is busy for a second, with the holder's pid. */
  onWait?: ((holder: { pid: number | undefined; since: string | undefined }) => void) | undefined;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number | undefined;
}

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

const POLL_MS = 50;
const NOTICE_AFTER_MS = 1_000;
/** An owner file that never appeared: the holder died between mkdir and writing it. */
const ORPHAN_AFTER_MS = 10_000;

/**
 * Serialises agentreg processes on one project (DESIGN §8: two processes never interleave their
 * writes). A second process waits, then proceeds; a lock left by a process that no longer exists on
 * this host is taken over. Returns the release function.
 *
 * @example
 * const release = await acquireProjectLock({ configDir: "/work/app" });
 * try { ... } finally { await release(); }
 */
export async function acquireProjectLock(options: ProjectLockOptions): Promise<() => Promise<void>> {
  const lockDir = join(options.configDir, PROJECT_LOCK_DIR);
  const timeout = options.timeoutMs ?? 60_000;
  const started = Date.now();
  let noticed = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
      await writeFile(join(lockDir, "owner.json"), JSON.stringify(owner));
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await readOwner(lockDir);
    if (await isStale(lockDir, owner)) {
      await breakStaleLock(lockDir);
      continue;
    }
    const waited = Date.now() - started;
    if (!noticed && waited >= NOTICE_AFTER_MS) {
      noticed = true;
      options.onWait?.({ pid: owner?.pid, since: owner?.startedAt });
    }
    if (waited >= timeout) {
      throw new AgentregError(ErrorCode.LOCKED, `another agentreg process${owner ? ` (pid ${owner.pid})` : ""} has held ${lockDir} for over ${Math.round(timeout / 1000)} s`, {
        subject: lockDir,
        hint: `Wait for it to finish. If no agentreg is running, delete ${lockDir}.`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
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
    const stats = await stat(breaker).catch(() => undefined);
    if (stats && Date.now() - stats.mtimeMs > ORPHAN_AFTER_MS) await rm(breaker, { recursive: true, force: true });
    return;
  }
  try {
    if (await isStale(lockDir, await readOwner(lockDir))) await rm(lockDir, { recursive: true, force: true });
  } finally {
    await rm(breaker, { recursive: true, force: true });
  }
}

async function readOwner(lockDir: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(join(lockDir, "owner.json"), "utf8")) as LockOwner;
    return typeof owner.pid === "number" ? owner : undefined;
  } catch {
    return undefined;
  }
}

async function isStale(lockDir: string, owner: LockOwner | undefined): Promise<boolean> {
  if (!owner) {
    const stats = await stat(lockDir).catch(() => undefined);
    return stats !== undefined && Date.now() - stats.mtimeMs > ORPHAN_AFTER_MS;
  }
  // A pid is only meaningful on its own host; a lock from another machine (a shared disk) is honoured.
  if (owner.hostname !== hostname()) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
