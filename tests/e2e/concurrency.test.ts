// Issue 5, "Safety of writes": a process lock (.agentreg-lock/ beside agentreg.json) serialises agentreg
// processes on one project. A second process waits and says so; a lock whose owner is dead is taken over.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, open, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readJson, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { type Handler, staticHandler, useServers } from "../helpers/http-fixtures.js";
import { agentFile, expectNoLeftovers, startCli, useCli, versionsOf } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();
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
    // The race 8 processes meeting a stale lock hit now and then, made deterministic: B reads the
    // owner file (a FIFO, so the test decides when B gets its contents) and finds a dead pid only
    // after A has taken over the lock and is busy (its registry request is held).
    const project = await makeTempDir();
    let aHasLock = (): void => undefined;
    let releaseA = (): void => undefined;
    const aAsked = new Promise<void>((resolve) => (aHasLock = resolve));
    const aMayFinish = new Promise<void>((resolve) => (releaseA = resolve));
    const serve = staticHandler(registry.out);
    const gated: Handler = async (request, response) => {
      if (request.url?.split("?")[0] === "/agents/agent-1.json") {
        aHasLock();
        await aMayFinish;
      }
      return serve(request, response);
    };
    const server = await startServer(gated);
    const env = { AGENTREG_CACHE: cache.dir };
    await mkdir(join(project, ".agentreg-lock"));
    execFileSync("mkfifo", [join(project, ".agentreg-lock/owner.json")]);

    const b = startCli(["add", "agent-2", "--registry", server.url], { cwd: project, env });
    const owner = await open(join(project, ".agentreg-lock/owner.json"), "w"); // resolves once B is reading it
    await rm(join(project, ".agentreg-lock"), { recursive: true });
    const a = startCli(["add", "agent-1", "--registry", server.url], { cwd: project, env });
    await aAsked; // A asks the registry only once it holds the lock
    await owner.write(JSON.stringify({ pid: await deadPid(), hostname: hostname(), startedAt: new Date().toISOString() }));
    await owner.close();

    // A correct B waits for A's live lock (and says so); a B that deleted A's lock runs to the end.
    await Promise.race([b.done, b.stderrMatches(/^waiting for another agentreg process/m)]);
    releaseA();
    const [resultA, resultB] = await Promise.all([a.done, b.done]);
    expect([resultA.code, resultB.code], `A: ${resultA.stderr}\nB: ${resultB.stderr}`).toEqual([0, 0]);
    await expectAllInstalled(project, ["agent-1", "agent-2"]);
  });
});
