// Issue 13: real-world agent files give no false alarms, and dotted names work end to end. The
// fixtures (tests/fixtures/real-world/) are shapes the public collections use, written for this
// project; their exact severities are specified in packages/sdk/src/agent/validate-real-world.test.ts.
import { copyFile, cp, mkdir, readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLAUDE_CODE_LAUNCHER, INSTALL_HINT, listClaudeCodeAgents, SKIP_CLAUDE_CODE } from "../helpers/claude-code.js";
import { assertSucceeded, readJson, REPO_ROOT, runCli, snapshotTree, useTempDirs } from "../helpers/fixtures.js";
import { staticHandler, useServers } from "../helpers/http-fixtures.js";
import { useCli } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();
const { run } = useCli();
const FIXTURES = join(REPO_ROOT, "tests/fixtures/real-world");

interface ValidateJson {
  files: Array<{ path: string; ok: boolean; issues: Array<{ ruleId: string; severity: string; message: string; line?: number }> }>;
  errors: number;
  warnings: number;
}

describe("validate on a real-world collection", () => {
  it("exits 0 with no error for files Claude Code loads, warnings only", async () => {
    const result = await runCli(["validate", FIXTURES], { cwd: await makeTempDir() });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).not.toMatch(/: error /);
    expect(result.stdout).toContain("10 files checked: 0 errors, 5 warnings");
    expect(result.stdout).toMatch(/fastapi-pro\.md:2: warning name-mismatch: `name` is "python-development-fastapi-pro" but the file is fastapi-pro\.md/);
    expect(result.stdout).toMatch(/release-notes-writer\.md:5: warning model-unknown: /);
  });

  it("--for-publish shows what the registry's publish policy refuses, as policy", async () => {
    const result = await runCli(["validate", FIXTURES, "--for-publish", "--json"], { cwd: await makeTempDir() });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ValidateJson;
    expect(report).toMatchObject({ errors: 1, warnings: 4 });
    const errors = report.files.flatMap((file) => file.issues.filter((issue) => issue.severity === "error").map((issue) => ({ file: file.path.split(/[\\/]/).pop(), ...issue })));
    expect(errors).toEqual([
      {
        file: "fastapi-pro.md",
        ruleId: "name-mismatch",
        severity: "error",
        line: 2,
        message: expect.stringMatching(/^the registry's publish policy requires the file to be named `<name>\.md`.*--rename/),
      },
    ]);
    expect(errors[0]?.message).not.toMatch(/skips/);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: "E_INVALID_AGENT" } });
  });

  it("--for-publish --format sarif gives the policy finding level error under a rule whose default is warning", async () => {
    const result = await runCli(["validate", join(FIXTURES, "fastapi-pro.md"), "--for-publish", "--format", "sarif"], { cwd: await makeTempDir() });
    expect(result.code).toBe(1);
    const run = (JSON.parse(result.stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } }; results: Array<{ ruleId: string; level: string }> }> }).runs[0];
    expect(run?.results.map((r) => `${r.ruleId}:${r.level}`)).toEqual(["name-mismatch:error"]);
    expect(run?.tool.driver.rules.find((rule) => rule.id === "name-mismatch")?.defaultConfiguration.level).toBe("warning");
  });

  it("publish refuses the namespaced file by the same policy, and --rename publishes it under its name", async () => {
    const work = await makeTempDir("work");
    const source = join(work, "src");
    assertSucceeded(await runCli(["registry", "init", source, "--name", "acme"], { cwd: work }), "registry init");
    const refused = await runCli(["publish", join(FIXTURES, "fastapi-pro.md"), "--to", source, "--version", "1.0.0"], { cwd: work });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the registry's publish policy requires the file to be named `<name>\.md`/);
    expect(refused.stderr).not.toMatch(/skips/);

    assertSucceeded(await runCli(["publish", join(FIXTURES, "fastapi-pro.md"), "--to", source, "--version", "1.0.0", "--rename"], { cwd: work }), "publish --rename");
    expect(await readFile(join(source, "agents/python-development-fastapi-pro/1.0.0/python-development-fastapi-pro.md"))).toEqual(await readFile(join(FIXTURES, "fastapi-pro.md")));
  });
});

describe.skipIf(SKIP_CLAUDE_CODE)("Claude Code loads every real-world fixture (needs @anthropic-ai/claude-code)", () => {
  it(`lists each one with the name, model and description agentreg reads (${INSTALL_HINT})`, async () => {
    expect(CLAUDE_CODE_LAUNCHER, INSTALL_HINT).toBeDefined();
    const project = await makeTempDir("project");
    await mkdir(join(project, ".claude"));
    await cp(FIXTURES, join(project, ".claude/agents"), { recursive: true });
    const { agents } = await listClaudeCodeAgents({ cwd: project, home: await makeTempDir("home") });

    const { validateAgent } = await import("@agentreg/sdk");
    const files = (await readdir(FIXTURES)).filter((file) => file.endsWith(".md")).sort();
    expect(files).toHaveLength(10);
    for (const file of files) {
      const ours = validateAgent({ bytes: await readFile(join(FIXTURES, file)), fileName: file }).agent;
      expect(ours, file).toBeDefined();
      const theirs = agents.find((agent) => agent.name === ours?.name);
      expect(theirs, `Claude Code did not load ${file}`).toBeDefined();
      expect({ model: theirs?.model ?? undefined, description: theirs?.description }, file).toEqual({ model: ours?.model, description: ours?.description });
    }
  });
});

describe("a dotted agent name end to end (powershell-5.1-expert)", () => {
  it("publishes, builds, adds over a folder and HTTP, installs --frozen and removes, byte for byte", async () => {
    const name = "powershell-5.1-expert";
    const file = `${name}.md`;
    const bytes = await readFile(join(FIXTURES, file));
    const work = await makeTempDir("work");
    const source = join(work, "src");
    const out = join(work, "out");
    const step = async (args: string[], cwd = work) => assertSucceeded(await run(args, cwd), args.join(" "));

    await step(["registry", "init", source, "--name", "acme"]);
    await step(["publish", join(FIXTURES, file), "--to", source, "--version", "5.1.0"]);
    expect(await readFile(join(source, `agents/${name}/5.1.0/${file}`))).toEqual(bytes);
    expect((await step(["validate", source])).stdout).toMatch(/0 errors/);
    await step(["registry", "build", source, "--out", out]);
    expect(Object.keys(await snapshotTree(out))).toEqual(
      expect.arrayContaining([`agents/${name}.json`, `tarballs/${name}/${name}-5.1.0.tgz`, `plugins/${name}/agents/${file}`, `plugins/${name}/.claude-plugin/plugin.json`]),
    );

    // From the built folder.
    const project = await makeTempDir("project");
    const added = await step(["add", `${name}@^5.1.0`, "--registry", out], project);
    expect(added.stdout).toContain(`+ ${name}@5.1.0 -> .claude/agents/${file}`);
    expect(await readFile(join(project, ".claude/agents", file))).toEqual(bytes);
    const lock = await readJson(join(project, "agentreg.lock"));
    expect(Object.keys(lock.agents)).toEqual([name]);
    expect(Object.keys(lock.agents[name].files)).toEqual([`.claude/agents/${file}`]);

    // A fresh checkout of the project installs exactly the lockfile.
    const clone = await makeTempDir("clone");
    for (const config of ["agentreg.json", "agentreg.lock"]) await copyFile(join(project, config), join(clone, config));
    await step(["install", "--frozen"], clone);
    expect(await readFile(join(clone, ".claude/agents", file))).toEqual(bytes);
    await step(["verify"], clone);

    await step(["remove", name], project);
    expect(await readdir(join(project, ".claude/agents"))).toEqual([]);
    expect((await readJson(join(project, "agentreg.lock"))).agents).toEqual({});

    // Over HTTP: the packument and tarball URLs carry the dots as they are.
    const server = await startServer(staticHandler(out));
    const overHttp = await makeTempDir("http");
    await step(["add", name, "--registry", server.url], overHttp);
    expect(await readFile(join(overHttp, ".claude/agents", file))).toEqual(bytes);
    expect(server.requests.map((request) => request.path).sort()).toEqual([`/agents/${name}.json`, `/tarballs/${name}/${name}-5.1.0.tgz`]);
    await step(["install", "--frozen"], overHttp);
  });

  it.each(["powershell-5.1-expert.md@1.0.0", "a..b", "con.x", ".hidden"])("add refuses the name %j before any request", async (spec) => {
    const result = await run(["add", spec, "--registry", await makeTempDir("registry")], await makeTempDir("project"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_INVALID_NAME /);
  });
});
