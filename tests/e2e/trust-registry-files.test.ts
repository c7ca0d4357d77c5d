// Issue 12: a registry folder is as untrusted as a server. Its files are read as regular files only,
// under the same caps as an HTTP body, so a symlink to /dev/zero or a FIFO is E_REGISTRY at once
// (not gigabytes of reading, not a hang); and every version it names is a canonical semver version,
// so nothing like "v1.0.0" reaches agentreg.json or the lock.
import { execFileSync } from "node:child_process";
import { cp, readFile, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, expectCliError, readJson, runCli, snapshotTree, updateJson, useRegistry, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const ALPHA = agentText({ name: "alpha", description: "Alpha agent" });
const registry = useRegistry([{ name: "alpha", version: "1.0.0", text: ALPHA }]);
const PACKUMENT = "agents/alpha.json";
const TARBALL = "tarballs/alpha/alpha-1.0.0.tgz";
const AGENT_FILE = "agents/alpha/1.0.0/alpha.md";
const MIB = 1024 * 1024;
// A hang or a read of gigabytes outlasts this by far; the refusals take milliseconds.
const TIMEOUT_MS = 15_000;

/** A copy of the built registry (or of its source) that a test may tamper with. */
async function copyOf(which: "out" | "source"): Promise<string> {
  const dir = join(await makeTempDir("registry"), which);
  await cp(registry[which], dir, { recursive: true });
  return dir;
}

/** Puts a FIFO, a symlink to /dev/zero or a symlink to a regular file where `path` was. */
async function replaceWith(kind: "fifo" | "dev-zero" | "symlink", path: string): Promise<void> {
  const original = await readFile(path);
  await rm(path);
  if (kind === "fifo") execFileSync("mkfifo", [path]);
  else if (kind === "dev-zero") await symlink("/dev/zero", path);
  else {
    await writeFile(`${path}.real`, original);
    await symlink(`${path}.real`, path);
  }
}

async function run(args: string[]) {
  const project = await makeTempDir();
  const result = await runCli(args, { cwd: project, env: { AGENTREG_CACHE: await makeTempDir("cache") }, timeoutMs: TIMEOUT_MS });
  return { project, result };
}

describe("a built registry folder serves regular files only", () => {
  it.each([
    { kind: "dev-zero", file: PACKUMENT, says: "is a symlink" },
    { kind: "fifo", file: PACKUMENT, says: "is not a regular file (a FIFO)" },
    { kind: "symlink", file: PACKUMENT, says: "is a symlink" },
    { kind: "dev-zero", file: TARBALL, says: "is a symlink" },
    { kind: "fifo", file: TARBALL, says: "is not a regular file (a FIFO)" },
  ] as const)("add: $file as $kind is E_REGISTRY naming it, and nothing is written", async ({ kind, file, says }) => {
    const out = await copyOf("out");
    await replaceWith(kind, join(out, file));
    const { project, result } = await run(["add", "alpha", "--registry", out]);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toBe(`agentreg: E_REGISTRY ${join(out, file)} ${says}; agentreg reads only regular files there`);
    expect(await snapshotTree(project)).toEqual({});
  });

  it.each(["dev-zero", "fifo"] as const)("search: index.json as %s is E_REGISTRY naming it", async (kind) => {
    const out = await copyOf("out");
    await replaceWith(kind, join(out, "index.json"));
    const { result } = await run(["search", "alpha", "--registry", out]);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toContain(join(out, "index.json"));
  });

  it("a packument of exactly 8 MiB is read; one byte more is E_REGISTRY, as over HTTP", async () => {
    const out = await copyOf("out");
    const packument = await readFile(join(out, PACKUMENT));
    await writeFile(join(out, PACKUMENT), Buffer.concat([packument, Buffer.alloc(8 * MIB - packument.length, 0x20)]));
    expect((await run(["add", "alpha", "--registry", out])).result.code).toBe(0);

    await writeFile(join(out, PACKUMENT), Buffer.concat([packument, Buffer.alloc(8 * MIB + 1 - packument.length, 0x20)]));
    const { project, result } = await run(["add", "alpha", "--registry", out]);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toBe(`agentreg: E_REGISTRY ${join(out, PACKUMENT)} is larger than ${8 * MIB} bytes`);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("a sparse 100 GiB tarball is refused by its size, unread", async () => {
    const out = await copyOf("out");
    await truncate(join(out, TARBALL), 100 * 1024 * MIB);
    const { project, result } = await run(["add", "alpha", "--registry", out]);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toBe(`agentreg: E_REGISTRY ${join(out, TARBALL)} is larger than ${8 * MIB} bytes`);
    expect(await snapshotTree(project)).toEqual({});
  });
});

describe("a registry source folder (built in memory) is read as regular files only", () => {
  it.each([
    { kind: "dev-zero", file: AGENT_FILE, says: "is a symlink" },
    { kind: "fifo", file: AGENT_FILE, says: "is not a regular file (a FIFO)" },
    { kind: "fifo", file: "registry.json", says: "is not a regular file (a FIFO)" },
    { kind: "dev-zero", file: "agents/alpha/agent.json", says: "is a symlink" },
  ] as const)("add: $file as $kind is E_REGISTRY naming it", async ({ kind, file, says }) => {
    const source = await copyOf("source");
    await replaceWith(kind, join(source, file));
    const { project, result } = await run(["add", "alpha", "--registry", source]);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toBe(`agentreg: E_REGISTRY ${join(source, file)} ${says}; agentreg reads only regular files there`);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("registry build refuses an agent file that is a FIFO, and validate reports it", async () => {
    const source = await copyOf("source");
    await replaceWith("fifo", join(source, AGENT_FILE));
    const out = join(await makeTempDir("out"), "public");
    const build = await runCli(["registry", "build", source, "--out", out], { cwd: source, timeoutMs: TIMEOUT_MS });
    expectCliError(build, "E_REGISTRY");
    const validate = await runCli(["validate", source, "--json"], { cwd: source, timeoutMs: TIMEOUT_MS });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(`${join(source, AGENT_FILE)} is not a regular file (a FIFO)`);
  });
});

describe("versions in a registry are canonical semver", () => {
  it.each([
    // Before the check, this one installed and locked "v1.0.0" (and wrote "^v1.0.0" to agentreg.json).
    { what: "version v1.0.0 tagged latest", change: (json: Record<string, any>) => ((json.versions = { "v1.0.0": json.versions["1.0.0"] }), (json.distTags = { latest: "v1.0.0" })), says: "distTags.latest: not a semver version" },
    { what: "a version key v1.0.0", change: (json: Record<string, any>) => (json.versions = { "v1.0.0": json.versions["1.0.0"] }), says: "versions.v1.0.0: the key is not a semver version" },
    { what: "a version key with a space", change: (json: Record<string, any>) => (json.versions = { " 1.0.0": json.versions["1.0.0"] }), says: "versions. 1.0.0: the key is not a semver version" },
    { what: "a dist-tag naming =1.0.0", change: (json: Record<string, any>) => (json.distTags = { latest: "=1.0.0" }), says: "distTags.latest: not a semver version" },
  ])("a packument with $what is E_REGISTRY naming it; nothing reaches agentreg.json or the lock", async ({ change, says }) => {
    const out = await copyOf("out");
    await updateJson(join(out, PACKUMENT), change);
    const { project, result } = await run(["add", "alpha", "--registry", out]);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toContain(`${join(out, PACKUMENT)} does not follow the registry protocol (`);
    expect(result.stderr.split("\n")[0]).toContain(says);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("an index whose latest is v1.0.0 is E_REGISTRY for search", async () => {
    const out = await copyOf("out");
    await updateJson(join(out, "index.json"), (json) => (json.agents[0].latest = "v1.0.0"));
    const { result } = await run(["search", "alpha", "--registry", out]);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toContain(`${join(out, "index.json")} does not follow the registry protocol (agents.0.latest: not a semver version`);
  });

  it("the untouched registry still installs (the checks refuse only what is wrong)", async () => {
    const { project, result } = await run(["add", "alpha", "--registry", registry.out]);
    expect(result.code).toBe(0);
    expect((await readJson(join(project, "agentreg.lock"))).agents.alpha.version).toBe("1.0.0");
  });
});
