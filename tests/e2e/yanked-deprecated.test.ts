// Issue 5, "Yanked versions": resolution never chooses a yanked version, yet a lock pinned to one still
// installs (with a warning); a deprecated version installs with its deprecation message shown.
// A registry source's agents/<name>/agent.json holds `yanks` and `deprecations`; --registry pointed at the
// source folder builds it in memory, and `registry build` publishes it for HTTP clients.
import { cp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRegistry, expectCliError, readJson, snapshotTree, updateJson, useRegistry, useTempDirs, setWantedRange } from "../helpers/fixtures.js";
import { staticHandler, useServers } from "../helpers/http-fixtures.js";
import { agentFile, useCli, versionsOf } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();
const { run } = useCli();
const registry = useRegistry(versionsOf("alpha", ["1.0.0", "1.1.0", "2.0.0"]));

/** A copy of the registry source this test may change, and a way to set yanks and deprecations in it. */
async function ownSource() {
  const source = join(await makeTempDir("registry"), "src");
  await cp(registry.source, source, { recursive: true });
  const mark = (meta: { yanks?: string[]; deprecations?: Record<string, string> }) =>
    updateJson(join(source, "agents/alpha/agent.json"), (json) => Object.assign(json, meta));
  return { source, mark };
}

const locked = async (project: string): Promise<string> => (await readJson(join(project, "agentreg.lock"))).agents.alpha.version;
const onDisk = (project: string): Promise<string> => readFile(join(project, ".claude/agents/alpha.md"), "utf8");

describe("resolution never picks a yanked version", () => {
  it("a range skips the yanked version, and asking for it exactly fails with E_NO_MATCH", async () => {
    const { source, mark } = await ownSource();
    await mark({ yanks: ["1.1.0"] });
    const project = await makeTempDir();
    expect((await run(["add", "alpha@^1.0.0", "--registry", source], project)).code).toBe(0);
    expect(await locked(project)).toBe("1.0.0");

    const before = await snapshotTree(project);
    expectCliError(await run(["add", "alpha@1.1.0", "--registry", source], project), "E_NO_MATCH");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("a yanked latest is passed over: add picks the highest version that is not yanked", async () => {
    const { source, mark } = await ownSource();
    await mark({ yanks: ["2.0.0"] });
    const project = await makeTempDir();
    expect((await run(["add", "alpha", "--registry", source], project)).code).toBe(0);
    expect(await locked(project)).toBe("1.1.0");
    expect((await readJson(join(project, "agentreg.json"))).agents).toEqual({ alpha: { version: "^1.1.0", registry: expect.stringMatching(/\/(out|src)$/) } });
  });

  it("outdated does not want a yanked version and update does not move to it", async () => {
    const { source, mark } = await ownSource();
    const project = await makeTempDir();
    expect((await run(["add", "alpha@1.0.0", "--registry", source], project)).code).toBe(0);
    await updateJson(join(project, "agentreg.json"), (json) => setWantedRange(json, "alpha", "^1.0.0"));
    await mark({ yanks: ["1.1.0"] });

    const outdated = JSON.parse((await run(["outdated", "--json"], project)).stdout).agents;
    expect(outdated).toEqual([expect.objectContaining({ current: "1.0.0", wanted: "1.0.0", latest: "2.0.0" })]);
    expect(await run(["update"], project)).toMatchObject({ code: 0, stdout: "all agents are up to date\n" });
    expect(await locked(project)).toBe("1.0.0");
  });
});

describe("a locked version yanked since the install still installs", () => {
  async function lockedAt110ThenYanked() {
    const { source, mark } = await ownSource();
    const project = await makeTempDir();
    expect((await run(["add", "alpha@^1.0.0", "--registry", source], project)).code).toBe(0);
    expect(await locked(project)).toBe("1.1.0");
    await mark({ yanks: ["1.1.0"] });
    const lockText = await readFile(join(project, "agentreg.lock"), "utf8");
    await rm(join(project, ".claude"), { recursive: true });
    return { project, lockText };
  }

  it("install restores it from the lock and warns on stderr that it was yanked", async () => {
    const { project, lockText } = await lockedAt110ThenYanked();
    const result = await run(["install"], project);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: alpha@1.1.0 was yanked from its registry; installed from the lockfile");
    expect(await onDisk(project)).toBe(agentFile("alpha", "1.1.0"));
    expect(await readFile(join(project, "agentreg.lock"), "utf8")).toBe(lockText);
  });

  it("install warns about the yank even when the file is already in place, and outdated says why wanted is lower", async () => {
    const { source, mark } = await ownSource();
    const project = await makeTempDir();
    expect((await run(["add", "alpha@^1.0.0", "--registry", source], project)).code).toBe(0);
    await mark({ yanks: ["1.1.0"] });
    const result = await run(["install"], project);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: alpha@1.1.0 was yanked from its registry");
    const outdated = await run(["outdated"], project);
    expect(outdated.stdout).toMatch(/^alpha\s+1\.1\.0\s+1\.0\.0\s+2\.0\.0$/m);
    expect(outdated.stdout).toContain("note: alpha: 1.1.0 was yanked; `agentreg update alpha` moves to 1.0.0");
  });

  it("install --frozen installs it too", async () => {
    const { project, lockText } = await lockedAt110ThenYanked();
    expect((await run(["install", "--frozen"], project)).code).toBe(0);
    expect(await onDisk(project)).toBe(agentFile("alpha", "1.1.0"));
    expect(await readFile(join(project, "agentreg.lock"), "utf8")).toBe(lockText);
  });
});

describe("a deprecated version installs with its deprecation message shown", () => {
  it("add of a deprecated version prints `deprecated: <message>` on stderr, and so does install from the lock", async () => {
    const { source, mark } = await ownSource();
    await mark({ deprecations: { "1.0.0": "use 2.x" } });
    const project = await makeTempDir();
    const added = await run(["add", "alpha@1.0.0", "--registry", source], project);
    expect(added.code).toBe(0);
    expect(added.stderr).toContain("warning: alpha@1.0.0 is deprecated: use 2.x");
    expect(await onDisk(project)).toBe(agentFile("alpha", "1.0.0"));

    await rm(join(project, ".claude"), { recursive: true });
    const installed = await run(["install"], project);
    expect(installed.code).toBe(0);
    expect(installed.stderr).toContain("deprecated: use 2.x");
  });

  it("a version that is not deprecated installs without the warning", async () => {
    const { source, mark } = await ownSource();
    await mark({ deprecations: { "1.0.0": "use 2.x" } });
    const result = await run(["add", "alpha@2.0.0", "--registry", source], await makeTempDir());
    expect(result).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("yanks and deprecations published with `registry build` reach an HTTP registry's users", () => {
  it("the built registry refuses the yanked version to resolution, installs it from a lock with a warning, and shows the deprecation", async () => {
    const { source, mark } = await ownSource();
    const out = join(await makeTempDir("built"), "out");
    await buildRegistry(source, out);
    const server = await startServer(staticHandler(out));
    const project = await makeTempDir();
    expect((await run(["add", "alpha@^1.0.0", "--registry", server.url], project)).code).toBe(0);
    expect(await locked(project)).toBe("1.1.0");

    await mark({ yanks: ["1.1.0"], deprecations: { "1.0.0": "use 2.x" } });
    await buildRegistry(source, out);
    await rm(join(project, ".claude"), { recursive: true });
    const installed = await run(["install"], project);
    expect(installed.code).toBe(0);
    expect(installed.stderr).toContain("alpha@1.1.0 was yanked");

    const other = await makeTempDir();
    expectCliError(await run(["add", "alpha@1.1.0", "--registry", server.url], other), "E_NO_MATCH");
    const deprecated = await run(["add", "alpha@~1.0.0", "--registry", server.url], other);
    expect(deprecated.code).toBe(0);
    expect(deprecated.stderr).toContain("alpha@1.0.0 is deprecated: use 2.x");
  });
});
