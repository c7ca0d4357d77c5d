// Issue 15: the CLI uses Node's own compile cache (`module.enableCompileCache`, Node ≥ 22.1) in the
// user's cache folder, created private; on an older Node it runs without one and creates nothing.
// Node checks each entry against a hash of the module's source, so unlike the hand-made V8 cache it
// replaces, the CLI never reads or keys entries itself: what it still owns is where they live.
import { lstat, readdir } from "node:fs/promises";
import * as nodeModule from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const nodeHasCompileCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function";

/** `agentreg list` (it loads dist/core.cjs) with a cache home of its own; returns that home. */
async function listWithCacheHome(): Promise<string> {
  const cacheHome = await makeTempDir("cache-home");
  const result = await runCli(["list"], { cwd: await makeTempDir(), env: { XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined } });
  expect(result.code, result.stderr).toBe(0);
  return cacheHome;
}

describe("Node's compile cache", () => {
  it.runIf(nodeHasCompileCache)("holds the CLI's compiled chunks in the user's cache folder, created 0700", async () => {
    const folder = join(await listWithCacheHome(), "agentreg", "compile-cache");
    expect((await lstat(folder)).mode & 0o777).toBe(0o700);
    // Node keeps one folder per Node version, with an entry per compiled module.
    const [tag] = await readdir(folder);
    expect(tag).toBeDefined();
    expect((await readdir(join(folder, tag!))).length).toBeGreaterThan(0);
  });

  it.runIf(!nodeHasCompileCache)("is not there on this Node: the CLI runs without it and creates no folder for it", async () => {
    const cacheHome = await listWithCacheHome();
    expect(await readdir(cacheHome)).toEqual([]);
  });
});
