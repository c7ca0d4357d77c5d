// Issue 12: the CLI's V8 code cache is executable input (V8 accepts cached code for any source of the
// same length), so the built CLI uses it only from a folder and files that no one but the current
// user could have written: created 0700/0600, and a group-writable folder or another user's entry
// is neither read nor trusted. A planted FIFO shows "not read" (reading it would hang the CLI).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, chown, copyFile, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBundledParts } from "../../packages/cli/src/bundled-parts.js";
import { CLI_PATH, runCli, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const isRoot = process.getuid?.() === 0;
const FOREIGN_UID = 54321;

/** Runs `agentreg list` (it loads the compiled core) with its own user cache folder. */
async function listWithCache(cacheHome: string) {
  const project = await makeTempDir();
  return runCli(["list"], { cwd: project, env: { XDG_CACHE_HOME: cacheHome, AGENTREG_NO_CODE_CACHE: undefined }, timeoutMs: 15_000 });
}

/** A cache home whose code cache holds the entries of one ordinary run. */
async function warmCache(): Promise<{ folder: string; core: string }> {
  const cacheHome = await makeTempDir("cache-home");
  expect((await listWithCache(cacheHome)).code).toBe(0);
  const folder = join(cacheHome, "agentreg", "code-cache");
  const core = (await readdir(folder)).find((name) => name.startsWith("agentreg-core.cjs-"));
  if (core === undefined) throw new Error(`no core entry in ${folder}`);
  return { folder, core: join(folder, core) };
}

/** Replaces a cache entry with a FIFO: a CLI that reads it waits forever for a writer. */
async function plantFifo(path: string): Promise<void> {
  await rm(path);
  execFileSync("mkfifo", [path]);
}

describe("the code cache", () => {
  it("is created private: the folder 0700, its entries 0600", async () => {
    const { folder, core } = await warmCache();
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(core)).mode & 0o777).toBe(0o600);
  });

  it("in a folder the group may write, is not read (a planted FIFO does not hang the CLI) and not written", async () => {
    const { folder, core } = await warmCache();
    await plantFifo(core);
    await chmod(folder, 0o770);
    const before = (await readdir(folder)).sort();
    const result = await listWithCache(join(folder, "../.."));
    expect(result.code).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(before);
    expect((await stat(core)).isFIFO()).toBe(true);
  });

  it("skips an entry that is not a regular file, and replaces it", async () => {
    const { folder, core } = await warmCache();
    await plantFifo(core);
    const result = await listWithCache(join(folder, "../.."));
    expect(result.code).toBe(0);
    expect((await stat(core)).isFile()).toBe(true);
  });

  it.runIf(isRoot)("as root, does not trust an entry owned by another user: it is replaced by its own", async () => {
    const { folder, core } = await warmCache();
    // A valid entry, as the other user could have copied it: only its owner differs.
    await copyFile(core, `${core}.copy`);
    await rm(core);
    await copyFile(`${core}.copy`, core);
    await rm(`${core}.copy`);
    await chown(core, FOREIGN_UID, FOREIGN_UID);
    expect((await listWithCache(join(folder, "../.."))).code).toBe(0);
    expect((await stat(core)).uid).toBe(0);
    expect((await stat(core)).mode & 0o777).toBe(0o600);
  });

  it.runIf(isRoot)("as root, never reads or writes a cache folder owned by another user", async () => {
    const { folder, core } = await warmCache();
    await plantFifo(core);
    await chown(folder, FOREIGN_UID, FOREIGN_UID);
    const before = (await readdir(folder)).sort();
    expect((await listWithCache(join(folder, "../.."))).code).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(before);
    expect((await stat(core)).isFIFO()).toBe(true);
  });

  it("is keyed by the content of each bundled part, hashed at build time", async () => {
    const parts = parseBundledParts(await readFile(CLI_PATH, "latin1"));
    expect([...(parts?.keys() ?? [])].sort()).toEqual(["core", "tar/header", "tar/parse", "undici"]);
    for (const [name, part] of parts ?? []) {
      expect(part.hash, name).toBe(createHash("sha256").update(part.code, "latin1").digest("hex"));
    }
  });
});
