// Issue 16: the request prefetchRegistry starts is the one the next call of the same location, cache
// and environment takes over, once; anything else starts its own. Real git; GIT_TRACE counts the gits.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { prefetchRegistry, searchAgents, type NetworkOptions } from "@agentreg/sdk";
import { beforeAll, describe, expect, it } from "vitest";
import { useTempDirs } from "../helpers/fixtures.js";
import { makeReviewerRepo } from "../helpers/git-fixtures.js";

const makeFileDir = useTempDirs("file");
const makeTempDir = useTempDirs();
let location = "";

beforeAll(async () => {
  location = await makeReviewerRepo(await makeFileDir("prefetch-repo"));
});

/** The gits agentreg runs; the trace also lists those they start (upload-pack, pack-objects, …). */
const OURS = new Set(["fetch", "ls-remote", "for-each-ref", "ls-tree", "cat-file"]);

/** An environment whose gits trace to a new file, and a reader of the commands agentreg ran. */
async function traced(): Promise<{ env: Record<string, string>; commands: () => Promise<string[]> }> {
  const trace = join(await makeTempDir("trace"), "git.trace");
  return {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: await makeTempDir("home"), GIT_CONFIG_NOSYSTEM: "1", GIT_TRACE: trace },
    commands: async () => {
      const text = await readFile(trace, "utf8").catch(() => "");
      return text.split("\n").flatMap((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? []).filter((command) => OURS.has(command));
    },
  };
}

/** The names `search` lists from the git registry: a call that opens it (and so takes a prefetch). */
async function search(network: NetworkOptions, registry = location): Promise<string[]> {
  const { results } = await searchAgents({ dir: await makeTempDir(), query: "", registry, network });
  return results.map((hit) => hit.name);
}

async function warmCache(): Promise<string> {
  const cacheDir = await makeTempDir("cache");
  await search({ cacheDir, variables: (await traced()).env });
  return cacheDir;
}

describe("prefetchRegistry", () => {
  it("starts the fetch of a repository not in the cache, which the next call with the same environment takes: one fetch in all", async () => {
    const cacheDir = await makeTempDir("cache");
    const { env, commands } = await traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env } });
    expect(await search({ cacheDir, variables: env })).toEqual(["reviewer"]);
    // The cat-file started beside the fetch peels the refs, walks the tree and reads the files: no
    // git starts after the fetch.
    expect(await commands()).toEqual(["fetch", "cat-file"]);
  });

  it("on a cached repository starts the ls-remote, taken over once: the call after asks again", async () => {
    const cacheDir = await warmCache();
    const { env, commands } = await traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env } });
    expect(await search({ cacheDir, variables: env })).toEqual(["reviewer"]);
    expect(await commands()).toEqual(["ls-remote"]);
    expect(await search({ cacheDir, variables: env })).toEqual(["reviewer"]);
    expect(await commands()).toEqual(["ls-remote", "ls-remote"]);
  });

  it("is not taken by a call given another environment object, or another cache", async () => {
    const cacheDir = await warmCache();
    const { env, commands } = await traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env } });
    await search({ cacheDir, variables: { ...env } });
    await search({ cacheDir: await warmCache(), variables: env });
    // The prefetch's own, then one of each call's.
    await expect.poll(commands).toEqual(["ls-remote", "ls-remote", "ls-remote"]);
  });

  it("runs nothing offline, with preferOffline, without a cache, or for a location that is not a valid git registry", async () => {
    const cacheDir = await warmCache();
    const { env, commands } = await traced();
    prefetchRegistry({ location, network: { cacheDir, variables: env, offline: true } });
    prefetchRegistry({ location, network: { cacheDir, variables: env, preferOffline: true } });
    prefetchRegistry({ location, network: { variables: env } });
    prefetchRegistry({ location: "https://registry.example/", network: { cacheDir, variables: env } });
    prefetchRegistry({ location: "github:not valid", network: { cacheDir, variables: env } });
    expect(await search({ cacheDir, variables: env, offline: true })).toEqual(["reviewer"]);
    expect(await commands()).toEqual(["for-each-ref"]);
  });

  it("leaves a failure to the call that takes it, reported as without a prefetch, and never unhandled", async () => {
    const { env, commands } = await traced();
    const missing = `git+file://${join(await makeTempDir("gone"), "no-such.git")}`;
    const cacheDir = await makeTempDir("cache");
    prefetchRegistry({ location: missing, network: { cacheDir, variables: env } });
    await expect(search({ cacheDir, variables: env }, missing)).rejects.toMatchObject({ code: "E_NOT_FOUND" });
    // The fetch, and the cat-file started beside it for the files it would have brought, which reads
    // nothing (it may log its start after the fetch has already failed).
    await expect.poll(commands).toEqual(["fetch", "cat-file"]);
    // A prefetch nobody takes fails on its own, quietly (an unhandled rejection would fail this run).
    prefetchRegistry({ location: missing, network: { cacheDir: await makeTempDir("cache"), variables: env } });
    await expect.poll(commands).toEqual(["fetch", "cat-file", "fetch", "cat-file"]);
  });

  it("checks what a program passes it", () => {
    expect(() => prefetchRegistry({ location: 42 } as never)).toThrow(expect.objectContaining({ code: "E_USAGE" }));
    expect(() => prefetchRegistry({ location, network: { cacheDir: 1 } } as never)).toThrow(expect.objectContaining({ code: "E_USAGE" }));
  });
});
