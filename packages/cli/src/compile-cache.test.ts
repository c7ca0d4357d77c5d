import { chmod, chown, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { enableCompileCache, isPrivateToOwner } from "./compile-cache.js";

const ME = 1000;
const uid = process.getuid?.();
const isRoot = uid === 0;
const FOREIGN_UID = 54321;

describe("isPrivateToOwner", () => {
  it.each([
    ["a private folder of mine", { uid: ME, mode: 0o40700 }, ME, true],
    ["a 0755 folder of mine", { uid: ME, mode: 0o40755 }, ME, true],
    ["a group-writable folder", { uid: ME, mode: 0o40770 }, ME, false],
    ["a world-writable folder", { uid: ME, mode: 0o40707 }, ME, false],
    ["a sticky world-writable folder (/tmp)", { uid: ME, mode: 0o41777 }, ME, false],
    ["another user's private folder", { uid: 1001, mode: 0o40700 }, ME, false],
    ["another user's folder, as root", { uid: ME, mode: 0o40700 }, 0, false],
    ["root's own folder, as root", { uid: 0, mode: 0o40700 }, 0, true],
    ["anything where there are no POSIX owners (Windows)", { uid: 0, mode: 0o40777 }, undefined, true],
  ])("%s → %s", (_label, stats, owner, expected) => {
    expect(isPrivateToOwner(stats, owner)).toBe(expected);
  });
});

describe("enableCompileCache", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  /** A missing compile-cache folder inside a fresh cache folder. */
  const cacheFolder = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), "agentreg-compile-cache-"));
    dirs.push(dir);
    return join(dir, "agentreg", "compile-cache");
  };
  /** Node's `module.enableCompileCache`, recording the folders it was given. */
  const fakeNode = () => {
    const folders: string[] = [];
    return { folders, enable: (folder: string) => folders.push(folder) };
  };

  it("does nothing on a Node without a compile cache (Node 20): no folder is created", async () => {
    const folder = await cacheFolder();
    expect(enableCompileCache({ enable: undefined, folder, uid })).toBe(false);
    expect(await readdir(join(folder, "../.."))).toEqual([]);
  });

  it.runIf(process.platform === "linux")("by default uses compile-cache in the user's cache folder, never the shared temp folder Node would pick", async () => {
    const folder = await cacheFolder();
    vi.stubEnv("XDG_CACHE_HOME", join(folder, "../.."));
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable })).toBe(true);
    expect(node.folders).toEqual([folder]);
  });

  it("creates its folder private (0700) and gives it to Node", async () => {
    const folder = await cacheFolder();
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable, folder, uid })).toBe(true);
    expect(node.folders).toEqual([folder]);
    expect((await lstat(folder)).mode & 0o777).toBe(0o700);
  });

  it("uses an existing private folder as it is", async () => {
    const folder = await cacheFolder();
    await mkdir(folder, { recursive: true, mode: 0o755 });
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable, folder, uid })).toBe(true);
    expect((await lstat(folder)).mode & 0o777).toBe(0o755);
  });

  it.each([
    ["the group may write", 0o770],
    ["anyone may write", 0o777],
  ])("does not use a folder %s (another user could plant compiled code)", async (_label, mode) => {
    const folder = await cacheFolder();
    await mkdir(folder, { recursive: true });
    await chmod(folder, mode);
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable, folder, uid })).toBe(false);
    expect(node.folders).toEqual([]);
  });

  it("does not use a symlink, even to a private folder", async () => {
    const folder = await cacheFolder();
    await mkdir(`${folder}-real`, { recursive: true, mode: 0o700 });
    await symlink(`${folder}-real`, folder);
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable, folder, uid })).toBe(false);
  });

  it("runs without the cache where the folder cannot be made (a file in the way)", async () => {
    const folder = await cacheFolder();
    await writeFile(join(folder, ".."), "a file where the folder should be");
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable, folder, uid })).toBe(false);
  });

  it.runIf(isRoot)("as root, does not use a folder owned by another user", async () => {
    const folder = await cacheFolder();
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await chown(folder, FOREIGN_UID, FOREIGN_UID);
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable, folder, uid: 0 })).toBe(false);
  });

  it.runIf(isRoot)("as root, does not create its folder inside another user's cache folder", async () => {
    const folder = await cacheFolder();
    await mkdir(join(folder, ".."), { recursive: true });
    await chown(join(folder, ".."), FOREIGN_UID, FOREIGN_UID);
    const node = fakeNode();
    expect(enableCompileCache({ enable: node.enable, folder, uid: 0 })).toBe(false);
    expect(await readdir(join(folder, ".."))).toEqual([]);
  });
});
