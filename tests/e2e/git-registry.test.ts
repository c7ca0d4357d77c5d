// Issue 16: a git repository as a registry. Real git: a bare remote served as file://, real commits
// and tags; the built CLI installs from it, locks the commit and path, and reinstalls exactly those bytes.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentText, expectCliError, readJson, runCli, sha512Sri, snapshotTree, updateJson, useTempDirs } from "../helpers/fixtures.js";
import { git, makeGitRepo, type GitRepo } from "../helpers/git-fixtures.js";
import { startGitHttp, type GitHttpServer } from "../helpers/git-http.js";

const makeTempDir = useTempDirs();
const makeFileDir = useTempDirs("file");

const reviewer = (body: string): string => agentText({ name: "reviewer", description: "Reviews changes", body: `${body}\n` });
const linter = agentText({ name: "linter", description: "Lints code" });

/** The files kept beside the git mirrors in `cache` whose paths (relative to `cache/git`) match `pattern`. */
async function mirrorRecords(cache: string, pattern: RegExp): Promise<string[]> {
  return (await readdir(join(cache, "git"), { recursive: true })).filter((path) => pattern.test(path));
}

async function cli(args: string[], cwd: string, cache: string): ReturnType<typeof runCli> {
  return runCli(args, { cwd, env: { AGENTREG_CACHE: cache } });
}

describe("a git repository as a registry", () => {
  const repo = { current: undefined as unknown as GitRepo, tagged: "", reviewed: "" };
  beforeAll(async () => {
    const r = await makeGitRepo(await makeFileDir("git"));
    repo.current = r;
    // v1.0.0: both agents, one in a plugin's agents/ folder (the marketplace layout).
    await r.commit({ "agents/reviewer.md": reviewer("one"), "plugins/lint/agents/linter.md": linter, "README.md": "# Agents\n" });
    r.tag("v1.0.0");
    repo.tagged = r.head();
    // reviewer@1.1.0 versions only the reviewer.
    repo.reviewed = await r.commit({ "agents/reviewer.md": reviewer("one point one") });
    r.tag("reviewer@1.1.0");
    // Untagged work on main: a pseudo-version, which no range picks unless asked.
    await r.commit({ "agents/reviewer.md": reviewer("unreleased") });
  });

  it("add installs the highest tagged version, and the lock records the commit, the path and the file's sha512", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const result = await cli(["add", "reviewer", "--registry", repo.current.location], project, cache);
    expect(result.code, result.stderr).toBe(0);
    const installed = await readFile(join(project, ".claude/agents/reviewer.md"), "utf8");
    expect(installed).toBe(reviewer("one point one"));
    const lock = await readJson(join(project, "agentreg.lock"));
    expect(lock.agents.reviewer).toEqual({
      version: "1.1.0",
      registry: repo.current.location,
      resolved: `${repo.current.location}#${repo.reviewed}/agents/reviewer.md`,
      integrity: sha512Sri(installed),
      files: { ".claude/agents/reviewer.md": sha512Sri(installed) },
    });
    expect((await readJson(join(project, "agentreg.json"))).agents.reviewer).toEqual({ version: "^1.1.0", registry: repo.current.location });
  });

  it("reads an agent wherever it sits (a plugin's agents/ folder), versioned by the repository's tags", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const result = await cli(["add", "linter", "--registry", repo.current.location], project, cache);
    expect(result.code, result.stderr).toBe(0);
    expect((await readJson(join(project, "agentreg.lock"))).agents.linter).toMatchObject({ version: "1.0.0", resolved: `${repo.current.location}#${repo.tagged}/plugins/lint/agents/linter.md` });
  });

  it("install --frozen restores the locked bytes from the commit, even after the tag moved", async () => {
    const root = await makeFileDir("moving");
    const r = await makeGitRepo(root);
    await r.commit({ "agents/reviewer.md": reviewer("first") });
    r.tag("v1.0.0");
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    expect((await cli(["add", "reviewer", "--registry", r.location], project, cache)).code).toBe(0);
    const before = await snapshotTree(project);
    await r.commit({ "agents/reviewer.md": reviewer("retagged") });
    r.tag("v1.0.0", { move: true });
    await rm(join(project, ".claude"), { recursive: true });
    // A new cache too: the commit is fetched from the remote by its id.
    const result = await cli(["install", "--frozen"], project, await makeTempDir("cache"));
    expect(result.code, result.stderr).toBe(0);
    expect(await snapshotTree(project)).toEqual(before);
    // The moved tag is other bytes under a version the lock has: update says so and changes nothing.
    const update = await cli(["update"], project, cache);
    expect(update.code).not.toBe(0);
    expect(update.stderr).toContain("reviewer@1.0.0: version republished");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("refuses an agent file over 4 MiB without reading it, and writes nothing", async () => {
    const r = await makeGitRepo(await makeFileDir("huge"));
    await r.commit({ "agents/huge.md": `${agentText({ name: "huge", description: "Huge" })}${"x".repeat(5 * 1024 * 1024)}\n` });
    r.tag("v1.0.0");
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const result = await cli(["add", "huge", "--registry", r.location], project, cache);
    expectCliError(result, "E_UNSAFE_PATH");
    expect(result.stderr).toMatch(/agents\/huge\.md is \d+ bytes, over the 4194304-byte limit/);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("a locked commit the remote lost is served from the cache, and without the cache is E_NOT_FOUND, never other bytes", async () => {
    const r = await makeGitRepo(await makeFileDir("lost"));
    await r.commit({ "agents/reviewer.md": reviewer("original") });
    r.tag("v1.0.0");
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    expect((await cli(["add", "reviewer", "--registry", r.location], project, cache)).code).toBe(0);
    const before = await snapshotTree(project);
    // Rewrite history: a new root commit on main, the tag moved onto it, the old commit pruned.
    git(r.work, "checkout", "--quiet", "--orphan", "rewritten");
    await r.commit({ "agents/reviewer.md": reviewer("rewritten") });
    git(r.work, "push", "--quiet", "--force", "origin", "rewritten:main");
    r.tag("v1.0.0", { move: true });
    git(r.remote, "reflog", "expire", "--expire=now", "--all");
    git(r.remote, "gc", "--quiet", "--prune=now");

    await rm(join(project, ".claude"), { recursive: true });
    const cached = await cli(["install", "--frozen"], project, cache);
    expect(cached.code, cached.stderr).toBe(0);
    expect(await snapshotTree(project)).toEqual(before);

    await rm(join(project, ".claude"), { recursive: true });
    const withoutCache = await snapshotTree(project);
    const gone = await cli(["install", "--frozen"], project, await makeTempDir("cache"));
    expectCliError(gone, "E_NOT_FOUND");
    expect(gone.stderr).toMatch(/commit [0-9a-f]{40} is gone from/);
    expect(await snapshotTree(project)).toEqual(withoutCache);
  });

  it("--offline installs from the cached mirror, and says E_OFFLINE when there is none", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    expectCliError(await cli(["add", "reviewer", "--registry", repo.current.location, "--offline"], project, cache), "E_OFFLINE");
    expect(await snapshotTree(project)).toEqual({});
    expect((await cli(["add", "linter", "--registry", repo.current.location], await makeTempDir(), cache)).code).toBe(0);
    const offline = await cli(["add", "reviewer", "--registry", repo.current.location, "--offline"], project, cache);
    expect(offline.code, offline.stderr).toBe(0);
    expect(await readFile(join(project, ".claude/agents/reviewer.md"), "utf8")).toBe(reviewer("one point one"));
  });

  it("follows a branch with pseudo-versions: add takes the untagged head, update moves along the branch, outdated says how far", async () => {
    const r = await makeGitRepo(await makeFileDir("branch"));
    const first = await r.commit({ "agents/reviewer.md": reviewer("draft one") });
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const added = await cli(["add", "reviewer", "--registry", r.location], project, cache);
    expect(added.code, added.stderr).toBe(0);
    const pseudo = (await readJson(join(project, "agentreg.lock"))).agents.reviewer.version as string;
    expect(pseudo).toMatch(new RegExp(`^0\\.0\\.0-\\d{14}-${first.slice(0, 12)}$`));
    const second = await r.commit({ "agents/reviewer.md": reviewer("draft two") });

    const outdated = await cli(["outdated", "--json"], project, cache);
    const next = expect.stringMatching(new RegExp(`-${second.slice(0, 12)}$`));
    expect(JSON.parse(outdated.stdout)).toMatchObject({ agents: [{ key: "reviewer", current: pseudo, wanted: next, latest: next, outdated: true }] });
    const updated = await cli(["update"], project, cache);
    expect(updated.code, updated.stderr).toBe(0);
    expect(await readFile(join(project, ".claude/agents/reviewer.md"), "utf8")).toBe(reviewer("draft two"));
    expect((await readJson(join(project, "agentreg.lock"))).agents.reviewer.resolved).toBe(`${r.location}#${second}/agents/reviewer.md`);
  });

  it("update keeps a file the user edited, and the permission gate compares two tags' files", async () => {
    const r = await makeGitRepo(await makeFileDir("gate"));
    await r.commit({ "agents/reviewer.md": agentText({ name: "reviewer", description: "Reviews changes", tools: ["Read", "Grep"] }) });
    r.tag("v1.0.0");
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    expect((await cli(["add", "reviewer", "--registry", r.location], project, cache)).code).toBe(0);
    await r.commit({ "agents/reviewer.md": agentText({ name: "reviewer", description: "Reviews changes", tools: ["Read", "Grep", "Bash"] }) });
    r.tag("v1.1.0");
    const before = await snapshotTree(project);
    const widened = await cli(["update"], project, cache);
    expectCliError(widened, "E_PERMISSION_WIDENING");
    expect(widened.stderr).toContain("Bash");
    expect(await snapshotTree(project)).toEqual(before);

    await writeFile(join(project, ".claude/agents/reviewer.md"), "my own words\n");
    const kept = await cli(["update", "--allow-new-permissions"], project, cache);
    expect(await readFile(join(project, ".claude/agents/reviewer.md"), "utf8")).toBe("my own words\n");
    // Left alone, and said so: the edit is never silently lost.
    expect(kept.code).toBe(1);
    expect(kept.stderr).toMatch(/reviewer.*(edited|changed)/);
  });

  it("info and search work on a git registry", async () => {
    const cwd = await makeTempDir();
    const cache = await makeTempDir("cache");
    const info = await cli(["info", "reviewer", "--registry", repo.current.location, "--json"], cwd, cache);
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ name: "reviewer", resolved: "1.1.0", versions: [expect.objectContaining({ version: expect.stringMatching(/^0\.0\.0-/) }), expect.objectContaining({ version: "1.0.0" }), expect.objectContaining({ version: "1.1.0" })] });
    const search = await cli(["search", "lints", "--registry", repo.current.location, "--json"], cwd, cache);
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout).results.map((hit: { name: string }) => hit.name)).toEqual(["linter"]);
  });

  it("refuses a lock whose resolved names a branch instead of a commit, before touching anything", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    expect((await cli(["add", "reviewer", "--registry", repo.current.location], project, cache)).code).toBe(0);
    await updateJson(join(project, "agentreg.lock"), (lock) => void (lock.agents.reviewer.resolved = `${repo.current.location}#main/agents/reviewer.md`));
    await rm(join(project, ".claude"), { recursive: true });
    const before = await snapshotTree(project);
    expectCliError(await cli(["install", "--frozen"], project, cache), "E_LOCKFILE");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("names both files when two agents share a name, and installs nothing", async () => {
    const r = await makeGitRepo(await makeFileDir("dup"));
    await r.commit({ "a/dup.md": agentText({ name: "dup", description: "One" }), "b/dup.md": agentText({ name: "dup", description: "Two" }) });
    r.tag("v1.0.0");
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const result = await cli(["add", "dup", "--registry", r.location], project, cache);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain("two agents named dup: a/dup.md and b/dup.md");
    expect(await snapshotTree(project)).toEqual({});
  });

  it("a registry named in agentreg.json serves @ns/name, reads its path, and knows an agent by its name, not its file name", async () => {
    const r = await makeGitRepo(await makeFileDir("named"));
    await r.commit({
      "team-a/review.md": agentText({ name: "code-reviewer", description: "Team A's reviewer" }),
      "team-b/review.md": agentText({ name: "code-reviewer", description: "Team B's reviewer" }),
    });
    r.tag("v1.0.0");
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    await writeFile(join(project, "agentreg.json"), JSON.stringify({ registries: { acme: { url: r.location, path: "team-b" } }, agents: {} }));
    const result = await cli(["add", "@acme/code-reviewer"], project, cache);
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(project, ".claude/agents/code-reviewer.md"), "utf8")).toContain("Team B's reviewer");
    expect((await readJson(join(project, "agentreg.lock"))).agents["@acme/code-reviewer"]).toMatchObject({ registry: "acme", resolved: expect.stringMatching(/#[0-9a-f]{40}\/team-b\/review\.md$/) });
  });

  it("a tampered cache record of which file is which agent can fail an install, never install the wrong file", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    expect((await cli(["add", "linter", "--registry", repo.current.location], await makeTempDir(), cache)).code).toBe(0);
    const records = await mirrorRecords(cache, /names-[0-9a-f]{40}-/);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      await updateJson(join(cache, "git", record), (names) => {
        for (const entry of names.files) entry.name = entry.name === "reviewer" ? "linter" : entry.name === "linter" ? "reviewer" : entry.name;
      });
    }
    const result = await cli(["add", "reviewer", "--registry", repo.current.location], project, cache);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toMatch(/is not the agent reviewer/);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("a warm add asks the remote with one ls-remote and fetches nothing; a kept agent file that no longer hashes to its id is read from git again", async () => {
    const cache = await makeTempDir("cache");
    expect((await cli(["add", "linter", "--registry", repo.current.location], await makeTempDir(), cache)).code).toBe(0);
    const kept = await mirrorRecords(cache, /agentreg\/blobs\/[0-9a-f]{40}$/);
    expect(kept.length).toBeGreaterThan(0);
    for (const path of kept) await writeFile(join(cache, "git", path), agentText({ name: "linter", description: "Tampered in the cache" }));
    const [project, trace] = [await makeTempDir(), join(await makeTempDir("trace"), "git.trace")];
    const result = await runCli(["add", "linter", "--registry", repo.current.location], { cwd: project, env: { AGENTREG_CACHE: cache, GIT_TRACE: trace } });
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(project, ".claude/agents/linter.md"), "utf8")).toBe(linter);
    expect((await readJson(join(project, "agentreg.lock"))).agents.linter.resolved).toBe(`${repo.current.location}#${repo.tagged}/plugins/lint/agents/linter.md`);
    const commands = (await readFile(trace, "utf8")).split("\n").flatMap((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? []);
    // One: the CLI starts it before loading the command (prefetchRegistry), and the add takes it over.
    expect(commands.filter((command) => command === "ls-remote")).toHaveLength(1);
    expect(commands).not.toContain("fetch");
  });

  it("a first add fetches the repository once, started before the command is loaded, and asks nothing else of the remote", async () => {
    const [project, trace] = [await makeTempDir(), join(await makeTempDir("trace"), "git.trace")];
    const result = await runCli(["add", "linter", "--registry", repo.current.location], { cwd: project, env: { AGENTREG_CACHE: await makeTempDir("cache"), GIT_TRACE: trace } });
    expect(result.code, result.stderr).toBe(0);
    const commands = (await readFile(trace, "utf8")).split("\n").flatMap((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? []);
    expect(commands.filter((command) => command === "fetch" || command === "ls-remote")).toEqual(["fetch"]);
  });

  it.each([["info", ["info", "linter"]], ["search", ["search", "lint"]]])("%s with --registry asks the remote once, the request started before the command is loaded", async (_command, args) => {
    const cache = await makeTempDir("cache");
    expect((await cli(["add", "linter", "--registry", repo.current.location], await makeTempDir(), cache)).code).toBe(0);
    const trace = join(await makeTempDir("trace"), "git.trace");
    const result = await runCli([...args, "--registry", repo.current.location], { cwd: await makeTempDir(), env: { AGENTREG_CACHE: cache, GIT_TRACE: trace } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("linter");
    const commands = (await readFile(trace, "utf8")).split("\n").flatMap((line) => /trace: built-in: git (\S+)/.exec(line)?.[1] ?? []);
    expect(commands.filter((command) => command === "fetch" || command === "ls-remote")).toEqual(["ls-remote"]);
  });

  it("refs kept in the cache that are not what the remote lists now are not used: the tag is read where the remote has it", async () => {
    const cache = await makeTempDir("cache");
    expect((await cli(["add", "reviewer", "--registry", repo.current.location], await makeTempDir(), cache)).code).toBe(0);
    const [record] = await mirrorRecords(cache, /agentreg\/refs\.json$/);
    const refs = JSON.parse(await readFile(join(cache, "git", record as string), "utf8")) as Array<{ name: string; commit: string }>;
    // The cache says reviewer@1.1.0 is the commit of v1.0.0 (whose reviewer is "one").
    await writeFile(join(cache, "git", record as string), JSON.stringify(refs.map((ref) => (ref.name === "refs/tags/reviewer@1.1.0" ? { ...ref, commit: repo.tagged } : ref))));
    const project = await makeTempDir();
    expect((await cli(["add", "reviewer", "--registry", repo.current.location], project, cache)).code).toBe(0);
    expect(await readFile(join(project, ".claude/agents/reviewer.md"), "utf8")).toBe(reviewer("one point one"));
  });

  it("cache ls counts the git mirrors and cache clean removes them", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    expect((await cli(["add", "linter", "--registry", repo.current.location], project, cache)).code).toBe(0);
    expect((await cli(["cache", "ls"], project, cache)).stdout).toContain("0 documents, 0 tarballs, 1 git mirror");
    const clean = await cli(["cache", "clean"], project, cache);
    expect(clean.stdout).toContain("removed 0 documents, 0 tarballs and 1 git mirror");
    expect(await readdir(cache)).toEqual([]);
    await rm(join(project, ".claude"), { recursive: true });
    expectCliError(await cli(["install", "--offline"], project, cache), "E_OFFLINE");
  });

  it("a tampered listing in the cache cannot make a symlinked file an agent", async () => {
    const r = await makeGitRepo(await makeFileDir("link-record"));
    await r.commit({ "agents/evil.md": { symlink: "/etc/passwd" } });
    r.tag("v1.0.0");
    const cache = await makeTempDir("cache");
    expectCliError(await cli(["add", "evil", "--registry", r.location], await makeTempDir(), cache), "E_UNSAFE_PATH");
    const records = await mirrorRecords(cache, /agentreg\/tree-[0-9a-f]{40}\.json$/);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const files = JSON.parse(await readFile(join(cache, "git", record), "utf8")) as Array<{ mode: string }>;
      await writeFile(join(cache, "git", record), JSON.stringify(files.map((file) => ({ ...file, mode: "100644" }))));
    }
    const project = await makeTempDir();
    const result = await cli(["add", "evil", "--registry", r.location], project, cache);
    expect(result.code).not.toBe(0);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("never follows a symlinked agent file, and writes nothing", async () => {
    const r = await makeGitRepo(await makeFileDir("link"));
    await r.commit({ "agents/evil.md": { symlink: "/etc/passwd" } });
    r.tag("v1.0.0");
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const result = await cli(["add", "evil", "--registry", r.location], project, cache);
    expectCliError(result, "E_UNSAFE_PATH");
    expect(result.stderr).toContain("agents/evil.md is a symlink");
    expect(await snapshotTree(project)).toEqual({});
  });

  it("refuses credentials in a git location, naming none of them", async () => {
    const project = await makeTempDir();
    const result = await cli(["add", "reviewer", "--registry", "git+https://me:s3cret@git.example/agents.git"], project, await makeTempDir("cache"));
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).not.toContain("s3cret");
    expect(await snapshotTree(project)).toEqual({});
  });
});

describe("a private git registry over smart HTTP (git http-backend on 127.0.0.1)", () => {
  const served = { url: "", root: "", server: undefined as unknown as GitHttpServer };
  beforeAll(async () => {
    served.root = await makeFileDir("served");
    const r = await makeGitRepo(join(served.root, "src"));
    await r.commit({ "agents/reviewer.md": reviewer("private") });
    r.tag("v1.0.0");
    // Served as <url>/acme/agents.git, the shape of a hosted repository.
    await mkdir(join(served.root, "acme"));
    git(served.root, "clone", "--quiet", "--bare", r.remote, join(served.root, "acme/agents.git"));
    served.server = await startGitHttp(served.root, { user: "agent", password: "s3cret-token" });
    served.url = served.server.url;
  });
  afterAll(() => served.server.close());

  /** A HOME whose git configuration has a credential helper (and, optionally, an insteadOf rule). */
  async function homeWith(config: string): Promise<string> {
    const home = await makeTempDir("home");
    await writeFile(join(home, ".gitconfig"), config);
    return home;
  }
  const helper = '[credential]\n\thelper = "!f() { echo username=agent; echo password=s3cret-token; }; f"\n';

  it("installs with the user's credential helper, and no credential reaches the lock, the cache or the output", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const location = `git+${served.url}/acme/agents.git`;
    const result = await runCli(["add", "reviewer", "--registry", location], { cwd: project, env: { AGENTREG_CACHE: cache, HOME: await homeWith(helper), GIT_CONFIG_NOSYSTEM: "1" } });
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(project, ".claude/agents/reviewer.md"), "utf8")).toBe(reviewer("private"));
    expect(`${result.stdout}${result.stderr}`).not.toContain("s3cret");
    for (const [path, content] of Object.entries({ ...(await snapshotTree(project)), ...(await snapshotTree(cache)) })) expect(content, path).not.toContain("s3cret");
  });

  it("is E_AUTH naming the remote, at once, when git has no credentials (it never prompts)", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const location = `git+${served.url}/acme/agents.git`;
    const result = await runCli(["add", "reviewer", "--registry", location], { cwd: project, env: { AGENTREG_CACHE: cache, GIT_CONFIG_NOSYSTEM: "1" } });
    expectCliError(result, "E_AUTH");
    expect(result.stderr).toContain(location);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("github:owner/repo goes where the user's insteadOf rule sends https://github.com/", async () => {
    const [project, cache] = [await makeTempDir(), await makeTempDir("cache")];
    const home = await homeWith(`${helper}[url "${served.url}/"]\n\tinsteadOf = https://github.com/\n`);
    const result = await runCli(["add", "reviewer", "--registry", "github:acme/agents"], { cwd: project, env: { AGENTREG_CACHE: cache, HOME: home, GIT_CONFIG_NOSYSTEM: "1" } });
    expect(result.code, result.stderr).toBe(0);
    expect((await readJson(join(project, "agentreg.lock"))).agents.reviewer.resolved).toMatch(/^github:acme\/agents#[0-9a-f]{40}\/agents\/reviewer\.md$/);
  });
});
