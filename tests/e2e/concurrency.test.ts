// Issue 5, "Safety of writes": a process lock (.agentreg-lock/ beside agentreg.json) serialises agentreg
// processes on one project. A second process waits and says so; a lock whose owner is dead is taken over.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// An internal of the SDK (not in its public API): imported from its source, which vitest compiles.
import { acquireProjectLock } from "../../packages/sdk/src/project/state/project-lock.js";
import { readJson, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { agentFile, expectNoLeftovers, startCli, useCli, versionsOf } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const { run, cache } = useCli();
const NAMES = Array.from({ length: 8 }, (_, index) => `agent-${index + 1}`);
const registry = useRegistry(NAMES.flatMap((name) => versionsOf(name, ["1.0.0"])));

const holders: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const holder of holders.splice(0)) holder.kill("SIGKILL");
});

/** The pid of a Node process that has already exited: what a crashed agentreg leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid ?? -1;
}

async function writeLock(project: string, pid: number): Promise<void> {
  await mkdir(join(project, ".agentreg-lock"));
  await writeFile(join(project, ".agentreg-lock/owner.json"), JSON.stringify({ pid, hostname: hostname(), startedAt: new Date().toISOString() }));
}

/** Every agent of `names` is in agentreg.json, agentreg.lock and .claude/agents (and nothing else is), and verify passes. */
async function expectAllInstalled(project: string, names: string[]): Promise<void> {
  expect(Object.keys((await readJson(join(project, "agentreg.json"))).agents).sort()).toEqual([...names].sort());
  expect(Object.keys((await readJson(join(project, "agentreg.lock"))).agents).sort()).toEqual([...names].sort());
  expect((await readdir(join(project, ".claude/agents"))).sort()).toEqual(names.map((name) => `${name}.md`).sort());
  for (const name of names) expect(await readFile(join(project, `.claude/agents/${name}.md`), "utf8")).toBe(agentFile(name, "1.0.0"));
  expect((await run(["verify"], project)).code).toBe(0);
  await expectNoLeftovers(project);
}

describe("concurrent agentreg processes on one project", () => {
  it("8 add processes started at once all succeed, and every agent ends up in config, lock and folder", async () => {
    const project = await makeTempDir();
    const env = { AGENTREG_CACHE: cache.dir };
    const results = await Promise.all(NAMES.map((name) => startCli(["add", name, "--registry", registry.out], { cwd: project, env }).done));
    expect(results.map((result) => result.code), results.map((result) => result.stderr).join("")).toEqual(NAMES.map(() => 0));
    await expectAllInstalled(project, NAMES);
  });

  it("a lock whose owner process has exited is taken over without waiting", async () => {
    const project = await makeTempDir();
    await writeLock(project, await deadPid());
    const result = await run(["add", "agent-1", "--registry", registry.out], project);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    await expectAllInstalled(project, ["agent-1"]);
  });

  it("a lock held by a live process makes add wait, say so on stderr, and proceed once the lock is gone", async () => {
    const project = await makeTempDir();
    const holder = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    holders.push(holder);
    await writeLock(project, holder.pid ?? -1);

    const add = startCli(["add", "agent-1", "--registry", registry.out], { cwd: project, env: { AGENTREG_CACHE: cache.dir } });
    await add.stderrMatches(new RegExp(`^waiting for another agentreg process \\(pid ${holder.pid}\\)`, "m"));
    await expect(readFile(join(project, "agentreg.json")), "add wrote while the lock was held").rejects.toThrow();
    await rm(join(project, ".agentreg-lock"), { recursive: true });

    expect((await add.done).code).toBe(0);
    await expectAllInstalled(project, ["agent-1"]);
  });

  it("a process that found a dead owner's lock does not delete the lock another process has taken over since", async () => {
    // The race 8 processes meeting a stale lock hit now and then, made deterministic with the lock's
    // test seam: B reads the owner file and finds a dead pid, then waits (onOwnerRead) until A has
    // taken the lock over; B must then see A's live lock and wait for it, not delete it. (The owner
    // file used to be a FIFO here; a FIFO owner file is now refused as not a regular file.)
    const project = await makeTempDir();
    const lockDir = join(project, ".agentreg-lock");
    await writeLock(project, await deadPid());
    // Every read B makes of the busy lock's owner file is counted and can be awaited: the test follows
    // B's steps instead of sleeping and hoping B has got that far.
    let reads = 0;
    let onRead = (): void => undefined;
    const nextRead = (): Promise<void> => new Promise<void>((resolve) => (onRead = resolve));
    let letBGoOn = (): void => undefined;
    const bMayGoOn = new Promise<void>((resolve) => (letBGoOn = resolve));
    const bSawDeadOwner = nextRead();
    const b = acquireProjectLock({
      configDir: project,
      onOwnerRead: async () => {
        reads++;
        onRead();
        if (reads === 1) await bMayGoOn;
      },
    });
    let bHasLock = false;
    void b.then(() => (bHasLock = true));
    await bSawDeadOwner;
    await rm(lockDir, { recursive: true });
    const releaseA = await acquireProjectLock({ configDir: project });
    const ownerA = await readFile(join(lockDir, "owner.json"), "utf8");
    const bReadAgain = nextRead();
    letBGoOn();
    // B acts on the dead owner it read (the stale-lock check and break), then either takes the lock
    // (the bug) or reads the owner file again. It must break nothing: A's owner file stays.
    await Promise.race([bReadAgain, b]);
    expect(await readFile(join(lockDir, "owner.json"), "utf8")).toBe(ownerA);
    // And B keeps waiting for A: one more round of its polling, still without the lock.
    await Promise.race([nextRead(), b]);
    expect(bHasLock).toBe(false);
    await releaseA();
    const releaseB = await b;
    await releaseB();
  });
});
