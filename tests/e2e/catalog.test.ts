// The default registry as a catalog (issue 7): every agent in registry/ is complete, validates cleanly,
// grants only the tools its job needs, and the README's table is generated from it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateAgent } from "@agentreg/sdk";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, SEED, runProcess, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

const REGISTRY = join(REPO_ROOT, "registry");
const AGENTS_DIR = join(REGISTRY, "agents");

interface AgentSource {
  author?: string;
  license?: string;
  keywords?: string[];
  versions?: Record<string, { publishedAt: string }>;
  yanks?: string[];
}

/** Read once at collection time, so each agent gets its own named tests. */
const AGENT_NAMES = readdirSync(AGENTS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function readSource(name: string): AgentSource {
  return JSON.parse(readFileSync(join(AGENTS_DIR, name, "agent.json"), "utf8")) as AgentSource;
}

function versionFolders(name: string): string[] {
  return readdirSync(join(AGENTS_DIR, name), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every published file of every agent, as [name, version] pairs. */
const VERSION_FILES = AGENT_NAMES.flatMap((name) => versionFolders(name).map((version) => [name, version] as const));

function validateVersion(name: string, version: string) {
  const bytes = readFileSync(join(AGENTS_DIR, name, version, `${name}.md`));
  return validateAgent({ bytes, fileName: `${name}.md` });
}

/** Agents that only read and report: a write or a shell would let a review change what it reviews. */
const REVIEW_ONLY = ["accessibility-auditor", "code-reviewer", "migration-reviewer", "security-auditor"];
const WRITE_OR_SHELL_TOOLS = ["Bash", "Edit", "MultiEdit", "NotebookEdit", "Write"];

describe("the default registry's catalog", () => {
  it("holds at least 11 agents, the seed and every review-only agent among them", () => {
    expect(AGENT_NAMES.length).toBeGreaterThanOrEqual(11);
    expect(AGENT_NAMES).toEqual(expect.arrayContaining([SEED.name, ...REVIEW_ONLY]));
  });

  it("has at least two agents with two or more published versions", () => {
    const multi = AGENT_NAMES.filter((name) => Object.keys(readSource(name).versions ?? {}).length >= 2);
    expect(multi.length, `agents with >= 2 versions: ${multi.join(", ")}`).toBeGreaterThanOrEqual(2);
  });

  it.each(AGENT_NAMES)("%s: agent.json has a license, keywords and the same versions as its folders", (name) => {
    const source = readSource(name);
    expect(source.license).toBe("MIT");
    expect(source.author).toEqual(expect.any(String));
    expect(source.keywords?.length ?? 0).toBeGreaterThanOrEqual(1);
    for (const keyword of source.keywords ?? []) expect(keyword).toBe(keyword.toLowerCase());
    const folders = versionFolders(name);
    expect(folders.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(source.versions ?? {}).sort()).toEqual(folders);
    for (const version of folders) expect(existsSync(join(AGENTS_DIR, name, version, `${name}.md`)), `${name}@${version}`).toBe(true);
  });

  it.each(VERSION_FILES)("%s@%s validates with no errors and no warnings", (name, version) => {
    const result = validateVersion(name, version);
    const problems = result.issues.filter((issue) => issue.severity !== "info");
    expect(problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.agent?.name).toBe(name);
  });

  it.each(VERSION_FILES)("%s@%s has a description with <example> blocks", (name, version) => {
    const description = validateVersion(name, version).agent?.description ?? "";
    expect(description).toMatch(/<example>[\s\S]*?<\/example>/);
  });

  // The seed is the community original, kept byte for byte; every agent written for the catalog must
  // name its tools, because a missing `tools` field grants all of them.
  it.each(VERSION_FILES.filter(([name]) => name !== SEED.name))("%s@%s names its tools instead of getting all of them", (name, version) => {
    const result = validateVersion(name, version);
    expect(result.frontmatter?.tools, "`tools` field").toBeDefined();
    expect(result.agent?.tools).not.toBe("all");
    expect(result.agent?.tools.length).toBeGreaterThan(0);
  });

  it.each(VERSION_FILES.filter(([name]) => REVIEW_ONLY.includes(name)))("%s@%s is read-only: no tool that writes or runs commands", (name, version) => {
    const tools = validateVersion(name, version).agent?.tools;
    expect(Array.isArray(tools), `tools of ${name}: ${String(tools)}`).toBe(true);
    for (const tool of WRITE_OR_SHELL_TOOLS) expect(tools).not.toContain(tool);
  });
});

describe("scripts/catalog.mjs", () => {
  const script = join(REPO_ROOT, "scripts/catalog.mjs");

  it("--check finds the README's table current", async () => {
    const result = await runProcess(process.execPath, [script, "--check"], { cwd: REPO_ROOT });
    expect(result, result.stderr).toMatchObject({ code: 0, stderr: "" });
  });

  it("lists every agent in the README with its latest version", async () => {
    const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("<!-- catalog:start -->"), readme.indexOf("<!-- catalog:end -->"));
    for (const name of AGENT_NAMES) {
      const source = readSource(name);
      // The newest stable version that is not yanked: what `add` installs by default.
      const stable = Object.keys(source.versions ?? {}).filter((version) => !version.includes("-") && !(source.yanks ?? []).includes(version));
      const latest = stable.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).at(-1);
      expect(table).toContain(`| \`${name}\` | ${latest} |`);
    }
  });

  it("--check fails on a stale table, and a write makes it current with the same bytes as the README", async () => {
    // A copy of the repository's catalog inputs, with node_modules linked so the script finds the SDK.
    const copy = await makeTempDir("catalog");
    await mkdir(join(copy, "scripts"));
    await cp(script, join(copy, "scripts/catalog.mjs"));
    await cp(REGISTRY, join(copy, "registry"), { recursive: true });
    await symlink(join(REPO_ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    await writeFile(join(copy, "README.md"), "# Copy\n\n<!-- catalog:start -->\n<!-- catalog:end -->\n\nAfter.\n");
    const run = (args: string[]) => runProcess(process.execPath, ["scripts/catalog.mjs", ...args], { cwd: copy });

    const stale = await run(["--check"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("out of date");
    expect(await readFile(join(copy, "README.md"), "utf8")).not.toContain("| agent |");

    expect((await run([])).code).toBe(0);
    expect((await run(["--check"])).code).toBe(0);
    const written = await readFile(join(copy, "README.md"), "utf8");
    expect(written.startsWith("# Copy\n\n<!-- catalog:start -->\n| agent |")).toBe(true);
    expect(written.endsWith("<!-- catalog:end -->\n\nAfter.\n")).toBe(true);
    const section = (text: string) => text.slice(text.indexOf("<!-- catalog:start -->"), text.indexOf("<!-- catalog:end -->"));
    expect(section(written)).toBe(section(await readFile(join(REPO_ROOT, "README.md"), "utf8")));
  });
});
