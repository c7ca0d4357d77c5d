// Issue 5, "Commands": outdated, update, verify and diff keep a project in step with its registry and
// say exactly where the files on disk stray from agentreg.lock.
import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliError, jsonError, readJson, snapshotTree, updateJson, useRegistry, setWantedRange } from "../helpers/fixtures.js";
import { addAt100, agentFile, useCli, useProjectTemplate, versionsOf } from "../helpers/project-fixtures.js";

const { run } = useCli();
const registry = useRegistry([...versionsOf("alpha", ["1.0.0", "1.1.0", "2.0.0"]), ...versionsOf("beta", ["1.0.0", "1.1.0"])]);

/** alpha and beta locked at 1.0.0 with the range ^1.0.0: alpha may move to 1.1.0 (latest 2.0.0), beta to 1.1.0. */
const projectAt100 = useProjectTemplate((project) => addAt100(run, project, registry.out, ["alpha", "beta"]));

const lockedVersions = async (project: string): Promise<Record<string, string>> =>
  Object.fromEntries(Object.entries((await readJson(join(project, "agentreg.lock"))).agents).map(([key, entry]) => [key, (entry as { version: string }).version]));
const agentOnDisk = (project: string, name: string): Promise<string> => readFile(join(project, `.claude/agents/${name}.md`), "utf8");

describe("outdated", () => {
  it("lists current, wanted (the highest in range) and latest, and exits 0 even when agents are outdated", async () => {
    const result = await run(["outdated"], await projectAt100());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^agent\s+current\s+wanted\s+latest$/m);
    expect(result.stdout).toMatch(/^alpha\s+1\.0\.0\s+1\.1\.0\s+2\.0\.0$/m);
    expect(result.stdout).toMatch(/^beta\s+1\.0\.0\s+1\.1\.0\s+1\.1\.0$/m);
  });

  it("--json gives key, range, registry, current, wanted, latest and outdated for every agent", async () => {
    const project = await projectAt100();
    const result = await run(["outdated", "--json"], project);
    expect(result.code).toBe(0);
    const { registry: locked } = (await readJson(join(project, "agentreg.lock"))).agents.alpha;
    expect(JSON.parse(result.stdout)).toEqual({
      agents: [
        { key: "alpha", range: "^1.0.0", registry: locked, current: "1.0.0", wanted: "1.1.0", latest: "2.0.0", outdated: true },
        { key: "beta", range: "^1.0.0", registry: locked, current: "1.0.0", wanted: "1.1.0", latest: "1.1.0", outdated: true },
      ],
    });
  });

  it("says all agents are up to date once each is at its latest version", async () => {
    const project = await projectAt100();
    expect((await run(["update", "--latest"], project)).code).toBe(0);
    const result = await run(["outdated"], project);
    expect(result).toMatchObject({ code: 0, stdout: "all agents are up to date\n" });
  });
});

describe("update", () => {
  it("moves each agent to the highest version its range allows, prints `name old → new`, and rewrites lock and files", async () => {
    const project = await projectAt100();
    const result = await run(["update"], project);
    expect(result).toMatchObject({ code: 0, stdout: "alpha 1.0.0 → 1.1.0\nbeta 1.0.0 → 1.1.0\n" });
    expect(await lockedVersions(project)).toEqual({ alpha: "1.1.0", beta: "1.1.0" });
    expect(await agentOnDisk(project, "alpha")).toBe(agentFile("alpha", "1.1.0"));
    expect(await agentOnDisk(project, "beta")).toBe(agentFile("beta", "1.1.0"));
    expect((await readJson(join(project, "agentreg.json"))).agents).toEqual({ alpha: { version: "^1.0.0", registry: expect.stringMatching(/\/out$/) }, beta: { version: "^1.0.0", registry: expect.stringMatching(/\/out$/) } });
    expect((await run(["verify"], project)).code).toBe(0);
  });

  it("--latest moves to the latest version and rewrites the range to ^latest", async () => {
    const project = await projectAt100();
    const result = await run(["update", "alpha", "--latest"], project);
    expect(result).toMatchObject({ code: 0, stdout: "alpha 1.0.0 → 2.0.0\n" });
    expect((await readJson(join(project, "agentreg.json"))).agents).toEqual({ alpha: { version: "^2.0.0", registry: expect.stringMatching(/\/out$/) }, beta: { version: "^1.0.0", registry: expect.stringMatching(/\/out$/) } });
    expect(await lockedVersions(project)).toEqual({ alpha: "2.0.0", beta: "1.0.0" });
    expect(await agentOnDisk(project, "alpha")).toBe(agentFile("alpha", "2.0.0"));
  });

  it("--dry-run prints the moves and writes nothing", async () => {
    const project = await projectAt100();
    const before = await snapshotTree(project);
    const result = await run(["update", "--dry-run"], project);
    expect(result).toMatchObject({ code: 0, stdout: "alpha 1.0.0 → 1.1.0\nbeta 1.0.0 → 1.1.0\ndry run: nothing was written\n" });
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("update <name> moves only that agent", async () => {
    const project = await projectAt100();
    const beta = await agentOnDisk(project, "beta");
    expect(await run(["update", "alpha"], project)).toMatchObject({ code: 0, stdout: "alpha 1.0.0 → 1.1.0\n" });
    expect(await lockedVersions(project)).toEqual({ alpha: "1.1.0", beta: "1.0.0" });
    expect(await agentOnDisk(project, "beta")).toBe(beta);
  });

  it("update of a name that is not in agentreg.json fails with E_NOT_FOUND and changes nothing", async () => {
    const project = await projectAt100();
    const before = await snapshotTree(project);
    const result = await run(["update", "gamma"], project);
    expectCliError(result, "E_NOT_FOUND");
    expect(result.stderr).toContain("gamma");
    expect(await snapshotTree(project)).toEqual(before);
  });
});

describe("verify", () => {
  it("exits 0 and lists every agent as ok when each file matches its locked sha512", async () => {
    const result = await run(["verify"], await projectAt100());
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^ok\s+alpha@1\.0\.0\s+\.claude\/agents\/alpha\.md$/m);
    expect(result.stdout).toMatch(/^ok\s+beta@1\.0\.0\s+\.claude\/agents\/beta\.md$/m);
  });

  it("exits 1 with E_LOCAL_EDIT naming an edited agent", async () => {
    const project = await projectAt100();
    await appendFile(join(project, ".claude/agents/beta.md"), "my note\n");
    const result = await run(["verify"], project);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^edited\s+beta@1\.0\.0/m);
    expect(result.stderr).toMatch(/^agentreg: E_LOCAL_EDIT beta \(edited\)/);
    expect(result.stderr).not.toMatch(/alpha/);
  });

  it("exits 1 with E_LOCKFILE naming an agent whose file is missing", async () => {
    const project = await projectAt100();
    await rm(join(project, ".claude/agents/alpha.md"));
    const result = await run(["verify"], project);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_LOCKFILE alpha \(missing\)/);
  });

  it("exits 1 with E_LOCKFILE naming an agent that is in agentreg.json but not in agentreg.lock", async () => {
    const project = await projectAt100();
    await updateJson(join(project, "agentreg.json"), (json) => setWantedRange(json, "gamma", "^1.0.0"));
    const result = await run(["verify"], project);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_LOCKFILE gamma \(not-locked\)/);
  });

  it("--json prints ok, agents and problems on stdout and the error as JSON on stderr", async () => {
    const project = await projectAt100();
    await appendFile(join(project, ".claude/agents/alpha.md"), "my note\n");
    const result = await run(["verify", "--json"], project);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.agents.map((a: { key: string; state: string }) => [a.key, a.state])).toEqual([["alpha", "edited"], ["beta", "ok"]]);
    expect(report.problems).toEqual([expect.objectContaining({ key: "alpha", state: "edited", version: "1.0.0", path: ".claude/agents/alpha.md" })]);
    expect(jsonError(result).code).toBe("E_LOCAL_EDIT");
    expect(JSON.parse((await run(["verify", "--json"], await projectAt100())).stdout).ok).toBe(true);
  });
});

describe("diff", () => {
  it("shows the user's added line with + between the locked version and the file on disk", async () => {
    const project = await projectAt100();
    await appendFile(join(project, ".claude/agents/alpha.md"), "Always answer in French.\n");
    const result = await run(["diff", "alpha"], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^--- alpha@1\.0\.0\n\+\+\+ \.claude\/agents\/alpha\.md\n@@ /);
    expect(result.stdout).toMatch(/^\+Always answer in French\.$/m);
    expect(result.stdout).not.toMatch(/^-(?!-- )/m);
  });

  it("says there are no differences for an agent nobody edited", async () => {
    const result = await run(["diff", "alpha"], await projectAt100());
    expect(result).toMatchObject({ code: 0, stdout: "no differences between alpha@1.0.0 and .claude/agents/alpha.md\n" });
  });

  it("--to <version> shows the lines moving to that version would change in the file on disk", async () => {
    const result = await run(["diff", "alpha", "--to", "1.1.0"], await projectAt100());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^--- \.claude\/agents\/alpha\.md\n\+\+\+ alpha@1\.1\.0\n/);
    expect(result.stdout).toMatch(/^-You are alpha 1\.0\.0\.$/m);
    expect(result.stdout).toMatch(/^\+You are alpha 1\.1\.0\.$/m);
  });

  it("fails with E_NOT_FOUND for an agent that is not installed", async () => {
    const result = await run(["diff", "gamma"], await projectAt100());
    expectCliError(result, "E_NOT_FOUND");
    expect(result.stderr).toContain("gamma");
  });
});
