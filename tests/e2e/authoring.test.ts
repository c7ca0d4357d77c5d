import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { initRegistrySource, publishAgent, scaffoldAgent } from "@agentreg/sdk";
import { describe, expect, it } from "vitest";
import { assertSucceeded, buildRegistry, childEnv, CLI_PATH, expectCliError, jsonError, readJson, runCli, snapshotTree, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

/** new -> validate -> publish -> yank/deprecate -> build -> add: issue 7's walkthrough, from the built CLI. */
describe("authoring walkthrough", () => {
  it("takes a scaffolded agent through publish, bump, yank and deprecate to an install", async () => {
    const work = await makeTempDir("work");
    const source = join(work, "src");
    const run = async (args: string[], what = args.join(" ")) => assertSucceeded(await runCli(args, { cwd: work }), what);

    await run(["new", "reviewer", "--description", "Reviews diffs for bugs and risky changes.", "--model", "sonnet", "--color", "cyan", "--out", "agents"]);
    const file = join(work, "agents", "reviewer.md");
    const validated = JSON.parse((await run(["validate", file, "--format", "json"])).stdout) as { errors: number; warnings: number };
    expect(validated).toMatchObject({ errors: 0, warnings: 0 });

    await run(["registry", "init", source, "--name", "acme"]);
    await run(["publish", file, "--to", source, "--version", "1.0.0", "--license", "MIT", "--keywords", "Review,quality"]);
    await writeFile(file, `${await readFile(file, "utf8")}\nVersion two reads tests as well.\n`);
    const bumped = JSON.parse((await run(["publish", file, "--to", source, "--bump", "minor", "--json"])).stdout) as { version: string; previous: string };
    expect(bumped).toMatchObject({ version: "1.1.0", previous: "1.0.0" });
    await run(["publish", file, "--to", source, "--bump", "major"]);

    // The whole source validates: metadata, layout and every version.
    const sourceCheck = await run(["validate", source]);
    expect(sourceCheck.stdout).toMatch(/5 files checked: 0 errors, 0 warnings/);

    // Yanking the highest version moves latest to the highest one left.
    const yank = JSON.parse((await run(["yank", "reviewer@2.0.0", "--to", source, "--json"])).stdout) as { latest: string; changed: boolean };
    expect(yank).toMatchObject({ latest: "1.1.0", changed: true });
    await run(["deprecate", "reviewer@<1.1.0", "use 1.1 or later: it reads tests too", "--to", source]);
    expect(await readJson(join(source, "agents/reviewer/agent.json"))).toMatchObject({
      keywords: ["quality", "review"],
      license: "MIT",
      yanks: ["2.0.0"],
      deprecations: { "1.0.0": "use 1.1 or later: it reads tests too" },
    });
    expect(await readJson(join(source, "registry.json"))).toMatchObject({ serial: 5 });

    const out = await buildRegistry(source, join(work, "out"));
    const packument = await readJson(join(out, "agents/reviewer.json"));
    expect(packument.distTags).toEqual({ latest: "1.1.0" });
    expect(packument.versions["2.0.0"].yanked).toBe(true);
    expect(packument.versions["1.0.0"].deprecated).toBe("use 1.1 or later: it reads tests too");

    const project = await makeTempDir("project");
    const added = await runCli(["add", "reviewer", "--registry", out], { cwd: project });
    expect(added.code).toBe(0);
    expect(await readJson(join(project, "agentreg.lock"))).toMatchObject({ agents: { reviewer: { version: "1.1.0" } } });
    expect(await readFile(join(project, ".claude/agents/reviewer.md"), "utf8")).toBe(await readFile(join(source, "agents/reviewer/1.1.0/reviewer.md"), "utf8"));

    // The deprecated version still installs when asked for, and says why it should not be.
    const old = await runCli(["add", "reviewer@1.0.0", "--registry", out, "--force"], { cwd: project });
    expect(old.code).toBe(0);
    expect(old.stderr).toContain("reviewer@1.0.0 is deprecated: use 1.1 or later: it reads tests too");
    // The yanked one does not resolve.
    expectCliError(await runCli(["add", "reviewer@2.0.0", "--registry", out], { cwd: await makeTempDir("other") }), "E_NO_MATCH");
  });
});

describe("new", () => {
  it("writes ./<name>.md that validates with no issue, with read-only tools by default", async () => {
    const dir = await makeTempDir();
    const result = await runCli(["new", "api-helper", "--description", "Answers questions about the API. Use it for endpoint lookups."], { cwd: dir });
    expect(result.code).toBe(0);
    const text = await readFile(join(dir, "api-helper.md"), "utf8");
    expect(text).toMatch(/^---\nname: api-helper\ndescription: "Answers questions about the API\. Use it for endpoint lookups\."\ntools: Read, Grep, Glob\n---\n/);
    const checked = JSON.parse((await runCli(["validate", join(dir, "api-helper.md"), "--format", "json"], { cwd: dir })).stdout) as { files: Array<{ issues: unknown[] }> };
    expect(checked.files[0]?.issues).toEqual([]);
  });

  it("keeps a multi-line description with examples and quotes exact", async () => {
    const dir = await makeTempDir();
    const description = 'Use after a change.\n<example>\nuser: "review this: it\'s #1"\n</example>';
    assertSucceeded(await runCli(["new", "quoted", "--description", description, "--tools", "Read, Bash(git:*)"], { cwd: dir }), "new");
    const info = JSON.parse((await runCli(["validate", join(dir, "quoted.md"), "--json"], { cwd: dir })).stdout) as { errors: number; warnings: number };
    expect(info).toMatchObject({ errors: 0, warnings: 0 });
    const text = await readFile(join(dir, "quoted.md"), "utf8");
    expect(text).toContain("tools: Read, Bash(git:*)\n");
    const { parseFrontmatter } = await import("@agentreg/sdk");
    const parsed = parseFrontmatter(text);
    expect(parsed.ok && parsed.data.description).toBe(description);
  });

  it("without a terminal never prompts: a missing description is a usage error naming it", async () => {
    const dir = await makeTempDir();
    const result = await runCli(["new", "reviewer"], { cwd: dir });
    expectCliError(result, "E_USAGE", 2);
    expect(result.stderr).toContain("--description");
    expect(await snapshotTree(dir)).toEqual({});
  });

  it("on a terminal, asks for a missing description instead of failing", async () => {
    const dir = await makeTempDir();
    // util-linux `script` gives the CLI a pseudo-terminal and forwards what we type to it.
    const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;
    const child = spawn("script", ["-qefc", [process.execPath, CLI_PATH, "new", "asker"].map(quote).join(" "), "/dev/null"], { cwd: dir, env: childEnv(), stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Description") && !child.stdin.writableEnded) child.stdin.end("Answers questions about the API.\n");
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(output).toContain("Description (when should Claude Code use this agent?)");
    expect(code).toBe(0);
    expect(await readFile(join(dir, "asker.md"), "utf8")).toContain('description: "Answers questions about the API."');
  });

  it("refuses to overwrite an existing file unless --force, and refuses values that would not validate", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "reviewer.md"), "mine\n");
    expectCliError(await runCli(["new", "reviewer", "--description", "x"], { cwd: dir }), "E_EXISTS");
    expect(await readFile(join(dir, "reviewer.md"), "utf8")).toBe("mine\n");
    expectCliError(await runCli(["new", "other", "--description", "x", "--color", "mauve"], { cwd: dir }), "E_USAGE", 2);
    expectCliError(await runCli(["new", "other", "--description", "x", "--model", "gpt-4"], { cwd: dir }), "E_USAGE", 2);
    expectCliError(await runCli(["new", "Other", "--description", "x"], { cwd: dir }), "E_INVALID_NAME");
    expect(await snapshotTree(dir)).toEqual({ "reviewer.md": "mine\n" });
    assertSucceeded(await runCli(["new", "reviewer", "--description", "Reviews.", "--force"], { cwd: dir }), "new --force");
    expect(await readFile(join(dir, "reviewer.md"), "utf8")).toMatch(/^---\nname: reviewer\n/);
  });

  it("--dry-run writes nothing", async () => {
    const dir = await makeTempDir();
    const result = await runCli(["new", "reviewer", "--description", "Reviews.", "--dry-run"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^would write /);
    expect(await snapshotTree(dir)).toEqual({});
  });
});

/**
 * A registry source (`work/src`) with `alpha` scaffolded as `work/alpha.md` and published at
 * `versions`: set-up, made in-process by the SDK functions the CLI's `registry init`, `new` and
 * `publish` call (the walkthrough above takes those steps through the CLI), so each test below starts
 * the CLI only for what it checks.
 */
async function sourceWith(versions: string[]): Promise<{ work: string; source: string; file: string }> {
  const work = await makeTempDir();
  const source = join(work, "src");
  await initRegistrySource({ dir: source });
  const { path: file } = await scaffoldAgent({ name: "alpha", description: "Alpha.", out: work });
  for (const version of versions) await publishAgent({ file, to: source, version });
  return { work, source, file };
}

describe("publish --bump", () => {
  it("starts from the highest published version, yanked and prerelease ones included", async () => {
    const { work, source, file } = await sourceWith(["1.2.3", "1.10.0", "2.0.0-rc.1"]);
    assertSucceeded(await runCli(["yank", "alpha@1.10.0", "--to", source], { cwd: work }), "yank");
    const patch = JSON.parse((await runCli(["publish", file, "--to", source, "--bump", "patch", "--json"], { cwd: work })).stdout) as { version: string };
    expect(patch.version).toBe("2.0.0");
    const minor = JSON.parse((await runCli(["publish", file, "--to", source, "--bump", "minor", "--json"], { cwd: work })).stdout) as { version: string };
    expect(minor.version).toBe("2.1.0");
  });

  it("starts from 0.0.0 when nothing is published", async () => {
    const { work, source, file } = await sourceWith([]);
    const result = await runCli(["publish", file, "--to", source, "--bump", "major"], { cwd: work });
    expect(result.stdout).toMatch(/^published alpha@1\.0\.0 to /);
  });

  it("--dry-run lists what would be written and writes nothing", async () => {
    const { work, source, file } = await sourceWith(["1.0.0"]);
    const before = await snapshotTree(source);
    const result = await runCli(["publish", file, "--to", source, "--bump", "patch", "--dry-run"], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("would publish alpha@1.0.1 (after 1.0.0)");
    expect(result.stdout).toContain("agents/alpha/1.0.1/alpha.md");
    expect(await snapshotTree(source)).toEqual(before);
  });

  it("needs exactly one of --version and --bump, and a known bump level", async () => {
    const { work, source, file } = await sourceWith(["1.0.0"]);
    const before = await snapshotTree(source);
    expectCliError(await runCli(["publish", file, "--to", source], { cwd: work }), "E_USAGE", 2);
    expectCliError(await runCli(["publish", file, "--to", source, "--version", "2.0.0", "--bump", "patch"], { cwd: work }), "E_USAGE", 2);
    expectCliError(await runCli(["publish", file, "--to", source, "--bump", "huge"], { cwd: work }), "E_USAGE", 2);
    expect(await snapshotTree(source)).toEqual(before);
  });

  it("validation errors block publishing", async () => {
    const { work, source, file } = await sourceWith(["1.0.0"]);
    await writeFile(file, "---\nname: alpha\n---\nno description\n");
    const before = await snapshotTree(source);
    expectCliError(await runCli(["publish", file, "--to", source, "--bump", "patch"], { cwd: work }), "E_INVALID_AGENT");
    expect(await snapshotTree(source)).toEqual(before);
  });
});

describe("yank and deprecate", () => {
  it("yank --undo brings latest back, and a repeated yank changes nothing", async () => {
    const { work, source } = await sourceWith(["1.0.0", "1.1.0"]);
    assertSucceeded(await runCli(["yank", "alpha@1.1.0", "--to", source], { cwd: work }), "yank");
    const before = await snapshotTree(source);
    const again = await runCli(["yank", "alpha@1.1.0", "--to", source], { cwd: work });
    expect(again.stdout).toContain("already yanked");
    expect(await snapshotTree(source)).toEqual(before);
    expect((await readJson(join(await buildRegistry(source, join(work, "out")), "agents/alpha.json"))).distTags.latest).toBe("1.0.0");

    const undo = JSON.parse((await runCli(["yank", "alpha@1.1.0", "--to", source, "--undo", "--json"], { cwd: work })).stdout) as { latest: string; yanked: boolean };
    expect(undo).toMatchObject({ latest: "1.1.0", yanked: false });
    expect(await readJson(join(source, "agents/alpha/agent.json"))).toMatchObject({ yanks: [] });
  });

  it("yank needs one exact published version", async () => {
    const { work, source } = await sourceWith(["1.0.0"]);
    const before = await snapshotTree(source);
    expectCliError(await runCli(["yank", "alpha@^1.0.0", "--to", source], { cwd: work }), "E_USAGE", 2);
    expectCliError(await runCli(["yank", "alpha", "--to", source], { cwd: work }), "E_USAGE", 2);
    const missing = await runCli(["yank", "alpha@9.9.9", "--to", source, "--json"], { cwd: work });
    expect(jsonError(missing)).toMatchObject({ code: "E_NO_MATCH", hint: expect.stringContaining("1.0.0") });
    expectCliError(await runCli(["yank", "ghost@1.0.0", "--to", source], { cwd: work }), "E_NOT_FOUND");
    expectCliError(await runCli(["yank", "@acme/alpha@1.0.0", "--to", source], { cwd: work }), "E_USAGE", 2);
    expectCliError(await runCli(["yank", "alpha@1.0.0", "--to", work], { cwd: work }), "E_NOT_FOUND");
    expect(await snapshotTree(source)).toEqual(before);
  });

  it("deprecates a range, every version without one, and an empty message removes it", async () => {
    const { work, source } = await sourceWith(["1.0.0", "1.1.0", "2.0.0"]);
    const ranged = JSON.parse((await runCli(["deprecate", "alpha@1.x", "use 2.x", "--to", source, "--json"], { cwd: work })).stdout) as { versions: string[] };
    expect(ranged.versions).toEqual(["1.0.0", "1.1.0"]);
    assertSucceeded(await runCli(["deprecate", "alpha@1.0.0", "", "--to", source], { cwd: work }), "undeprecate");
    expect((await readJson(join(source, "agents/alpha/agent.json"))).deprecations).toEqual({ "1.1.0": "use 2.x" });
    assertSucceeded(await runCli(["deprecate", "alpha", "unmaintained", "--to", source], { cwd: work }), "deprecate all");
    expect((await readJson(join(source, "agents/alpha/agent.json"))).deprecations).toEqual({ "1.0.0": "unmaintained", "1.1.0": "unmaintained", "2.0.0": "unmaintained" });
  });

  it("refuses a range that matches nothing and a message with control characters, writing nothing", async () => {
    const { work, source } = await sourceWith(["1.0.0"]);
    const before = await snapshotTree(source);
    expectCliError(await runCli(["deprecate", "alpha@>=2", "old", "--to", source], { cwd: work }), "E_NO_MATCH");
    expectCliError(await runCli(["deprecate", "alpha@1.0.0", "old\u001b[31m", "--to", source], { cwd: work }), "E_USAGE", 2);
    expect(await snapshotTree(source)).toEqual(before);
  });
});

describe("validate <registry-source-dir>", () => {
  it("checks every version and the metadata, naming file and rule, and exits 1 on errors", async () => {
    const work = await makeTempDir();
    const source = join(work, "src");
    assertSucceeded(await runCli(["registry", "init", source], { cwd: work }), "init");
    assertSucceeded(await runCli(["new", "alpha", "--description", "Alpha."], { cwd: work }), "new");
    assertSucceeded(await runCli(["publish", join(work, "alpha.md"), "--to", source, "--version", "1.0.0", "--license", "MIT", "--keywords", "a"], { cwd: work }), "publish");
    expect((await runCli(["validate", source], { cwd: work })).code).toBe(0);

    // A second version whose file has no description, a yank of a version that does not exist,
    // and a stray folder.
    await writeFile(join(source, "agents/alpha/1.0.0/alpha.md"), "---\nname: alpha\n---\nbody\n");
    const meta = await readJson(join(source, "agents/alpha/agent.json"));
    await writeFile(join(source, "agents/alpha/agent.json"), JSON.stringify({ ...meta, yanks: ["3.0.0"] }));
    await writeFile(join(source, "registry.json"), "{ not json");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(source, "agents/alpha/latest"));

    const result = await runCli(["validate", source, "--format", "json"], { cwd: work });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string; issues: Array<{ ruleId: string }> }>; errors: number };
    const rules = (suffix: string) => report.files.find((f) => f.path.endsWith(suffix))?.issues.map((i) => i.ruleId);
    expect(rules("registry.json")).toEqual(["source-metadata"]);
    expect(rules("agent.json")).toEqual(expect.arrayContaining(["source-layout", "source-version-unknown"]));
    expect(rules("1.0.0/alpha.md")).toContain("description-missing");
    expect(report.errors).toBe(4);

    const sarif = JSON.parse((await runCli(["validate", source, "--format", "sarif"], { cwd: work })).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } } }> };
    expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(expect.arrayContaining(["source-metadata", "source-layout", "source-version-unknown"]));
  });

  it("the default registry validates with no errors and no warnings", async () => {
    const { REPO_ROOT } = await import("../helpers/fixtures.js");
    const result = await runCli(["validate", join(REPO_ROOT, "registry")], { cwd: REPO_ROOT });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ checked: 0 errors, 0 warnings\n$/);
  });
});
