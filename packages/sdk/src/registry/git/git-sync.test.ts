// Real git: a prefetched sync (prefetchRegistry) is the one the next git source of the same location,
// cache and environment uses, once; anything else starts its own. GIT_TRACE counts the gits that ran.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registryPaths } from "../protocol.js";
import { createGitSource } from "./git-source.js";
import { prefetchRegistry } from "./prefetch-registry.js";

let root = "";
let location = "";
let base: Record<string, string> = {};
let count = 0;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "agentreg-git-sync-")));
  base = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: root,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
  };
  const work = join(root, "work");
  await mkdir(join(work, "agents"), { recursive: true });
  await writeFile(join(work, "agents/reviewer.md"), "---\nname: reviewer\ndescription: Reviews.\n---\nBody.\n");
  const git = (cwd: string, ...args: string[]): void => void execFileSync("git", args, { cwd, env: base, stdio: "ignore" });
  git(work, "init", "--quiet", "--initial-branch=main");
  git(work, "add", ".");
  git(work, "commit", "--quiet", "-m", "one");
  git(work, "tag", "v1.0.0");
  git(root, "clone", "--quiet", "--bare", work, "remote.git");
  location = `git+file://${join(root, "remote.git")}`;
});

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

/** The gits agentreg runs; the trace also lists those they start (upload-pack, pack-objects, …). */
const OURS = new Set(["fetch", "ls-remote", "for-each-ref", "ls-tree", "cat-file"]);

/** An environment whose gits write their trace to a new file, and a reader of the commands agentreg ran. */
function traced(): { env: Record<string, string>; commands: () => Promise<string[]> } {
  const trace = join(root, `trace-${++count}`);
  return {
    env: { ...base, GIT_TRACE: trace },
    commands: async () => {
      const text = await readFile(trace, "utf8").catch(() => "");
      return text.split("\n").flatMap((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? []).filter((command) => OURS.has(command));
    },
  };
}

async function readIndex(options: { cacheDir: string; env: Record<string, string>; offline?: boolean }): Promise<string[]> {
  const source = await createGitSource({ id: location, location, ...options });
  const index = JSON.parse(new TextDecoder().decode(await source.read(registryPaths.index))) as { agents: Array<{ name: string }> };
  return index.agents.map((agent) => agent.name);
}

async function warmCache(): Promise<string> {
  const cacheDir = await mkdtemp(join(root, "cache-"));
  await readIndex({ cacheDir, env: traced().env });
  return cacheDir;
}

describe("prefetchRegistry", () => {
  it("starts the sync of a new mirror, which the next git source with the same environment takes: one fetch in all", async () => {
    const cacheDir = await mkdtemp(join(root, "cache-"));
    const { env, commands } = traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env } });
    expect(await readIndex({ cacheDir, env })).toEqual(["reviewer"]);
    expect(await commands()).toEqual(["fetch", "for-each-ref", "ls-tree", "cat-file"]);
  });

  it("on a warm mirror starts the ls-remote, taken over once: a second source asks again", async () => {
    const cacheDir = await warmCache();
    const { env, commands } = traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env } });
    expect(await readIndex({ cacheDir, env })).toEqual(["reviewer"]);
    expect(await commands()).toEqual(["ls-remote"]);
    expect(await readIndex({ cacheDir, env })).toEqual(["reviewer"]);
    expect(await commands()).toEqual(["ls-remote", "ls-remote"]);
  });

  it("is not taken by a source given another environment object, or another cache", async () => {
    const cacheDir = await warmCache();
    const { env, commands } = traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env } });
    await readIndex({ cacheDir, env: { ...env } });
    await readIndex({ cacheDir: await warmCache(), env });
    // The prefetch's own, then one of each source's.
    await expect.poll(commands).toEqual(["ls-remote", "ls-remote", "ls-remote"]);
  });

  it("runs nothing offline, with --prefer-offline, without a cache, or for a location that is not a valid git registry", async () => {
    const cacheDir = await warmCache();
    const { env, commands } = traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env, offline: true } });
    prefetchRegistry({ location, network: { cacheDir, variables: env, preferOffline: true } });
    prefetchRegistry({ location, network: { variables: env } });
    prefetchRegistry({ location: "https://registry.example/", network: { cacheDir, variables: env } });
    prefetchRegistry({ location: "github:not valid", network: { cacheDir, variables: env } });
    expect(await readIndex({ cacheDir, env, offline: true })).toEqual(["reviewer"]);
    expect(await commands()).toEqual(["for-each-ref"]);
  });

  it("leaves a failure to the source that takes it: reported as without a prefetch, never unhandled", async () => {
    const cacheDir = await mkdtemp(join(root, "cache-"));
    const { env, commands } = traced();
    const missing = `git+file://${join(root, "no-such.git")}`;
    prefetchRegistry({ location: missing, network: { cacheDir, variables: env } });
    const source = await createGitSource({ id: missing, location: missing, cacheDir, env });
    await expect(source.read(registryPaths.index)).rejects.toMatchObject({ code: "E_NOT_FOUND" });
    expect(await commands()).toEqual(["fetch"]);
    // A prefetch nobody takes fails on its own, quietly (an unhandled rejection would fail this run).
    prefetchRegistry({ location: missing, network: { cacheDir: await mkdtemp(join(root, "cache-")), variables: env } });
    await expect.poll(commands).toEqual(["fetch", "fetch"]);
  });

  it("checks what a program passes it", () => {
    expect(() => prefetchRegistry({ location: 42 } as never)).toThrow(expect.objectContaining({ code: "E_USAGE" }));
    expect(() => prefetchRegistry({ location, network: { cacheDir: 1 } } as never)).toThrow(expect.objectContaining({ code: "E_USAGE" }));
  });
});
