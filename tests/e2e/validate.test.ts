import { copyFile, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, expectCliError, installSeed, runCli, SEED, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

interface ValidateJson {
  files: Array<{ path: string; ok: boolean; issues: Array<{ ruleId: string; severity: string; message: string; line?: number }> }>;
  errors: number;
  warnings: number;
}

/** A file Claude Code would drop: its frontmatter fails strict YAML and the quoting retry (error on line 3). */
const unloadable = "---\nname: broken\ndescription: [unclosed\n  more: text\n---\nBody.\n";

describe("validate", () => {
  it("passes the seed, reporting its repaired frontmatter only as info", async () => {
    const dir = await makeTempDir();
    await copyFile(SEED.registryFile, join(dir, `${SEED.name}.md`));
    const result = await runCli(["validate", `${SEED.name}.md`], { cwd: dir });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("1 file checked: 0 errors, 0 warnings");
    expect(result.stdout).not.toMatch(/ (error|warning) /);
  });

  it("checks .claude/agents by default", async () => {
    const project = await makeTempDir();
    await installSeed(project);
    const result = await runCli(["validate"], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 file checked: 0 errors");
  });

  it("exits 1 on a folder with one bad file, naming file:line and the rule id", async () => {
    const dir = await makeTempDir();
    await mkdir(join(dir, "agents"));
    await writeFile(join(dir, "agents/good.md"), agentText({ name: "good", description: "A good agent" }));
    await writeFile(join(dir, "agents/broken.md"), unloadable);

    const result = await runCli(["validate", "agents"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^agents\/broken\.md:3(:\d+)?: error frontmatter-yaml: /m);
    expect(result.stdout).not.toContain("good.md");
    expect(result.stdout).toContain("2 files checked: 1 error, 0 warnings");
    expect(result.stderr).toMatch(/^agentreg: E_INVALID_AGENT /);
  });

  it("--json lists every file with its issues", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "good.md"), agentText({ name: "good", description: "A good agent" }));
    await writeFile(join(dir, "broken.md"), unloadable);

    const result = await runCli(["validate", ".", "--json"], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ValidateJson;
    expect(report).toMatchObject({ errors: 1, warnings: 0 });
    expect(report.files).toEqual([
      { path: "broken.md", ok: false, issues: [expect.objectContaining({ ruleId: "frontmatter-yaml", severity: "error", line: 3 })] },
      { path: "good.md", ok: true, issues: [] },
    ]);
    expect(JSON.parse(result.stderr)).toMatchObject({ error: { code: "E_INVALID_AGENT" } });
  });

  it("passes a file with only warnings", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "agent.md"), "---\nname: agent\ndescription: An agent\nflavour: mint\n---\nBody.\n");
    const result = await runCli(["validate", "agent.md", "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ValidateJson).files[0]?.issues).toEqual([expect.objectContaining({ ruleId: "field-unknown", severity: "warning", line: 4 })]);
  });

  it("prints nothing of the YAML parser's own for a mapping used as a key: the report is the only output", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "agent.md"), "---\nname: agent\ndescription: An agent\n? [a, b]\n: c\n---\nBody.\n");
    const result = await runCli(["validate", "agent.md"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("field-unknown");
    // yaml warns of such keys with a Node warning, "(node:…) Warning: Keys with collection values…".
    expect(result.stderr).toBe("");
  });

  // The issue: "every problem with file, line and a stable rule id".
  it.each([
    { problem: "no frontmatter", text: "Just a prompt.\n", rule: "frontmatter-missing" },
    { problem: "frontmatter that fails both YAML passes", text: unloadable.replace("broken", "agent"), rule: "frontmatter-yaml" },
    { problem: "no name", text: "---\ndescription: An agent\n---\nBody.\n", rule: "name-missing" },
    { problem: "no description", text: "---\nname: agent\n---\nBody.\n", rule: "description-missing" },
    { problem: "a description that is not a string", text: "---\nname: agent\ndescription: 42\n---\nBody.\n", rule: "description-invalid" },
  ])("reports a file with $problem as error $rule, with its line", async ({ text, rule }) => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "agent.md"), text);
    const result = await runCli(["validate", "agent.md", "--json"], { cwd: dir });
    expect(result.code).toBe(1);
    const issues = (JSON.parse(result.stdout) as ValidateJson).files[0]?.issues ?? [];
    expect(issues).toContainEqual(expect.objectContaining({ ruleId: rule, severity: "error" }));
    expect(issues.find((issue) => issue.ruleId === rule)?.line).toEqual(expect.any(Number));
  });

  // Issue 13: Claude Code loads these files, so validate passes them with a warning; the registry's
  // publish policy refuses them, and `--for-publish` says so.
  it.each([
    { problem: "a name that differs from the file name", text: agentText({ name: "other", description: "An agent" }), rule: "name-mismatch" },
    { problem: "a tools field of the wrong shape", text: "---\nname: agent\ndescription: An agent\ntools: { Read: true }\n---\nBody.\n", rule: "field-invalid" },
  ])("passes a file with $problem as warning $rule; --for-publish makes it the policy's error", async ({ text, rule }) => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "agent.md"), text);
    const result = await runCli(["validate", "agent.md", "--json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as ValidateJson).files[0]?.issues).toEqual([expect.objectContaining({ ruleId: rule, severity: "warning", line: expect.any(Number) })]);

    const policy = await runCli(["validate", "agent.md", "--for-publish", "--json"], { cwd: dir });
    expect(policy.code).toBe(1);
    const [issue] = (JSON.parse(policy.stdout) as ValidateJson).files[0]?.issues ?? [];
    expect(issue).toMatchObject({ ruleId: rule, severity: "error", message: expect.stringMatching(/^the registry's publish policy requires /) });
  });

  it("fails with E_NOT_FOUND for a path that does not exist", async () => {
    expectCliError(await runCli(["validate", "missing.md"], { cwd: await makeTempDir() }), "E_NOT_FOUND");
  });

  // Issue 15: only a missing path "does not exist". (Tests run as root, where EACCES cannot be made,
  // so a symlink loop, ELOOP, stands for a path that exists but cannot be looked at.)
  it("reports a path it cannot look at as what it is, not as missing", async () => {
    const dir = await makeTempDir();
    await symlink("loop.md", join(dir, "loop.md"));
    const result = await runCli(["validate", "loop.md"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ELOOP/);
    expect(result.stderr).not.toMatch(/does not exist/);
  });

  it("does not pass a registry source whose agents/ folder cannot be read", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "registry.json"), JSON.stringify({ name: "acme" }));
    await symlink("agents", join(dir, "agents"));
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ELOOP/);
    expect(result.stdout).not.toMatch(/0 errors/);
  });
});

describe("validate --format sarif", () => {
  it("writes a SARIF 2.1.0 log: a rule per agentreg rule id with help text, a result per problem with file, line, column and level", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "broken.md"), "---\nname: broken\ncolour: cyan\n---\nBody.\n");
    const result = await runCli(["validate", "broken.md", "--format", "sarif"], { cwd: dir });
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string }; defaultConfiguration: { level: string } }> } };
        results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }>;
      }>;
    };
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe("agentreg");
    const ruleIds = run.tool.driver.rules.map((rule) => rule.id);
    expect(ruleIds).toEqual(expect.arrayContaining(["description-missing", "field-unknown", "hidden-unicode", "frontmatter-yaml"]));
    expect(run.tool.driver.rules.every((rule) => rule.help.text.length > 10)).toBe(true);
    const byRule = Object.fromEntries(run.results.map((r) => [r.ruleId, r]));
    expect(byRule["description-missing"]).toMatchObject({ level: "error", locations: [{ physicalLocation: { artifactLocation: { uri: "broken.md" }, region: { startLine: 1 } } }] });
    expect(byRule["field-unknown"]).toMatchObject({ level: "warning", locations: [{ physicalLocation: { region: { startLine: 3 } } }] });
    for (const r of run.results) expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
  });

  it("reports the community seed's two double-encoded emoji as mojibake with their lines and columns", async () => {
    const dir = await makeTempDir();
    await copyFile(SEED.sharedFile, join(dir, "senior-backend-engineer.md"));
    const result = await runCli(["validate", "senior-backend-engineer.md", "--format", "sarif"], { cwd: dir });
    // Mojibake is a warning: the file still validates (exit 0), and the log says where to look.
    expect(result.code).toBe(0);
    const log = JSON.parse(result.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }> }> }>;
    };
    const mojibake = log.runs[0]!.results.filter((r) => r.ruleId === "mojibake");
    expect(mojibake.map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual([10, 84]);
    for (const r of mojibake) {
      expect(r.level).toBe("warning");
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe("senior-backend-engineer.md");
      expect(r.locations[0]!.physicalLocation.region.startColumn).toBeGreaterThan(0);
    }
    expect(mojibake[0]!.message.text).toContain("🧹");
    expect(mojibake[1]!.message.text).toContain("📋");
  });

  it("--format json is --json: the same report on stdout, and the failure as JSON on stderr", async () => {
    const dir = await makeTempDir();
    await writeFile(join(dir, "broken.md"), "---\nname: broken\ncolour: cyan\n---\nBody.\n");
    const flag = await runCli(["validate", "broken.md", "--json"], { cwd: dir });
    const format = await runCli(["validate", "broken.md", "--format", "json"], { cwd: dir });
    expect(format.code).toBe(1);
    expect(format.stdout).toBe(flag.stdout);
    expect(format.stderr).toBe(flag.stderr);
    expect(JSON.parse(format.stderr)).toMatchObject({ error: { code: "E_INVALID_AGENT" } });
  });

  it("refuses an unknown format with a usage error", async () => {
    const dir = await makeTempDir();
    expectCliError(await runCli(["validate", ".", "--format", "xml"], { cwd: dir }), "E_USAGE", 2);
  });
});
