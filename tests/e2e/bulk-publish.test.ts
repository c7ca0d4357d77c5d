// `publish <files or folders…>` (issue 13): many agents in one process, from plain folder trees and
// from Claude Code plugin marketplaces, each file reported as published, skipped or refused.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, assertSucceeded, buildRegistry, createRegistrySource, jsonError, readJson, runCli, snapshotTree, useTempDirs, type ProcessResult } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

/** Writes `files` (relative POSIX path -> text) under `dir`. */
async function writeTree(dir: string, files: Record<string, string>): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** A work folder with an empty registry source `src` in it. */
async function workspace(): Promise<{ work: string; source: string }> {
  const work = await makeTempDir("work");
  return { work, source: await createRegistrySource(join(work, "src"), []) };
}

const agent = (name: string, body = `You are ${name}.\n`): string => agentText({ name, description: `${name} agent`, body });

/** The stdout lines of a publish, without the summary and next-step lines. */
const fileLines = (result: ProcessResult): string[] => result.stdout.split("\n").filter((line) => /^(published|would publish|skipped|refused) /.test(line));

interface JsonFile {
  file: string;
  status: string;
  name?: string;
  version?: string;
  renamed?: boolean;
  reason?: string;
  ruleId?: string;
  error?: { code: string; message: string };
}

describe("publish many files and folders", () => {
  it("publishes files and folders given together, in the order given, with one serial raise", async () => {
    const { work, source } = await workspace();
    await writeTree(work, {
      "one.md": agent("one"),
      "team/two.md": agent("two"),
      "team/nested/three.md": agent("three"),
      "more/four.md": agent("four"),
    });
    const result = await runCli(["publish", "one.md", "team", "more", "--to", source, "--version", "1.0.0", "--license", "MIT"], { cwd: work });

    expect(result.code).toBe(0);
    expect(fileLines(result)).toEqual([
      "published one@1.0.0 from one.md",
      "published three@1.0.0 from team/nested/three.md",
      "published two@1.0.0 from team/two.md",
      "published four@1.0.0 from more/four.md",
    ]);
    expect(result.stdout).toContain(`4 published, 0 skipped, 0 refused (${source})`);
    for (const [name, path] of [["one", "one.md"], ["two", "team/two.md"], ["three", "team/nested/three.md"], ["four", "more/four.md"]] as const) {
      expect(await readFile(join(source, `agents/${name}/1.0.0/${name}.md`), "utf8")).toBe(await readFile(join(work, path), "utf8"));
      expect(await readJson(join(source, `agents/${name}/agent.json`))).toMatchObject({ license: "MIT", versions: { "1.0.0": { publishedAt: expect.any(String) } } });
    }
    expect(await readJson(join(source, "registry.json"))).toMatchObject({ serial: 1 });
  });

  it("skips a file whose exact bytes are already published at that version, and writes nothing", async () => {
    const { work, source } = await workspace();
    await writeTree(work, { "agents/alpha.md": agent("alpha"), "agents/beta.md": agent("beta") });
    assertSucceeded(await runCli(["publish", "agents", "--to", source, "--version", "1.0.0"], { cwd: work }), "first publish");
    const before = await snapshotTree(source);

    const again = await runCli(["publish", "agents", "--to", source, "--version", "1.0.0"], { cwd: work });
    expect(again.code).toBe(0);
    expect(fileLines(again)).toEqual([
      "skipped agents/alpha.md: alpha@1.0.0 is already published with these exact bytes",
      "skipped agents/beta.md: beta@1.0.0 is already published with these exact bytes",
    ]);
    expect(await snapshotTree(source)).toEqual(before);
  });

  it("refuses invalid files and other bytes at a published version, publishes the rest, and exits 1", async () => {
    const { work, source } = await workspace();
    await writeTree(work, { "agents/alpha.md": agent("alpha") });
    assertSucceeded(await runCli(["publish", "agents/alpha.md", "--to", source, "--version", "1.0.0"], { cwd: work }), "publish alpha");
    await writeTree(work, {
      "agents/alpha.md": agent("alpha", "Changed.\n"),
      "agents/beta.md": agent("beta"),
      "agents/broken.md": "---\nname: broken\n---\nno description\n",
      "agents/gamma.md": agent("gamma"),
    });

    const result = await runCli(["publish", "agents", "--to", source, "--version", "1.0.0"], { cwd: work });
    expect(result.code).toBe(1);
    expect(fileLines(result)).toEqual([
      expect.stringMatching(/^refused agents\/alpha\.md: E_VERSION_EXISTS: alpha@1\.0\.0 is already published with other bytes/),
      "published beta@1.0.0 from agents/beta.md",
      expect.stringMatching(/^refused agents\/broken\.md: E_INVALID_AGENT description-missing: agents\/broken\.md(:\d+)? is not a valid agent/),
      "published gamma@1.0.0 from agents/gamma.md",
    ]);
    expect(result.stdout).toContain("2 published, 0 skipped, 2 refused");
    expect(result.stderr).toMatch(/^agentreg: E_VERSION_EXISTS 2 of 4 files refused; 2 were published\n/);
    expect(await readFile(join(source, "agents/alpha/1.0.0/alpha.md"), "utf8")).toBe(agent("alpha"));
    expect(Object.keys(await snapshotTree(join(source, "agents"))).filter((path) => path.endsWith(".md"))).toEqual([
      "alpha/1.0.0/alpha.md",
      "beta/1.0.0/beta.md",
      "gamma/1.0.0/gamma.md",
    ]);
  });

  it("publishes one name once per run: the same bytes twice are skipped, other bytes refused", async () => {
    const { work, source } = await workspace();
    await writeTree(work, { "a/alpha.md": agent("alpha"), "b/alpha.md": agent("alpha"), "c/alpha.md": agent("alpha", "Other.\n") });
    const result = await runCli(["publish", "a", "b", "c", "--to", source, "--bump", "minor"], { cwd: work });
    expect(result.code).toBe(1);
    expect(fileLines(result)).toEqual([
      "published alpha@0.1.0 from a/alpha.md",
      "skipped b/alpha.md: the same file as a/alpha.md",
      expect.stringMatching(/^refused c\/alpha\.md: E_EXISTS: c\/alpha\.md is also agent alpha, already published from a\/alpha\.md/),
    ]);
  });
});

describe("publish --rename: namespaced names", () => {
  const files = {
    "agents/fastapi-pro.md": agent("python-development-fastapi-pro"),
    "agents/plain.md": agent("plain"),
  };

  it("without --rename refuses a file whose name differs from its frontmatter name, and says how to publish it", async () => {
    const { work, source } = await workspace();
    await writeTree(work, files);
    const result = await runCli(["publish", "agents", "--to", source, "--version", "1.0.0", "--json"], { cwd: work });
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as { files: JsonFile[] };
    expect(output.files).toEqual([
      expect.objectContaining({ file: "agents/fastapi-pro.md", status: "refused", ruleId: "name-mismatch", error: expect.objectContaining({ code: "E_INVALID_AGENT", hint: expect.stringContaining("--rename") }) }),
      expect.objectContaining({ file: "agents/plain.md", status: "published", name: "plain", version: "1.0.0", renamed: false }),
    ]);
    expect(jsonError(result)).toMatchObject({ code: "E_INVALID_AGENT", hint: expect.stringContaining("--rename") });
    expect(await snapshotTree(join(source, "agents"))).not.toHaveProperty(["python-development-fastapi-pro/"]);
  });

  it("with --rename publishes it under its frontmatter name, byte for byte, and installs it as <name>.md", async () => {
    const { work, source } = await workspace();
    await writeTree(work, files);
    const result = await runCli(["publish", "agents", "--to", source, "--version", "1.0.0", "--rename"], { cwd: work });
    expect(result.code).toBe(0);
    expect(fileLines(result)).toEqual([
      "published python-development-fastapi-pro@1.0.0 from agents/fastapi-pro.md, renamed",
      "published plain@1.0.0 from agents/plain.md",
    ]);
    const published = join(source, "agents/python-development-fastapi-pro/1.0.0/python-development-fastapi-pro.md");
    expect(await readFile(published, "utf8")).toBe(files["agents/fastapi-pro.md"]);

    const out = await buildRegistry(source, join(work, "out"));
    const project = await makeTempDir("project");
    assertSucceeded(await runCli(["add", "python-development-fastapi-pro", "--registry", out], { cwd: project }), "add");
    expect(await readFile(join(project, ".claude/agents/python-development-fastapi-pro.md"), "utf8")).toBe(files["agents/fastapi-pro.md"]);
  });
});

describe("publish from a Claude Code plugin marketplace folder", () => {
  const marketplace = {
    name: "workflows",
    owner: { name: "Collection Owner" },
    plugins: [
      { name: "python-development", source: "./plugins/python-development", license: "MIT", keywords: ["Python", "backend"], author: { name: "Ada" } },
      { name: "review-kit", source: "./plugins/review-kit", agents: ["./extra/strict-reviewer.md"] },
      { name: "remote", source: { source: "github", repo: "someone/remote-plugin" } },
      { name: "escapes", source: "../outside" },
    ],
  };
  const tree = {
    ".claude-plugin/marketplace.json": JSON.stringify(marketplace, null, 2),
    "README.md": "# A collection\n",
    "plugins/python-development/agents/fastapi-pro.md": agent("python-development-fastapi-pro"),
    "plugins/python-development/agents/django-pro.md": agent("python-development-django-pro"),
    "plugins/python-development/agents/README.md": "# Agents of this plugin\n",
    "plugins/python-development/commands/scaffold.md": "---\ndescription: Scaffolds a project\n---\nScaffold it.\n",
    "plugins/python-development/skills/uv/SKILL.md": "---\nname: uv\ndescription: Uses uv\n---\nUse uv.\n",
    "plugins/review-kit/.claude-plugin/plugin.json": JSON.stringify({ name: "review-kit", agents: ["./more"] }),
    "plugins/review-kit/agents/reviewer.md": agent("reviewer"),
    "plugins/review-kit/extra/strict-reviewer.md": agent("strict-reviewer"),
    "plugins/review-kit/more/nitpicker.md": agent("nitpicker"),
    "stray/not-a-plugin.md": agent("stray"),
  };

  it("publishes every local plugin's agents with the plugin's metadata, and reports what it skipped", async () => {
    const { work, source } = await workspace();
    await writeTree(join(work, "outside"), { "agents/outsider.md": agent("outsider") });
    await writeTree(join(work, "market"), tree);
    const result = await runCli(["publish", "market", "--to", source, "--version", "1.0.0", "--rename"], { cwd: work });

    expect(result.code).toBe(0);
    expect(fileLines(result)).toEqual([
      "skipped market/plugins/python-development/agents/README.md: a README, not an agent",
      "published python-development-django-pro@1.0.0 from market/plugins/python-development/agents/django-pro.md, renamed",
      "published python-development-fastapi-pro@1.0.0 from market/plugins/python-development/agents/fastapi-pro.md, renamed",
      "published reviewer@1.0.0 from market/plugins/review-kit/agents/reviewer.md",
      "published strict-reviewer@1.0.0 from market/plugins/review-kit/extra/strict-reviewer.md",
      "published nitpicker@1.0.0 from market/plugins/review-kit/more/nitpicker.md",
      expect.stringMatching(/^skipped market\/\.claude-plugin\/marketplace\.json: plugin remote comes from github, not from this folder/),
      expect.stringMatching(/^skipped outside: plugin escapes: outside is outside the marketplace folder /),
    ]);
    // Commands, skills and files outside the plugins are not agents of the marketplace.
    // Whole words: the temp folder's random name can contain "uv".
    expect(result.stdout).not.toMatch(/\b(scaffold|uv|stray|outsider)\b/);
    expect(await readJson(join(source, "agents/python-development-fastapi-pro/agent.json"))).toMatchObject({ license: "MIT", keywords: ["backend", "python"], author: "Ada" });
    expect(await readFile(join(source, "agents/nitpicker/1.0.0/nitpicker.md"), "utf8")).toBe(tree["plugins/review-kit/more/nitpicker.md"]);
  });

  it("round trip: a built registry is a marketplace another registry can import byte for byte", async () => {
    const { work, source } = await workspace();
    await writeTree(work, { "agents/alpha.md": agent("alpha"), "agents/beta.md": agent("beta", "Beta\r\nwith CRLF and é\r\n") });
    assertSucceeded(await runCli(["publish", "agents", "--to", source, "--version", "1.2.0"], { cwd: work }), "publish");
    const out = await buildRegistry(source, join(work, "out"));
    const mirror = await createRegistrySource(join(work, "mirror"), []);

    const result = await runCli(["publish", out, "--to", mirror, "--version", "1.2.0"], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2 published, 0 skipped, 0 refused");
    for (const name of ["alpha", "beta"]) {
      expect(await readFile(join(mirror, `agents/${name}/1.2.0/${name}.md`))).toEqual(await readFile(join(source, `agents/${name}/1.2.0/${name}.md`)));
    }
  });
});

describe("publish from a plain folder tree", () => {
  it("publishes every .md with a named frontmatter, at any depth, and skips the rest with a reason", async () => {
    const { work, source } = await workspace();
    await writeTree(join(work, "collection"), {
      "README.md": "# My agents\n",
      "notes.md": "Just notes, no frontmatter.\n",
      "backend/api-designer.md": agent("api-designer"),
      "backend/commands/deploy.md": "---\ndescription: Deploys\n---\nDeploy.\n",
      "frontend/deep/er/ui-reviewer.md": agent("ui-reviewer"),
      ".claude/agents/local-helper.md": agent("local-helper"),
      "node_modules/pkg/agent.md": agent("agent"),
    });
    // The registry source inside the tree being imported is never read as input.
    await createRegistrySource(join(work, "collection/registry"), []);
    const inner = join(work, "collection/registry");

    const result = await runCli(["publish", "collection", "--to", inner, "--version", "1.0.0"], { cwd: work });
    expect(result.code).toBe(0);
    expect(fileLines(result)).toEqual([
      "published local-helper@1.0.0 from collection/.claude/agents/local-helper.md",
      "skipped collection/README.md: a README, not an agent",
      "published api-designer@1.0.0 from collection/backend/api-designer.md",
      "skipped collection/backend/commands/deploy.md: its frontmatter has no name: not an agent",
      "published ui-reviewer@1.0.0 from collection/frontend/deep/er/ui-reviewer.md",
      "skipped collection/notes.md: no frontmatter: not an agent",
    ]);
    expect(await snapshotTree(source)).toEqual({ "agents/": "dir", "registry.json": expect.any(String) });
  });

  it("refuses a named file without frontmatter instead of skipping it", async () => {
    const { work, source } = await workspace();
    await writeTree(work, { "notes.md": "no frontmatter\n", "alpha.md": agent("alpha") });
    const result = await runCli(["publish", "notes.md", "alpha.md", "--to", source, "--version", "1.0.0"], { cwd: work });
    expect(result.code).toBe(1);
    expect(fileLines(result)).toEqual([expect.stringMatching(/^refused notes\.md: E_INVALID_AGENT frontmatter-missing: /), "published alpha@1.0.0 from alpha.md"]);
  });
});

describe("publish --dry-run and --json", () => {
  it("--dry-run reports what it would publish, skip and refuse, and writes nothing", async () => {
    const { work, source } = await workspace();
    await writeTree(work, { "agents/alpha.md": agent("alpha"), "agents/README.md": "# x\n", "agents/bad.md": "---\nname: bad\n---\n" });
    const before = await snapshotTree(source);
    const result = await runCli(["publish", "agents", "--to", source, "--bump", "major", "--dry-run"], { cwd: work });
    expect(result.code).toBe(1);
    expect(fileLines(result)).toEqual([
      "skipped agents/README.md: a README, not an agent",
      "would publish alpha@1.0.0 from agents/alpha.md",
      expect.stringMatching(/^refused agents\/bad\.md: E_INVALID_AGENT description-missing: /),
    ]);
    expect(result.stdout).toContain("1 would be published, 1 skipped, 1 refused");
    expect(result.stdout).toContain("dry run: nothing was written");
    expect(await snapshotTree(source)).toEqual(before);
  });

  it("--json reports every file with its status, name, version, reason or rule", async () => {
    const { work, source } = await workspace();
    await writeTree(work, { "agents/alpha.md": agent("alpha"), "agents/README.md": "# x\n", "agents/bad.md": "---\nname: bad\n---\n" });
    const result = await runCli(["publish", "agents", "--to", source, "--version", "2.0.0", "--json"], { cwd: work });
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as { to: string; files: JsonFile[]; published: number; skipped: number; refused: number; dryRun: boolean };
    expect(output).toMatchObject({ to: source, published: 1, skipped: 1, refused: 1, dryRun: false });
    expect(output.files).toEqual([
      { file: "agents/README.md", status: "skipped", reason: "a README, not an agent" },
      expect.objectContaining({ file: "agents/alpha.md", status: "published", name: "alpha", version: "2.0.0", renamed: false, written: ["agents/alpha/2.0.0/alpha.md", "agents/alpha/agent.json", "registry.json"] }),
      expect.objectContaining({ file: "agents/bad.md", status: "refused", ruleId: "description-missing", error: expect.objectContaining({ code: "E_INVALID_AGENT", message: expect.stringContaining("is not a valid agent") }) }),
    ]);
    expect(jsonError(result)).toMatchObject({ code: "E_INVALID_AGENT", message: "1 of 3 files refused; 1 was published" });
  });
});

describe("500 agents in one publish", () => {
  it("publishes them in one process; the registry builds and one `add` installs all 500 byte for byte", async () => {
    const { work, source } = await workspace();
    const names = Array.from({ length: 500 }, (_, i) => `bulk-agent-${String(i).padStart(3, "0")}`);
    // Spread over folders of 50, as a collection's categories are.
    await writeTree(join(work, "agents"), Object.fromEntries(names.map((name, i) => [`group-${Math.floor(i / 50)}/${name}.md`, agent(name, `You are ${name}.\nAgent number ${i}.\n`)])));

    const published = await runCli(["publish", "agents", "--to", source, "--version", "1.0.0", "--keywords", "bulk"], { cwd: work });
    expect(published.code).toBe(0);
    expect(published.stdout).toContain("500 published, 0 skipped, 0 refused");

    const out = await buildRegistry(source, join(work, "out"));
    expect((await readJson(join(out, "index.json"))).agents).toHaveLength(500);
    const project = await makeTempDir("project");
    const added = await runCli(["add", ...names, "--registry", out], { cwd: project });
    expect(added.code).toBe(0);
    for (const [i, name] of names.entries()) {
      expect(await readFile(join(project, `.claude/agents/${name}.md`), "utf8")).toBe(agent(name, `You are ${name}.\nAgent number ${i}.\n`));
    }
    expect(Object.keys((await readJson(join(project, "agentreg.lock"))).agents)).toHaveLength(500);
  });
});
