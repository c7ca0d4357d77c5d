import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  addSeed,
  agentText,
  expectCliError,
  installSeed,
  readJson,
  runCli,
  SEED,
  sha512Sri,
  snapshotTree,
  updateJson,
  useRegistry,
  useTempDirs,
} from "../helpers/fixtures.js";
import { useProjectTemplate } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
/** A project that installed the seed from the builtin registry, copied for each test that starts there. */
const projectWithSeed = useProjectTemplate(installSeed);

/** The exact lockfile of a project holding only the seed: lockfileVersion first, then sorted keys. */
async function expectedSeedLock(): Promise<string> {
  const lock = {
    lockfileVersion: 1,
    agents: {
      [SEED.name]: {
        files: { [SEED.installPath]: sha512Sri(await readFile(SEED.registryFile)) },
        integrity: sha512Sri(await readFile(SEED.tarball)),
        registry: "builtin",
        resolved: `builtin:tarballs/${SEED.name}/${SEED.name}-1.0.0.tgz`,
        version: "1.0.0",
      },
    },
  };
  return `${JSON.stringify(lock, null, 2)}\n`;
}

const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Alpha agent" }) },
  { name: "beta", version: "1.0.0", text: agentText({ name: "beta", description: "Beta agent", tools: ["Read"] }) },
  { name: "beta", version: "1.1.0", text: agentText({ name: "beta", description: "Beta agent", tools: ["Read"], body: "Beta 1.1.\n" }) },
]);

describe("add from the builtin registry", () => {
  it("writes the repaired seed byte for byte, pins ^1.0.0 and locks the sha512 of the tarball and of the file", async () => {
    const project = await makeTempDir();
    const result = await runCli(["add", SEED.name], { cwd: project });

    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`+ ${SEED.name}@1.0.0 -> ${SEED.installPath}`);
    expect(await readFile(join(project, SEED.installPath))).toEqual(await readFile(SEED.registryFile));
    expect(await readFile(join(project, "agentreg.json"), "utf8")).toBe(`{\n  "agents": {\n    "${SEED.name}": "^1.0.0"\n  }\n}\n`);
    expect(await readFile(join(project, "agentreg.lock"), "utf8")).toBe(await expectedSeedLock());
    // Nothing else: no temp files, no cache inside the project.
    expect(Object.keys(await snapshotTree(project))).toEqual([".claude/", ".claude/agents/", SEED.installPath, "agentreg.json", "agentreg.lock"]);
  });

  it("installs the seed with only its two double-encoded emoji repaired (lines 10 and 84), every other line identical", async () => {
    const project = await makeTempDir();
    await addSeed(project);
    const installed = (await readFile(join(project, SEED.installPath), "utf8")).split("\n");
    const original = (await readFile(SEED.sharedFile, "utf8")).split("\n");

    expect(installed).toHaveLength(original.length);
    const differing = installed.flatMap((line, index) => (line === original[index] ? [] : [index + 1]));
    expect(differing).toEqual([10, 84]);
    expect(installed[9]).toBe(original[9]?.replace("ðŸ§¹", "🧹"));
    expect(installed[83]).toBe(original[83]?.replace("ðŸ“‹", "📋"));
  });

  it("writes the same lockfile bytes when adding again and in another folder", async () => {
    const [first, second] = [await makeTempDir(), await makeTempDir()];
    await addSeed(first);
    const lock = await readFile(join(first, "agentreg.lock"), "utf8");

    const again = await runCli(["add", SEED.name], { cwd: first });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`= ${SEED.name}@1.0.0`);
    expect(await readFile(join(first, "agentreg.lock"), "utf8")).toBe(lock);

    await addSeed(second);
    expect(await readFile(join(second, "agentreg.lock"), "utf8")).toBe(lock);
  });

  it.each([
    { spec: SEED.name, recorded: "^1.0.0" },
    { spec: `${SEED.name}@1.0.0`, recorded: "1.0.0" },
    { spec: `${SEED.name}@1`, recorded: "1" },
    { spec: `${SEED.name}@^1.0.0`, recorded: "^1.0.0" },
    { spec: `${SEED.name}@~1.0`, recorded: "~1.0" },
    { spec: `${SEED.name}@1.x`, recorded: "1.x" },
    { spec: `${SEED.name}@latest`, recorded: "^1.0.0" },
  ])("add $spec records $recorded in agentreg.json and locks 1.0.0", async ({ spec, recorded }) => {
    const project = await makeTempDir();
    expect((await runCli(["add", spec], { cwd: project })).code).toBe(0);
    expect(await readJson(join(project, "agentreg.json"))).toEqual({ agents: { [SEED.name]: recorded } });
    expect(await readFile(join(project, "agentreg.lock"), "utf8")).toBe(await expectedSeedLock());
    // The recorded range must satisfy the lock, or the next CI run would fail.
    expect((await runCli(["install", "--frozen"], { cwd: project })).code).toBe(0);
  });

  it("--json prints the change with the locked integrity", async () => {
    const project = await makeTempDir();
    const result = await runCli(["add", SEED.name, "--json"], { cwd: project });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual({
      agents: [expect.objectContaining({ key: SEED.name, version: "1.0.0", range: "^1.0.0", action: "added", integrity: sha512Sri(await readFile(SEED.tarball)) })],
      skipped: [],
      backups: [],
      dryRun: false,
    });
  });

  it("keeps $schema first and the keys of agentreg.json it does not know", async () => {
    const project = await makeTempDir();
    await writeFile(join(project, "agentreg.json"), JSON.stringify({ zeta: 1, agents: {}, $schema: "./schema.json" }));
    expect((await runCli(["add", SEED.name], { cwd: project })).code).toBe(0);
    expect(await readFile(join(project, "agentreg.json"), "utf8")).toBe(
      `${JSON.stringify({ $schema: "./schema.json", agents: { [SEED.name]: "^1.0.0" }, zeta: 1 }, null, 2)}\n`,
    );
  });

  it("--dir installs into that folder, whatever the working directory", async () => {
    const [cwd, project] = [await makeTempDir("cwd"), await makeTempDir()];
    const result = await runCli(["--dir", project, "add", SEED.name], { cwd });
    expect(result.code).toBe(0);
    expect(await readFile(join(project, SEED.installPath))).toEqual(await readFile(SEED.registryFile));
    expect(await snapshotTree(cwd)).toEqual({});
  });
});

describe("add from a folder registry", () => {
  it("installs several agents in one command, resolving each range", async () => {
    const project = await makeTempDir();
    const result = await runCli(["add", "alpha", "beta@~1.0.0", "--registry", registry.out], { cwd: project });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("+ alpha@1.0.0 -> .claude/agents/alpha.md");
    expect(result.stdout).toContain("+ beta@1.0.0 -> .claude/agents/beta.md");
    expect(await readFile(join(project, ".claude/agents/beta.md"), "utf8")).toBe(agentText({ name: "beta", description: "Beta agent", tools: ["Read"] }));
    expect(await readJson(join(project, "agentreg.json"))).toEqual({ agents: { alpha: { version: "^1.0.0", registry: expect.stringMatching(/\/out$/) }, beta: { version: "~1.0.0", registry: expect.stringMatching(/\/out$/) } } });
    const lock = await readJson(join(project, "agentreg.lock"));
    expect(Object.keys(lock.agents)).toEqual(["alpha", "beta"]);
    expect(lock.agents.beta.version).toBe("1.0.0");
    expect(lock.agents.beta.integrity).toBe(sha512Sri(await readFile(join(registry.out, "tarballs/beta/beta-1.0.0.tgz"))));
  });

  it("resolves a major-only range like @1 to the highest 1.x", async () => {
    const project = await makeTempDir();
    expect((await runCli(["add", "beta@1", "--registry", registry.out], { cwd: project })).code).toBe(0);
    expect((await readJson(join(project, "agentreg.lock"))).agents.beta.version).toBe("1.1.0");
    expect(await readFile(join(project, ".claude/agents/beta.md"), "utf8")).toContain("Beta 1.1.");
  });
});

describe("install", () => {
  it("--frozen restores identical bytes after .claude is deleted, and leaves the config and lock alone", async () => {
    const project = await projectWithSeed();
    const before = await snapshotTree(project);
    await rm(join(project, ".claude"), { recursive: true });

    const result = await runCli(["install", "--frozen"], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${SEED.name}@1.0.0`);
    expect(await snapshotTree(project)).toEqual(before);
  });

  it.each([
    { when: "asks for a range the lock does not satisfy", change: { config: { agents: { [SEED.name]: "^2.0.0" } } } },
    { when: "names an agent the lock lacks", change: { config: { agents: { [SEED.name]: "^1.0.0", other: "^1.0.0" } } } },
    { when: "lacks an agent the lock has", change: { config: { agents: {} } } },
    { when: "has no lockfile beside it", change: { deleteLock: true } },
  ])("--frozen fails with E_LOCKFILE and changes nothing when the config $when", async ({ change }) => {
    const project = await projectWithSeed();
    await rm(join(project, ".claude"), { recursive: true });
    if ("config" in change) await writeFile(join(project, "agentreg.json"), JSON.stringify(change.config));
    if ("deleteLock" in change) await rm(join(project, "agentreg.lock"));
    const before = await snapshotTree(project);

    const result = await runCli(["install", "--frozen"], { cwd: project });
    expectCliError(result, "E_LOCKFILE");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("without --frozen resolves a config that has no lockfile yet and writes the same lock add would", async () => {
    const project = await makeTempDir();
    await writeFile(join(project, "agentreg.json"), JSON.stringify({ agents: { [SEED.name]: "^1.0.0" } }));
    const result = await runCli(["install"], { cwd: project });

    expect(result.code).toBe(0);
    expect(await readFile(join(project, SEED.installPath))).toEqual(await readFile(SEED.registryFile));
    expect(await readFile(join(project, "agentreg.lock"), "utf8")).toBe(await expectedSeedLock());
  });

  it("without --frozen resolves agents the lock lacks and keeps the entries it has", async () => {
    const project = await makeTempDir();
    expect((await runCli(["add", "alpha", "--registry", registry.out], { cwd: project })).code).toBe(0);
    const alphaEntry = (await readJson(join(project, "agentreg.lock"))).agents.alpha;
    await updateJson(join(project, "agentreg.json"), (config) => {
      config.agents.beta = "^1.0.0";
    });

    const result = await runCli(["install", "--registry", registry.out], { cwd: project });
    expect(result.code).toBe(0);
    const lock = await readJson(join(project, "agentreg.lock"));
    expect(lock.agents.alpha).toEqual(alphaEntry);
    expect(lock.agents.beta).toMatchObject({ version: "1.1.0", files: { ".claude/agents/beta.md": expect.stringMatching(/^sha512-/) } });
    expect(await readFile(join(project, ".claude/agents/beta.md"), "utf8")).toContain("Beta 1.1.");
    expect((await runCli(["install", "--frozen"], { cwd: project })).code).toBe(0);
  });
  it("deletes the files of agents no longer in agentreg.json and drops them from the lock", async () => {
    const project = await projectWithSeed();
    await writeFile(join(project, "agentreg.json"), JSON.stringify({ agents: {} }));
    const result = await runCli(["install"], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`- ${SEED.name} (no longer in agentreg.json)`);
    expect(await snapshotTree(project)).not.toHaveProperty([SEED.installPath]);
    expect(await readJson(join(project, "agentreg.lock"))).toEqual({ lockfileVersion: 1, agents: {} });
  });
});

describe("--dry-run", () => {
  it.each([
    { command: `add ${SEED.name}`, setup: async () => undefined },
    { command: "install", setup: (dir: string) => writeFile(join(dir, "agentreg.json"), JSON.stringify({ agents: { [SEED.name]: "^1.0.0" } })) },
    { command: "install --frozen", setup: async (dir: string) => { await installSeed(dir); await rm(join(dir, ".claude"), { recursive: true }); } },
    { command: `remove ${SEED.name}`, setup: installSeed },
    { command: "init", setup: async () => undefined },
  ])("$command reports what it would do and writes nothing", async ({ command, setup }) => {
    const project = await makeTempDir();
    await setup(project);
    const before = await snapshotTree(project);

    const result = await runCli(["--dry-run", ...command.split(" ")], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toBe("");
    expect(await snapshotTree(project)).toEqual(before);
  });
});
