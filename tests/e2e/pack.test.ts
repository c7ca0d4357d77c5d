// `agentreg pack`: the tarball an agent file becomes is the one a registry serves, byte for byte.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliError, runCli, SEED, sha512Sri, snapshotTree, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

describe("pack", () => {
  it("writes the same bytes as the registry's tarball and prints their sha512", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, `${SEED.name}.md`), await readFile(SEED.registryFile));
    const result = await runCli(["pack", `${SEED.name}.md`, "--out", "out", "--json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const packed = await readFile(join(dir, "out", `${SEED.name}.tgz`));
    expect(packed.equals(await readFile(SEED.tarball))).toBe(true);
    expect(JSON.parse(result.stdout)).toMatchObject({ name: SEED.name, integrity: sha512Sri(packed), size: packed.length });
  });

  it("packing twice gives identical bytes", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "alpha.md"), "---\nname: alpha\ndescription: Alpha agent\ntools: Read\n---\nBody.\n");
    expect((await runCli(["pack", "alpha.md", "--out", "a"], { cwd: dir })).code).toBe(0);
    expect((await runCli(["pack", "alpha.md", "--out", "b"], { cwd: dir })).code).toBe(0);
    expect((await readFile(join(dir, "a/alpha.tgz"))).equals(await readFile(join(dir, "b/alpha.tgz")))).toBe(true);
  });

  it("refuses a file Claude Code would not load, naming the line, and writes nothing", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "alpha.md"), "---\nname: alpha\n---\nBody.\n");
    const before = await snapshotTree(dir);
    const result = await runCli(["pack", "alpha.md", "--out", "out"], { cwd: dir });
    expectCliError(result, "E_INVALID_AGENT");
    expect(result.stderr).toContain("alpha.md:1");
    expect(await snapshotTree(dir)).toEqual(before);
  });
});
