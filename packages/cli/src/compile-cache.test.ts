import { createHash } from "node:crypto";
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTrustedByOwner } from "./code-cache-trust.js";
import { cacheKey, createCompiler } from "./compile-cache.js";

const ME = 1000;
const isRoot = process.getuid?.() === 0;
const FOREIGN_UID = 54321;

describe("isTrustedByOwner", () => {
  it.each([
    ["a private folder of mine", { uid: ME, mode: 0o40700 }, ME, true],
    ["a 0755 folder of mine (the old default)", { uid: ME, mode: 0o40755 }, ME, true],
    ["a 0644 file of mine", { uid: ME, mode: 0o100644 }, ME, true],
    ["a group-writable folder", { uid: ME, mode: 0o40770 }, ME, false],
    ["a world-writable folder", { uid: ME, mode: 0o40707 }, ME, false],
    ["a sticky world-writable folder (/tmp)", { uid: ME, mode: 0o41777 }, ME, false],
    ["a group-writable file", { uid: ME, mode: 0o100664 }, ME, false],
    ["another user's private folder", { uid: 1001, mode: 0o40700 }, ME, false],
    ["another user's folder, as root", { uid: ME, mode: 0o40700 }, 0, false],
    ["root's own folder, as root", { uid: 0, mode: 0o40700 }, 0, true],
    ["anything where there are no POSIX owners (Windows)", { uid: 0, mode: 0o40777 }, undefined, true],
  ])("%s → %s", (_label, stats, uid, expected) => {
    expect(isTrustedByOwner(stats, uid)).toBe(expected);
  });
});

describe("createCompiler", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const tempFolder = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), "agentreg-code-cache-"));
    dirs.push(dir);
    return join(dir, "cache", "code-cache");
  };

  // Two parts of the same length: V8 would run A's cached code for B's source. New texts for every
  // test: V8 keeps the scripts a process compiled, and would answer a repeated text from memory.
  let A = "";
  let B = "";
  let round = 0;
  beforeEach(() => {
    round++;
    A = `module.exports = "AAAA${round}";`;
    B = `module.exports = "BBBB${round}";`;
  });
  const hash = (code: string): string => createHash("sha256").update(code).digest("hex");
  const run = (folder: string | undefined, code: string): unknown => {
    const compiler = createCompiler(folder);
    const module = { exports: undefined as unknown };
    compiler.compile(code, "part.cjs", hash(code))({}, () => undefined, module);
    compiler.flush();
    return module.exports;
  };
  /** Compiles A, then puts A's cache data where B's entry belongs: what an attacker would plant. */
  const plantAUnderB = async (folder: string): Promise<string> => {
    run(folder, A);
    const [entry] = await readdir(folder);
    const planted = join(folder, `part.cjs-${cacheKey(hash(B))}.bin`);
    await writeFile(planted, await readFile(join(folder, entry!)));
    return planted;
  };

  it("creates its folder 0700 and entries 0600, and uses them on the next run", async () => {
    const folder = await tempFolder();
    expect(run(folder, A)).toBe(`AAAA${round}`);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const entries = await readdir(folder);
    expect(entries).toEqual([`part.cjs-${cacheKey(hash(A))}.bin`]);
    expect((await stat(join(folder, entries[0]!))).mode & 0o777).toBe(0o600);
    const before = await stat(join(folder, entries[0]!));
    expect(run(folder, A)).toBe(`AAAA${round}`);
    // Accepted, so not rewritten.
    expect((await stat(join(folder, entries[0]!))).mtimeMs).toBe(before.mtimeMs);
  });

  it("keys entries by content: code of the same length never meets another's entry", async () => {
    const folder = await tempFolder();
    expect(run(folder, A)).toBe(`AAAA${round}`);
    expect(run(folder, B)).toBe(`BBBB${round}`);
    expect(cacheKey(hash(A))).not.toBe(cacheKey(hash(B)));
  });

  it("a planted entry in a private folder of mine is used (the control: planting works)", async () => {
    const folder = await tempFolder();
    await plantAUnderB(folder);
    expect(run(folder, B)).toBe(`AAAA${round}`);
  });

  it("ignores a folder the group may write: a planted entry is not run, and nothing is written", async () => {
    const folder = await tempFolder();
    const planted = await plantAUnderB(folder);
    await chmod(folder, 0o770);
    expect(run(folder, B)).toBe(`BBBB${round}`);
    expect(await readdir(folder)).toHaveLength(2);
    expect(await readFile(planted)).toEqual(await readFile(join(folder, `part.cjs-${cacheKey(hash(A))}.bin`)));
  });

  it("ignores a group-writable entry, and replaces it with its own", async () => {
    const folder = await tempFolder();
    const planted = await plantAUnderB(folder);
    await chmod(planted, 0o660);
    expect(run(folder, B)).toBe(`BBBB${round}`);
    expect((await stat(planted)).mode & 0o777).toBe(0o600);
    expect(run(folder, B)).toBe(`BBBB${round}`);
  });

  it.runIf(isRoot)("as root, ignores an entry owned by another user, and replaces it", async () => {
    const folder = await tempFolder();
    const planted = await plantAUnderB(folder);
    await chown(planted, FOREIGN_UID, FOREIGN_UID);
    expect(run(folder, B)).toBe(`BBBB${round}`);
    expect((await stat(planted)).uid).toBe(0);
  });

  it.runIf(isRoot)("as root, never uses or writes a cache folder owned by another user", async () => {
    const folder = await tempFolder();
    const planted = await plantAUnderB(folder);
    await chown(folder, FOREIGN_UID, FOREIGN_UID);
    await chown(planted, FOREIGN_UID, FOREIGN_UID);
    expect(run(folder, B)).toBe(`BBBB${round}`);
    expect(await readdir(folder)).toHaveLength(2);
  });

  it.runIf(isRoot)("as root, does not create its folder inside another user's cache folder", async () => {
    const folder = await tempFolder();
    await mkdir(join(folder, ".."), { recursive: true });
    await chown(join(folder, ".."), FOREIGN_UID, FOREIGN_UID);
    expect(run(folder, A)).toBe(`AAAA${round}`);
    expect(await readdir(join(folder, ".."))).toEqual([]);
  });

  it("works without a folder, and without a usable one", async () => {
    expect(run(undefined, A)).toBe(`AAAA${round}`);
    const folder = await tempFolder();
    await mkdir(join(folder, ".."), { recursive: true });
    await writeFile(folder, "a file where the folder should be");
    expect(run(folder, A)).toBe(`AAAA${round}`);
  });
});
