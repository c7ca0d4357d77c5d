// Issue 14, "Dead ends to remove": what a new user hit in their first hour, from a fresh clone.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, assertSucceeded, expectCliError, jsonError, readJson, runCli, updateJson, useRegistry, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Alpha agent" }) },
  { name: "alpha", version: "1.1.0", text: agentText({ name: "alpha", description: "Alpha agent", body: "Alpha 1.1.\n" }) },
]);

describe("add --registry is remembered in agentreg.json", () => {
  it("info, outdated, update and install find the agent in its registry from agentreg.json alone", async () => {
    const project = await makeTempDir();
    assertSucceeded(await runCli(["add", "alpha@1.0.0", "--registry", registry.out], { cwd: project }), "add");
    await updateJson(join(project, "agentreg.json"), (config) => {
      config.agents.alpha.version = "^1.0.0";
    });
    const info = JSON.parse(assertSucceeded(await runCli(["info", "alpha", "--json"], { cwd: project }), "info with the lock").stdout);
    expect(info).toMatchObject({ name: "alpha", resolved: "1.1.0" });
    // A teammate's fresh clone after a merge conflict in the lock: agentreg.json alone is enough.
    await rm(join(project, "agentreg.lock"));
    await rm(join(project, ".claude"), { recursive: true });
    assertSucceeded(await runCli(["info", "alpha"], { cwd: project }), "info without the lock");
    const outdated = JSON.parse(assertSucceeded(await runCli(["outdated", "--json"], { cwd: project }), "outdated").stdout);
    expect(outdated.agents).toEqual([expect.objectContaining({ key: "alpha", wanted: "1.1.0", latest: "1.1.0" })]);
    assertSucceeded(await runCli(["install"], { cwd: project }), "install");
    expect((await readJson(join(project, "agentreg.lock"))).agents.alpha.version).toBe("1.1.0");
    assertSucceeded(await runCli(["update"], { cwd: project }), "update");
  });

  it("a name missing from a registry says which registry was searched and how to use another", async () => {
    const project = await makeTempDir();
    const result = await runCli(["add", "zzz-not-here", "--json"], { cwd: project });
    const error = jsonError(result);
    expect(error.code).toBe("E_NOT_FOUND");
    expect(error.hint).toContain("looked only in registry builtin");
    expect(error.hint).toContain("--registry");
    expect(error.hint).not.toMatch(/<[a-z-]+>/);
  });
});

describe("paths and states a user can act on", () => {
  it("-g shows the user's paths as ~/.claude/agents/<name>.md", async () => {
    const home = await makeTempDir("home");
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config") };
    const cwd = await makeTempDir();
    const added = assertSucceeded(await runCli(["add", "alpha", "-g", "--registry", registry.out], { cwd, env }), "add -g");
    expect(added.stdout).toContain("-> ~/.claude/agents/alpha.md");
    expect(assertSucceeded(await runCli(["verify", "-g"], { cwd, env }), "verify -g").stdout).toContain("~/.claude/agents/alpha.md");
    expect(assertSucceeded(await runCli(["remove", "alpha", "-g"], { cwd, env }), "remove -g").stdout).toContain("(~/.claude/agents/alpha.md)");
  });

  it("a malformed integrity in the lock is E_LOCKFILE for verify, install and install --frozen, even with the file in place", async () => {
    const project = await makeTempDir();
    assertSucceeded(await runCli(["add", "alpha", "--registry", registry.out], { cwd: project }), "add");
    await updateJson(join(project, "agentreg.lock"), (lock) => {
      lock.agents.alpha.integrity = "sha512-AAAA";
    });
    for (const args of [["verify"], ["install"], ["install", "--frozen"], ["list"]]) expectCliError(await runCli(args, { cwd: project }), "E_LOCKFILE");
  });

  it("list and verify show hand-written agent files as unmanaged, and verify --strict fails on them", async () => {
    const project = await makeTempDir();
    assertSucceeded(await runCli(["add", "alpha", "--registry", registry.out], { cwd: project }), "add");
    await mkdir(join(project, ".claude/agents"), { recursive: true });
    await writeFile(join(project, ".claude/agents/my-helper.md"), agentText({ name: "my-helper", description: "Mine" }));
    const list = assertSucceeded(await runCli(["list"], { cwd: project }), "list");
    expect(list.stdout).toMatch(/my-helper.*\.claude\/agents\/my-helper\.md\s+\[unmanaged\]/);
    const verify = assertSucceeded(await runCli(["verify"], { cwd: project }), "verify");
    expect(verify.stdout).toMatch(/^unmanaged\s+my-helper\s+\.claude\/agents\/my-helper\.md$/m);
    const strict = await runCli(["verify", "--strict"], { cwd: project });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^agentreg: E_UNMANAGED_FILE .claude\/agents\/my-helper\.md is not managed by agentreg/);
  });
});
