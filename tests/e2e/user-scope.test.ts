// Issue 5, "User scope": with -g every command works on ~/.claude/agents ($HOME respected) and the
// agentreg.json/agentreg.lock in $XDG_CONFIG_HOME/agentreg (or ~/.config/agentreg), never on the project;
// `list` shows both scopes and marks a user agent that a project agent shadows.
import { appendFile, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliError, readJson, snapshotTree, updateJson, useRegistry, useTempDirs, setWantedRange } from "../helpers/fixtures.js";
import { addAt100, agentFile, expectNoLeftovers, useCli, versionsOf } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const { run } = useCli();
const registry = useRegistry([...versionsOf("alpha", ["1.0.0", "1.1.0"]), ...versionsOf("beta", ["1.0.0"])]);

/** A home folder, a config home and a project, and the CLI run in the project with that environment. */
async function userScope(options: { xdg?: boolean } = {}) {
  const [home, xdg, project] = [await makeTempDir("home"), await makeTempDir("xdg"), await makeTempDir()];
  const env = { HOME: home, XDG_CONFIG_HOME: options.xdg === false ? undefined : xdg };
  const configDir = options.xdg === false ? join(home, ".config/agentreg") : join(xdg, "agentreg");
  return { home, xdg, project, configDir, cli: (args: string[]) => run(args, project, env) };
}

/** alpha at 1.0.0 (range ^1.0.0) in the user scope, and alpha and beta at 1.0.0 in the project. */
async function bothScopes() {
  const scope = await userScope();
  expect((await scope.cli(["add", "-g", "alpha@1.0.0", "--registry", registry.out])).code).toBe(0);
  await updateJson(join(scope.configDir, "agentreg.json"), (json) => setWantedRange(json, "alpha", "^1.0.0"));
  await addAt100(run, scope.project, registry.out, ["alpha", "beta"], { HOME: scope.home, XDG_CONFIG_HOME: scope.xdg });
  return { ...scope, projectBefore: await snapshotTree(scope.project) };
}

describe("-g works on the user scope", () => {
  it("add -g writes $HOME/.claude/agents/<name>.md and agentreg.{json,lock} in $XDG_CONFIG_HOME/agentreg, nothing in the working folder", async () => {
    const { home, xdg, project, cli } = await userScope();
    expect((await cli(["add", "-g", "alpha", "--registry", registry.out])).code).toBe(0);
    expect(await snapshotTree(home)).toEqual({ ".claude/": "dir", ".claude/agents/": "dir", ".claude/agents/alpha.md": agentFile("alpha", "1.1.0") });
    expect(Object.keys(await snapshotTree(xdg))).toEqual(["agentreg/", "agentreg/agentreg.json", "agentreg/agentreg.lock"]);
    expect((await readJson(join(xdg, "agentreg/agentreg.json"))).agents).toEqual({ alpha: { version: "^1.1.0", registry: expect.stringMatching(/\/(out|src)$/) } });
    expect((await readJson(join(xdg, "agentreg/agentreg.lock"))).agents.alpha.files).toHaveProperty([".claude/agents/alpha.md"]);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("without XDG_CONFIG_HOME the user scope's agentreg.json and agentreg.lock live in $HOME/.config/agentreg", async () => {
    const { home, project, cli } = await userScope({ xdg: false });
    expect((await cli(["add", "-g", "alpha", "--registry", registry.out])).code).toBe(0);
    expect(Object.keys(await snapshotTree(home)).sort()).toEqual(
      [".claude/", ".claude/agents/", ".claude/agents/alpha.md", ".config/", ".config/agentreg/", ".config/agentreg/agentreg.json", ".config/agentreg/agentreg.lock"].sort(),
    );
    expect(await snapshotTree(project)).toEqual({});
  });

  it("list in a project shows project and user agents with their scope, and marks the user agent a project agent shadows", async () => {
    const { cli } = await bothScopes();
    const listed = JSON.parse((await cli(["list", "--json"])).stdout).agents.map((a: Record<string, unknown>) => [a.scope, a.key, a.shadowed ?? false]);
    expect(listed).toEqual([["project", "alpha", false], ["project", "beta", false], ["user", "alpha", true]]);
    const text = await cli(["list"]);
    expect(text.stdout).toMatch(/^user\s+alpha@1\.0\.0 .*~\/\.claude\/agents\/alpha\.md\s+\[shadowed by the project agent\]$/m);
    expect(text.stdout).toMatch(/^project\s+beta@1\.0\.0 /m);
  });

  it("list -g shows only the user scope", async () => {
    const { cli } = await bothScopes();
    const listed = JSON.parse((await cli(["list", "-g", "--json"])).stdout).agents;
    expect(listed).toEqual([expect.objectContaining({ scope: "user", key: "alpha", version: "1.0.0", state: "ok" })]);
    expect(listed[0]).not.toHaveProperty("shadowed");
  });

  it("remove -g removes the user agent and leaves the project's agent of the same name alone", async () => {
    const { home, configDir, project, projectBefore, cli } = await bothScopes();
    expect((await cli(["remove", "-g", "alpha"])).code).toBe(0);
    expect(await snapshotTree(join(home, ".claude/agents"))).toEqual({});
    expect((await readJson(join(configDir, "agentreg.lock"))).agents).toEqual({});
    expect(await snapshotTree(project)).toEqual(projectBefore);
  });

  it("install -g restores a deleted user agent from the user lock, never touching the project", async () => {
    const { home, project, cli } = await bothScopes();
    await rm(join(home, ".claude/agents/alpha.md"));
    await rm(join(project, ".claude/agents/beta.md"));
    const projectBefore = await snapshotTree(project);
    expect((await cli(["install", "-g"])).code).toBe(0);
    expect(await readFile(join(home, ".claude/agents/alpha.md"), "utf8")).toBe(agentFile("alpha", "1.0.0"));
    expect(await snapshotTree(project)).toEqual(projectBefore);
  });

  it("verify -g checks the user scope only: an edited user agent fails it while the project still verifies", async () => {
    const { home, cli } = await bothScopes();
    await appendFile(join(home, ".claude/agents/alpha.md"), "my note\n");
    const user = await cli(["verify", "-g"]);
    expect(user.code).toBe(1);
    expect(user.stderr).toMatch(/^agentreg: E_LOCAL_EDIT alpha \(edited\)/);
    expect(user.stdout).not.toContain("beta");
    expect((await cli(["verify"])).code).toBe(0);
  });

  it("outdated -g and update -g move the user agent within its range and leave the project's agents alone", async () => {
    const { home, configDir, project, projectBefore, cli } = await bothScopes();
    const outdated = JSON.parse((await cli(["outdated", "-g", "--json"])).stdout).agents;
    expect(outdated).toEqual([expect.objectContaining({ key: "alpha", current: "1.0.0", wanted: "1.1.0", latest: "1.1.0" })]);
    expect(await cli(["update", "-g"])).toMatchObject({ code: 0, stdout: "alpha 1.0.0 → 1.1.0\n" });
    expect(await readFile(join(home, ".claude/agents/alpha.md"), "utf8")).toBe(agentFile("alpha", "1.1.0"));
    expect((await readJson(join(configDir, "agentreg.lock"))).agents.alpha.version).toBe("1.1.0");
    expect(await snapshotTree(project)).toEqual(projectBefore);
  });

  it("a symlinked $HOME/.claude/agents is refused with E_UNSAFE_PATH and nothing is written through it", async () => {
    const { home, xdg, configDir, cli } = await userScope();
    const outside = await makeTempDir("outside");
    await writeFile(join(outside, "mine.md"), "mine\n");
    await mkdir(join(home, ".claude"));
    await symlink(outside, join(home, ".claude/agents"));
    expectCliError(await cli(["add", "-g", "alpha", "--registry", registry.out]), "E_UNSAFE_PATH");
    expect(await snapshotTree(outside)).toEqual({ "mine.md": "mine\n" });
    await expect(readFile(join(configDir, "agentreg.lock"))).rejects.toThrow();
    await expect(readFile(join(configDir, "agentreg.json"))).rejects.toThrow();
    await expectNoLeftovers(xdg);
  });
});
