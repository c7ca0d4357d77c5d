import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  agentText,
  buildRegistry,
  createRegistrySource,
  expectCliError,
  jsonError,
  publishVersion,
  readJson,
  runCli,
  sha512Sri,
  snapshotTree,
  useRegistry,
  useTempDirs,
} from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const alpha = agentText({ name: "alpha", description: "Alpha agent", tools: ["Read", "Grep"] });
const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: alpha },
  { name: "alpha", version: "1.1.0", text: agentText({ name: "alpha", description: "Alpha agent", body: "Alpha 1.1\n" }) },
  { name: "beta", version: "0.1.0", text: agentText({ name: "beta", description: "Beta agent" }) },
]);

describe("registry init", () => {
  it("creates registry.json and an agents folder", async () => {
    const source = join(await makeTempDir("source"), "acme-src");
    const result = await runCli(["registry", "init", source, "--name", "acme"], { cwd: await makeTempDir("cwd") });
    expect(result.code).toBe(0);
    expect(await snapshotTree(source)).toEqual({ "agents/": "dir", "registry.json": expect.any(String) });
    expect(await readJson(join(source, "registry.json"))).toEqual({ keys: [], name: "acme", serial: 0 });
  });

  it("refuses a folder that is not empty, and leaves it untouched", async () => {
    const source = await makeTempDir("source");
    await writeFile(join(source, "notes.txt"), "mine\n");
    expectCliError(await runCli(["registry", "init", source], { cwd: source }), "E_EXISTS");
    expect(await snapshotTree(source)).toEqual({ "notes.txt": "mine\n" });
  });
});

describe("publish", () => {
  it("adds the file as a new version folder holding the identical bytes", async () => {
    const source = await createRegistrySource(join(await makeTempDir("source"), "src"), []);
    const text = `${alpha.replaceAll("\n", "\r\n")}no final newline, CRLF, é and e\u0301`;
    await publishVersion(source, { name: "alpha", version: "1.0.0", text });

    expect(await readFile(join(source, "agents/alpha/1.0.0/alpha.md"))).toEqual(Buffer.from(text));
    expect(await readJson(join(source, "agents/alpha/agent.json"))).toMatchObject({ versions: { "1.0.0": { publishedAt: expect.any(String) } } });
    expect(await readJson(join(source, "registry.json"))).toMatchObject({ serial: 1 });
  });

  it("refuses to publish an existing version again and changes nothing", async () => {
    const source = await createRegistrySource(join(await makeTempDir("source"), "src"), [{ name: "alpha", version: "1.0.0", text: alpha }]);
    const files = await makeTempDir("files");
    await writeFile(join(files, "alpha.md"), agentText({ name: "alpha", description: "Changed" }));
    const before = await snapshotTree(source);

    const result = await runCli(["publish", "alpha.md", "--to", source, "--version", "1.0.0"], { cwd: files });
    expectCliError(result, "E_VERSION_EXISTS");
    expect(result.stderr).toContain("alpha@1.0.0");
    expect(await snapshotTree(source)).toEqual(before);
  });

  const invalidAgents = [
    { problem: "has no description", text: "---\nname: alpha\nmodel: sonnet\n---\nBody.\n", rule: "description-missing", line: /\d+/ },
    { problem: "has frontmatter that fails both YAML passes", text: "---\nname: alpha\ndescription: [unclosed\n  more: text\n---\nBody.\n", rule: "frontmatter-yaml", line: /3/ },
  ];

  it.each(invalidAgents)("refuses an agent that $problem with E_INVALID_AGENT and its line, writing nothing", async ({ text, rule, line }) => {
    const source = await createRegistrySource(join(await makeTempDir("source"), "src"), []);
    const files = await makeTempDir("files");
    await writeFile(join(files, "alpha.md"), text);
    const before = await snapshotTree(source);

    const result = await runCli(["publish", "alpha.md", "--to", source, "--version", "1.0.0", "--json"], { cwd: files });
    expect(result.code).toBe(1);
    const error = jsonError(result);
    expect(error.code).toBe("E_INVALID_AGENT");
    expect(await snapshotTree(source)).toEqual(before);
    expect(error.details).toMatchObject({ issues: [expect.objectContaining({ ruleId: rule, line: expect.any(Number) })] });
    expect(error.subject).toMatch(new RegExp(`^alpha\\.md:${line.source}$`));
  });

  it.each(invalidAgents)("the text error for an agent that $problem shows the line too", async ({ text, line }) => {
    const source = await createRegistrySource(join(await makeTempDir("source"), "src"), []);
    const files = await makeTempDir("files");
    await writeFile(join(files, "alpha.md"), text);

    const result = await runCli(["publish", "alpha.md", "--to", source, "--version", "1.0.0"], { cwd: files });
    expectCliError(result, "E_INVALID_AGENT");
    expect(result.stderr).toMatch(new RegExp(`alpha\\.md:${line.source}\\b|line ${line.source}\\b`));
  });

  it.each([
    { what: "a version that is not x.y.z", args: ["--version", "1.0"], code: "E_USAGE", exit: 2 },
    { what: "a folder that is not a registry source", args: ["--version", "1.0.0", "--to", "."], code: "E_NOT_FOUND", exit: 1 },
  ])("refuses $what", async ({ args, code, exit }) => {
    const source = await createRegistrySource(join(await makeTempDir("source"), "src"), []);
    const files = await makeTempDir("files");
    await writeFile(join(files, "alpha.md"), alpha);
    const [before, beforeFiles] = [await snapshotTree(source), await snapshotTree(files)];

    expectCliError(await runCli(["publish", "alpha.md", "--to", source, ...args], { cwd: files }), code, exit);
    expect([await snapshotTree(source), await snapshotTree(files)]).toEqual([before, beforeFiles]);
  });
});

describe("registry build", () => {
  it("writes the index, one packument per agent and one tarball per version", async () => {
    const files = Object.keys(await snapshotTree(registry.out)).filter((path) => !path.endsWith("/"));
    expect(files).toEqual(
      expect.arrayContaining(["index.json", "agents/alpha.json", "agents/beta.json", "tarballs/alpha/alpha-1.0.0.tgz", "tarballs/alpha/alpha-1.1.0.tgz", "tarballs/beta/beta-0.1.0.tgz"]),
    );
    const index = await readJson(join(registry.out, "index.json"));
    expect(index.agents.map((agent: { name: string; latest: string }) => [agent.name, agent.latest])).toEqual([["alpha", "1.1.0"], ["beta", "0.1.0"]]);

    const packument = await readJson(join(registry.out, "agents/alpha.json"));
    expect(packument.distTags).toEqual({ latest: "1.1.0" });
    for (const version of ["1.0.0", "1.1.0"]) {
      const tarball = await readFile(join(registry.out, `tarballs/alpha/alpha-${version}.tgz`));
      expect(packument.versions[version]).toMatchObject({ integrity: sha512Sri(tarball), size: tarball.length, tarball: `tarballs/alpha/alpha-${version}.tgz` });
    }
    expect(packument.versions["1.0.0"].frontmatter).toEqual({ name: "alpha", description: "Alpha agent", tools: "Read, Grep" });
  });

  it("is deterministic: the same source builds byte-identical trees", async () => {
    const again = await buildRegistry(registry.source, join(await makeTempDir("registry"), "out"));
    expect(await snapshotTree(again)).toEqual(await snapshotTree(registry.out));
  });

  it("replaces an earlier build in --out, dropping files the source no longer makes", async () => {
    const source = join(await makeTempDir("source"), "src");
    await cp(registry.source, source, { recursive: true });
    const out = await buildRegistry(source, join(await makeTempDir("registry"), "out"));
    await writeFile(join(out, "tarballs/stale.tgz"), "stale");
    await publishVersion(source, { name: "beta", version: "0.2.0", text: agentText({ name: "beta", description: "Beta agent", body: "0.2\n" }) });

    await buildRegistry(source, out);
    const tree = await snapshotTree(out);
    expect(tree).not.toHaveProperty(["tarballs/stale.tgz"]);
    expect(tree).toHaveProperty(["tarballs/beta/beta-0.2.0.tgz"]);
    expect((await readJson(join(out, "agents/beta.json"))).distTags).toEqual({ latest: "0.2.0" });
    // Nothing is left beside --out either (no staging or retired folders).
    expect(Object.keys(await snapshotTree(join(out, ".."))).sort()).toEqual(["out/", ...Object.keys(tree).map((path) => `out/${path}`)].sort());
  });

  it("refuses a non-empty --out that is not a registry, and leaves it untouched", async () => {
    const out = await makeTempDir("out");
    await mkdir(join(out, "src"));
    await writeFile(join(out, "src/main.ts"), "export {};\n");
    const before = await snapshotTree(out);

    expectCliError(await runCli(["registry", "build", registry.source, "--out", out], { cwd: out }), "E_EXISTS");
    expect(await snapshotTree(out)).toEqual(before);
  });
});

describe("--dry-run", () => {
  it.each([
    { command: "registry init", args: (dir: string) => ["registry", "init", join(dir, "new-src")] },
    { command: "publish", args: (dir: string) => ["publish", join(dir, "alpha.md"), "--to", join(dir, "src"), "--version", "2.0.0"] },
    { command: "registry build", args: (dir: string) => ["registry", "build", join(dir, "src"), "--out", join(dir, "out")] },
  ])("$command reports what it would do and writes nothing", async ({ args }) => {
    const dir = await makeTempDir("work");
    await cp(registry.source, join(dir, "src"), { recursive: true });
    await writeFile(join(dir, "alpha.md"), alpha);
    const before = await snapshotTree(dir);

    const result = await runCli(["--dry-run", ...args(dir)], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^would /);
    expect(await snapshotTree(dir)).toEqual(before);
  });
});

describe("installing from a folder registry", () => {
  it("a built folder and its source folder install the same bytes with the same integrity", async () => {
    const [fromBuilt, fromSource] = [await makeTempDir(), await makeTempDir()];
    expect((await runCli(["add", "alpha@1.0.0", "--registry", registry.out], { cwd: fromBuilt })).code).toBe(0);
    expect((await runCli(["add", "alpha@1.0.0", "--registry", registry.source], { cwd: fromSource })).code).toBe(0);

    for (const project of [fromBuilt, fromSource]) {
      expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(alpha);
    }
    const [built, source] = [await readJson(join(fromBuilt, "agentreg.lock")), await readJson(join(fromSource, "agentreg.lock"))];
    expect(built.agents.alpha.integrity).toBe(sha512Sri(await readFile(join(registry.out, "tarballs/alpha/alpha-1.0.0.tgz"))));
    expect(source.agents.alpha).toMatchObject({ integrity: built.agents.alpha.integrity, files: built.agents.alpha.files });
  });

  it.each([
    { cwd: "the project", dir: [], registryArg: "./reg", recorded: "./reg" },
    { cwd: "its parent", dir: ["--dir", "project"], registryArg: "reg", recorded: "../reg" },
  ])("--registry given from $cwd is locked as $recorded, so install --frozen needs no --registry", async ({ cwd, dir, registryArg, recorded }) => {
    const parent = await makeTempDir("parent");
    const project = join(parent, "project");
    await mkdir(project);
    const reg = cwd === "the project" ? join(project, "reg") : join(parent, "reg");
    await cp(registry.out, reg, { recursive: true });

    const added = await runCli([...dir, "add", "beta", "--registry", registryArg], { cwd: cwd === "the project" ? project : parent });
    expect(added.code).toBe(0);
    expect((await readJson(join(project, "agentreg.lock"))).agents.beta).toMatchObject({ registry: recorded, resolved: `${recorded}/tarballs/beta/beta-0.1.0.tgz` });

    await rm(join(project, ".claude"), { recursive: true });
    const installed = await runCli(["install", "--frozen"], { cwd: project });
    expect(installed.code).toBe(0);
    expect(await readFile(join(project, ".claude/agents/beta.md"), "utf8")).toBe(agentText({ name: "beta", description: "Beta agent" }));
  });
});
