// DESIGN §8: "Nothing is installed whose bytes do not match the expected sha512 — no exceptions, no
// 'missing integrity means skip'" and "Bytes are never changed at install".
import { cp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  agentText,
  buildRegistry,
  createRegistrySource,
  flipByte,
  installSeed,
  runCli,
  SEED,
  sha512Sri,
  snapshotTree,
  updateJson,
  useRegistry,
  useTempDirs,
} from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Alpha agent" }) },
  { name: "beta", version: "1.0.0", text: agentText({ name: "beta", description: "Beta agent" }) },
]);

type LockEntry = { integrity?: string; resolved: string; files: Record<string, string> };

const otherSha512 = sha512Sri("other bytes");
const lockTampering: Array<{ tampering: string; change: (entry: LockEntry) => void; refusedWith: RegExp }> = [
  { tampering: "its tarball integrity changed", change: (entry) => void (entry.integrity = otherSha512), refusedWith: /E_INTEGRITY/ },
  { tampering: "its file hash changed", change: (entry) => void (entry.files[SEED.installPath] = otherSha512), refusedWith: /E_INTEGRITY/ },
  { tampering: "no integrity", change: (entry) => void delete entry.integrity, refusedWith: /E_(LOCKFILE|INTEGRITY)/ },
  { tampering: "an empty integrity", change: (entry) => void (entry.integrity = ""), refusedWith: /E_(LOCKFILE|INTEGRITY)/ },
  { tampering: "a sha1 integrity", change: (entry) => void (entry.integrity = "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk="), refusedWith: /E_(LOCKFILE|INTEGRITY)/ },
  {
    tampering: "a resolved path that leaves the registry",
    change: (entry) => void (entry.resolved = "builtin:../../../package.json"),
    refusedWith: /E_(LOCKFILE|REGISTRY|INTEGRITY)/,
  },
];

describe("nothing is installed whose bytes do not match the expected sha512", () => {
  describe.each([{ command: "install --frozen" }, { command: "install" }])("$command", ({ command }) => {
    it.each(lockTampering)("refuses a lock entry with $tampering and writes no agent file", async ({ change, refusedWith }) => {
      const project = await makeTempDir();
      await installSeed(project);
      await rm(join(project, ".claude"), { recursive: true });
      await updateJson(join(project, "agentreg.lock"), (lock) => change(lock.agents[SEED.name]));
      const before = await snapshotTree(project);

      const result = await runCli(command.split(" "), { cwd: project });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^agentreg: ${refusedWith.source} `));
      expect(await snapshotTree(project)).toEqual(before);
    });
  });

  it("install --frozen refuses a registry tarball changed after the lock was written", async () => {
    const reg = join(await makeTempDir("registry"), "reg");
    await cp(registry.out, reg, { recursive: true });
    const project = await makeTempDir();
    expect((await runCli(["add", "alpha", "--registry", reg], { cwd: project })).code).toBe(0);
    await rm(join(project, ".claude"), { recursive: true });
    await flipByte(join(reg, "tarballs/alpha/alpha-1.0.0.tgz"));
    const before = await snapshotTree(project);

    const result = await runCli(["install", "--frozen"], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_INTEGRITY /);
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("one agent failing its integrity check stops the others from being installed", async () => {
    const project = await makeTempDir();
    expect((await runCli(["add", "alpha", "beta", "--registry", registry.out], { cwd: project })).code).toBe(0);
    await rm(join(project, ".claude"), { recursive: true });
    await updateJson(join(project, "agentreg.lock"), (lock) => {
      lock.agents.beta.files[".claude/agents/beta.md"] = otherSha512;
    });
    const before = await snapshotTree(project);

    const result = await runCli(["install", "--frozen"], { cwd: project });
    expect(result.stderr).toMatch(/^agentreg: E_INTEGRITY /);
    expect(await snapshotTree(project)).toEqual(before);
  });
});

describe("bytes are never changed at install", () => {
  it("the seed is installed exactly as the registry file, not re-encoded", async () => {
    const project = await makeTempDir();
    await installSeed(project);
    const installed = await readFile(join(project, SEED.installPath));
    const published = await readFile(SEED.registryFile);
    expect(installed.length).toBe(published.length);
    expect(sha512Sri(installed)).toBe(sha512Sri(published));
  });

  it("an agent with CRLF lines, NFD accents, trailing spaces, tabs and no final newline arrives byte for byte", async () => {
    const text = Buffer.from(
      "---\r\nname: odd\r\ndescription: \"Cafe\u0301 agent \u{1F9F9}\"\r\n---\r\nLine with trailing spaces   \r\n\tTabbed line\r\nNo final newline",
      "utf8",
    );
    const source = await createRegistrySource(join(await makeTempDir("source"), "src"), [{ name: "odd", version: "1.0.0", text }]);
    const out = await buildRegistry(source, join(await makeTempDir("registry"), "out"));
    const project = await makeTempDir();

    expect((await runCli(["add", "odd", "--registry", out], { cwd: project })).code).toBe(0);
    expect(await readFile(join(project, ".claude/agents/odd.md"))).toEqual(text);
  });
});
