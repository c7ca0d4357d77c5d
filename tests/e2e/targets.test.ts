// Issue 17: one agent installed for several coding tools. The built CLI writes each tool's file,
// locks each with its own sha512, keeps edits to any of them, and refuses what the lock cannot vouch for.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fetchAgent, translateAgent } from "@agentreg/sdk";
import { describe, expect, it } from "vitest";
import { assertSucceeded, expectCliError, readJson, runCli, sha512Sri, snapshotTree, updateJson, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const cli = (args: string[], cwd: string): ReturnType<typeof runCli> => runCli(args, { cwd });

/** The registry's file of code-reviewer, as the builtin registry holds it. */
async function registryFile(): Promise<Uint8Array> {
  return (await fetchAgent({ dir: await makeTempDir(), spec: "code-reviewer" })).bytes;
}

describe("installing for other coding tools", () => {
  it("add --target writes each tool's translation, locks each file, and says what could not be carried over", async () => {
    const project = await makeTempDir();
    const result = await cli(["add", "code-reviewer", "--target", "opencode,copilot"], project);
    expect(result.code, result.stderr).toBe(0);
    const source = await registryFile();
    const tree = await snapshotTree(project);
    expect(Object.keys(tree).filter((path) => path.includes("agents/") && !path.endsWith("/")).sort()).toEqual([".github/agents/code-reviewer.agent.md", ".opencode/agents/code-reviewer.md"]);
    const opencode = await readFile(join(project, ".opencode/agents/code-reviewer.md"), "utf8");
    const copilot = await readFile(join(project, ".github/agents/code-reviewer.agent.md"), "utf8");
    expect(opencode).toBe(new TextDecoder().decode(translateAgent(source, "opencode").bytes));
    expect(copilot).toBe(new TextDecoder().decode(translateAgent(source, "copilot").bytes));
    expect((await readJson(join(project, "agentreg.lock"))).agents["code-reviewer"].files).toEqual({
      ".github/agents/code-reviewer.agent.md": sha512Sri(copilot),
      ".opencode/agents/code-reviewer.md": sha512Sri(opencode),
    });
    expect(result.stderr).toMatch(/^note: code-reviewer@[\d.]+ for opencode: color: OpenCode has no equivalent; left out$/m);
  });

  it("agentreg.json's targets drive install; --frozen restores every tool's file; an edit to one is kept and reported", async () => {
    const project = await makeTempDir();
    await writeFile(join(project, "agentreg.json"), `${JSON.stringify({ targets: ["claude", "gemini", "codex"], agents: { "code-reviewer": "^1.0.0" } }, null, 2)}\n`);
    expect((await cli(["install"], project)).code).toBe(0);
    const installed = await snapshotTree(project);
    expect(Object.keys(installed).filter((path) => path.includes("agents/") && !path.endsWith("/")).sort()).toEqual([".claude/agents/code-reviewer.md", ".codex/agents/code-reviewer.toml", ".gemini/agents/code-reviewer.md"]);

    await rm(join(project, ".codex"), { recursive: true });
    await rm(join(project, ".gemini"), { recursive: true });
    const frozen = await cli(["install", "--frozen"], project);
    expect(frozen.code, frozen.stderr).toBe(0);
    expect(await snapshotTree(project)).toEqual(installed);

    await writeFile(join(project, ".gemini/agents/code-reviewer.md"), "my own words\n");
    const verify = await cli(["verify"], project);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(/^agentreg: E_LOCAL_EDIT code-reviewer \(edited\)/);
    expect(verify.stdout).toMatch(/^edited +code-reviewer@[\d.]+ +\.gemini\/agents\/code-reviewer\.md$/m);
    const diff = await cli(["diff", "code-reviewer"], project);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("+++ .gemini/agents/code-reviewer.md");
    expect(diff.stdout).toContain("+my own words");
    expect(diff.stdout).not.toContain(".codex/agents");
    const install = await cli(["install"], project);
    expect(await readFile(join(project, ".gemini/agents/code-reviewer.md"), "utf8")).toBe("my own words\n");
    expect(install.code).not.toBe(0);
  });

  it("dropping a target from agentreg.json removes that tool's file on the next install; --frozen first says the lock is for other targets", async () => {
    const project = await makeTempDir();
    await writeFile(join(project, "agentreg.json"), `${JSON.stringify({ targets: ["claude", "cursor"], agents: { "code-reviewer": "^1.0.0" } }, null, 2)}\n`);
    expect((await cli(["install"], project)).code).toBe(0);
    await updateJson(join(project, "agentreg.json"), (config) => {
      config.targets = ["claude"];
    });
    const before = await snapshotTree(project);
    const frozen = await cli(["install", "--frozen"], project);
    expectCliError(frozen, "E_LOCKFILE");
    expect(frozen.stderr).toContain("but the targets (claude) want .claude/agents/code-reviewer.md");
    expect(await snapshotTree(project)).toEqual(before);
    expect((await cli(["install"], project)).code).toBe(0);
    const after = await snapshotTree(project);
    expect(Object.keys(after).filter((path) => path.includes("agents/") && !path.endsWith("/"))).toEqual([".claude/agents/code-reviewer.md"]);
    expect(Object.keys((await readJson(join(project, "agentreg.lock"))).agents["code-reviewer"].files)).toEqual([".claude/agents/code-reviewer.md"]);
  });

  it("remove deletes the agent's file for every tool", async () => {
    const project = await makeTempDir();
    expect((await cli(["add", "code-reviewer", "--target", "claude,opencode,copilot,gemini,codex,cursor"], project)).code).toBe(0);
    expect((await cli(["remove", "code-reviewer"], project)).code).toBe(0);
    expect(Object.keys(await snapshotTree(project)).filter((path) => path.includes("agents/") && !path.endsWith("/"))).toEqual([]);
  });

  it("-g installs each tool's file in the user's folder for that tool", async () => {
    const [home, xdg, cwd] = [await makeTempDir("home"), await makeTempDir("xdg"), await makeTempDir()];
    const result = await runCli(["add", "code-reviewer", "-g", "--target", "opencode,copilot,codex"], { cwd, env: { HOME: home, XDG_CONFIG_HOME: xdg } });
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(await snapshotTree(home)).filter((path) => !path.endsWith("/")).sort()).toEqual([".codex/agents/code-reviewer.toml", ".config/opencode/agents/code-reviewer.md", ".copilot/agents/code-reviewer.agent.md"]);
    expect(await snapshotTree(cwd)).toEqual({});
  });

  it("a publisher's own file for a tool (publish --target-file) is installed instead of the translation, locked, and gated", async () => {
    const root = await makeTempDir();
    const cliIn = (args: string[], cwd = root): ReturnType<typeof runCli> => runCli(args, { cwd });
    assertSucceeded(await cliIn(["registry", "init", "src", "--name", "hw"]), "registry init");
    await writeFile(join(root, "rev.md"), "---\nname: rev\ndescription: Reviews.\ntools: Read\n---\nReview.\n");
    const toml = 'name = "rev"\ndescription = "Reviews, by hand."\nsandbox_mode = "read-only"\ndeveloper_instructions = "Review carefully."\n';
    await writeFile(join(root, "rev.toml"), toml);
    // The publisher's OpenCode file hides text in a tag character: the install's text gate must see it.
    await writeFile(join(root, "rev.opencode.md"), "---\ndescription: Reviews.\nmode: subagent\n---\nReview.\u{E0041}\n");
    assertSucceeded(await cliIn(["publish", "rev.md", "--to", "src", "--version", "1.0.0", "--target-file", "codex=rev.toml"]), "publish 1.0.0");
    assertSucceeded(await cliIn(["publish", "rev.md", "--to", "src", "--version", "1.0.1", "--target-file", "opencode=rev.opencode.md"]), "publish 1.0.1");
    assertSucceeded(await cliIn(["registry", "build", "src", "--out", "out"]), "registry build");

    const project = await makeTempDir();
    const add = await cli(["add", "rev@1.0.0", "--registry", join(root, "out"), "--target", "claude,codex"], project);
    expect(add.code, add.stderr).toBe(0);
    expect(await readFile(join(project, ".codex/agents/rev.toml"), "utf8")).toBe(toml);
    expect(add.stderr).toContain("note: rev@1.0.0 for codex: file: the publisher's own file for OpenAI Codex, installed as published (not translated)");
    expect((await readJson(join(project, "agentreg.lock"))).agents.rev.files[".codex/agents/rev.toml"]).toBe(sha512Sri(toml));
    await rm(join(project, ".codex"), { recursive: true });
    expect((await cli(["install", "--frozen", "--target", "claude,codex"], project)).code).toBe(0);
    expect(await readFile(join(project, ".codex/agents/rev.toml"), "utf8")).toBe(toml);

    const hidden = await makeTempDir();
    const blocked = await cli(["add", "rev@1.0.1", "--registry", join(root, "out"), "--target", "opencode"], hidden);
    expectCliError(blocked, "E_UNSAFE_TEXT");
    expect(blocked.stderr).toContain(".opencode/agents/rev.md");
    expect(await snapshotTree(hidden)).toEqual({});
  });

  it("publish --target-file names one agent: with several it is E_USAGE, and nothing is published", async () => {
    const root = await makeTempDir();
    assertSucceeded(await runCli(["registry", "init", "src", "--name", "hw"], { cwd: root }), "registry init");
    await mkdir(join(root, "agents"));
    for (const name of ["one", "two"]) await writeFile(join(root, "agents", `${name}.md`), `---\nname: ${name}\ndescription: Does ${name}.\n---\nBody.\n`);
    await writeFile(join(root, "one.toml"), 'name = "one"\n');
    const before = await snapshotTree(join(root, "src"));
    const result = await runCli(["publish", "agents", "--to", "src", "--version", "1.0.0", "--target-file", "codex=one.toml"], { cwd: root });
    expectCliError(result, "E_USAGE", 2);
    expect(await snapshotTree(join(root, "src"))).toEqual(before);
  });

  it("an unknown target is E_USAGE naming it, and changes nothing", async () => {
    const project = await makeTempDir();
    const result = await cli(["add", "code-reviewer", "--target", "claude,vim"], project);
    expectCliError(result, "E_USAGE", 2);
    expect(result.stderr).toContain('unknown target "vim"');
    expect(await snapshotTree(project)).toEqual({});
  });

  it("agentreg.json with an unknown target is E_CONFIG", async () => {
    const project = await makeTempDir();
    await writeFile(join(project, "agentreg.json"), `${JSON.stringify({ targets: ["emacs"], agents: {} })}\n`);
    expectCliError(await cli(["install"], project), "E_CONFIG");
  });

  it("agentreg targets lists every tool with its folder", async () => {
    const result = await cli(["targets", "--json"], await makeTempDir());
    expect(result.code).toBe(0);
    const { targets } = JSON.parse(result.stdout) as { targets: Array<{ id: string; project: string }> };
    expect(targets.map((target) => target.id)).toEqual(["claude", "opencode", "copilot", "gemini", "codex", "cursor", "qwen"]);
    expect(targets.find((target) => target.id === "codex")?.project).toBe(".codex/agents/<name>.toml");
  });
});
