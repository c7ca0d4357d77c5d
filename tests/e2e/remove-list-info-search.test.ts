import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  agentText,
  expectCliError,
  installSeed,
  readJson,
  runCli,
  SEED,
  sha512Sri,
  snapshotTree,
  useRegistry,
  useTempDirs,
} from "../helpers/fixtures.js";
import { useProjectTemplate } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
/** A project that installed the seed from the builtin registry, copied for each test that starts there. */
const projectWithSeed = useProjectTemplate(installSeed);

const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Reviews database migrations" }) },
  { name: "beta", version: "1.0.0", text: agentText({ name: "beta", description: "Writes beta release notes", tools: ["Read"] }) },
  { name: "beta", version: "1.1.0", text: agentText({ name: "beta", description: "Writes beta release notes", tools: ["Read"], body: "v1.1\n" }) },
]);

describe("remove", () => {
  it("deletes the agent's file and its entries in agentreg.json and agentreg.lock, and nothing else", async () => {
    const project = await makeTempDir();
    expect((await runCli(["add", "alpha", "beta", "--registry", registry.out], { cwd: project })).code).toBe(0);
    const before = await snapshotTree(project);
    const lockBefore = await readJson(join(project, "agentreg.lock"));

    const result = await runCli(["remove", "alpha"], { cwd: project });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("removed alpha@1.0.0 (.claude/agents/alpha.md)");
    expect(await readJson(join(project, "agentreg.json"))).toEqual({ agents: { beta: { version: "^1.1.0", registry: expect.stringMatching(/\/out$/) } } });
    expect(await readJson(join(project, "agentreg.lock"))).toEqual({ lockfileVersion: 1, agents: { beta: lockBefore.agents.beta } });
    const after = await snapshotTree(project);
    expect(after[".claude/agents/alpha.md"]).toBeUndefined();
    expect(after[".claude/agents/beta.md"]).toBe(before[".claude/agents/beta.md"]);
  });

  it("removes the seed installed from the builtin registry", async () => {
    const project = await projectWithSeed();
    expect((await runCli(["rm", SEED.name], { cwd: project })).code).toBe(0);
    expect(await snapshotTree(project)).not.toHaveProperty(SEED.installPath);
    expect(await readJson(join(project, "agentreg.json"))).toEqual({ agents: {} });
    expect(await readJson(join(project, "agentreg.lock"))).toEqual({ lockfileVersion: 1, agents: {} });
  });

  it.each([
    { names: "not-installed" },
    { names: `${SEED.name} not-installed` },
  ])("remove $names fails with E_NOT_FOUND and removes nothing", async ({ names }) => {
    const project = await projectWithSeed();
    const before = await snapshotTree(project);

    const result = await runCli(["remove", ...names.split(" ")], { cwd: project });
    expectCliError(result, "E_NOT_FOUND");
    expect(result.stderr).toContain("not-installed");
    expect(await snapshotTree(project)).toEqual(before);
  });
});

describe("list", () => {
  it("shows no agents in an empty folder", async () => {
    const project = await makeTempDir();
    expect(await runCli(["list", "--json"], { cwd: project })).toMatchObject({ code: 0, stdout: `${JSON.stringify({ agents: [] }, null, 2)}\n` });
    expect((await runCli(["list"], { cwd: project })).stdout).toContain("no agents");
  });

  it("shows each agent's range, locked version, registry and path", async () => {
    const project = await projectWithSeed();
    const result = await runCli(["list", "--json"], { cwd: project });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      agents: [{ key: SEED.name, scope: "project", range: "^1.0.0", version: "1.0.0", registry: "builtin", path: SEED.installPath, state: "ok" }],
    });
    expect((await runCli(["list"], { cwd: project })).stdout).toContain(`project  ${SEED.name}@1.0.0  ^1.0.0  builtin  ${SEED.installPath}`);
  });

  it.each([
    { state: "edited", change: (project: string) => appendFile(join(project, SEED.installPath), "my note\n") },
    { state: "missing", change: (project: string) => rm(join(project, ".claude"), { recursive: true }) },
  ])("reports a file that is $state", async ({ state, change }) => {
    const project = await projectWithSeed();
    await change(project);
    const json = JSON.parse((await runCli(["list", "--json"], { cwd: project })).stdout) as { agents: Array<{ state: string }> };
    expect(json.agents.map((agent) => agent.state)).toEqual([state]);
    expect((await runCli(["list"], { cwd: project })).stdout).toContain(`[${state}]`);
  });
});

describe("info", () => {
  it("--json shows every version with its integrity, the resolved latest and the tool grants", async () => {
    const result = await runCli(["info", SEED.name, "--json"], { cwd: await makeTempDir() });
    expect(result.code).toBe(0);
    const tarball = await readFile(SEED.tarball);
    expect(JSON.parse(result.stdout)).toMatchObject({
      name: SEED.name,
      registry: "builtin",
      resolved: "1.0.0",
      tools: "all",
      model: "sonnet",
      distTags: { latest: "1.0.0" },
      versions: [{ version: "1.0.0", integrity: sha512Sri(tarball), size: tarball.length }],
    });
  });

  it("prints the name, version and tool grants as text", async () => {
    const result = await runCli(["info", SEED.name], { cwd: await makeTempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${SEED.name}@1.0.0`);
    expect(result.stdout).toMatch(/^tools: all/m);
  });

  it.each([
    { spec: "beta", resolved: "1.1.0" },
    { spec: "beta@~1.0.0", resolved: "1.0.0" },
  ])("info $spec resolves $resolved and lists every version of a folder registry", async ({ spec, resolved }) => {
    const result = await runCli(["info", spec, "--json", "--registry", registry.out], { cwd: await makeTempDir() });
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as { resolved: string; tools: unknown; versions: Array<{ version: string; integrity: string }> };
    expect(info.resolved).toBe(resolved);
    expect(info.tools).toEqual(["Read"]);
    expect(info.versions).toEqual([
      expect.objectContaining({ version: "1.0.0", integrity: sha512Sri(await readFile(join(registry.out, "tarballs/beta/beta-1.0.0.tgz"))) }),
      expect.objectContaining({ version: "1.1.0", integrity: sha512Sri(await readFile(join(registry.out, "tarballs/beta/beta-1.1.0.tgz"))) }),
    ]);
  });

  it("fails with E_NOT_FOUND for an unknown agent", async () => {
    expectCliError(await runCli(["info", "no-such-agent"], { cwd: await makeTempDir() }), "E_NOT_FOUND");
  });
});

describe("search", () => {
  it("--json ranks the seed first for 'backend'", async () => {
    const result = await runCli(["search", "backend", "--json"], { cwd: await makeTempDir() });
    expect(result.code).toBe(0);
    const { registry: searched, results } = JSON.parse(result.stdout) as { registry: string; results: Array<{ name: string; latest: string }> };
    expect(searched).toBe("builtin");
    expect(results[0]).toMatchObject({ name: SEED.name, latest: "1.0.0" });
  });

  it("prints matching agents as text", async () => {
    const result = await runCli(["search", "backend"], { cwd: await makeTempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${SEED.name}@1.0.0`);
  });

  it("finds nothing without failing", async () => {
    const project = await makeTempDir();
    const json = await runCli(["search", "zzz-no-such-words", "--json"], { cwd: project });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ results: [] });
    expect(await runCli(["search", "zzz-no-such-words"], { cwd: project })).toMatchObject({ code: 0, stdout: 'no agents match "zzz-no-such-words"\n' });
  });

  it.each([
    { query: "migrations", found: ["alpha"] },
    { query: "beta", found: ["beta"] },
    { query: "", found: ["alpha", "beta"] },
    { query: "--limit 1", found: ["alpha"] },
  ])("search $query in a folder registry finds $found", async ({ query, found }) => {
    const args = query.split(" ").filter(Boolean);
    const result = await runCli(["search", ...args, "--json", "--registry", registry.out], { cwd: await makeTempDir() });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { results: Array<{ name: string }> }).results.map((hit) => hit.name)).toEqual(found);
  });
});
