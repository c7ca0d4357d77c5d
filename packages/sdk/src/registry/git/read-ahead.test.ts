// Real git: what a command reads first from a mirror just fetched comes through the one cat-file that
// started beside the fetch (cat-file-session.ts), and is what ls-tree and for-each-ref would say.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentCandidates, holdsNoAgents } from "./agent-candidates.js";
import { openCatFile } from "./cat-file-session.js";
import { parseGitLocation } from "./git-location.js";
import { MAX_GIT_FILE_BYTES, fetchMirror, listRefs, listTree, openMirror, peelRefs, readBlobs, type GitMirror } from "./git-mirror.js";
import { readAhead } from "./read-ahead.js";
import { refNamesIn } from "./ref-names.js";
import { walkTree } from "./tree-walk.js";

let root = "";
let env: Record<string, string> = {};
let commit = "";
const work = (): string => join(root, "work");
const gitIn = (cwd: string, ...args: string[]): string => execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "agentreg-read-ahead-")));
  env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.com" };
  const files: Record<string, string> = {
    "agents/reviewer.md": "---\nname: reviewer\n---\nReviews.\n",
    "agents/run.md": "---\nname: runner\n---\nRuns.\n",
    "agents/huge.md": `---\nname: huge\n---\n${"x".repeat(MAX_GIT_FILE_BYTES)}`,
    "plugins/backend/agents/deep.md": "---\nname: deep\n---\nDeep.\n",
    // A name outside ASCII: tree objects hold it as UTF-8 bytes.
    "agents/résumé-über.md": "---\nname: resume\n---\nRésumé.\n",
    "node_modules/pkg/agent.md": "---\nname: vendored\n---\n",
    "README.md": "# Agents\n",
    "notes.txt": "not an agent\n",
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(work(), path, ".."), { recursive: true });
    await writeFile(join(work(), path), text, { mode: path === "agents/run.md" ? 0o755 : 0o644 });
  }
  await symlink("reviewer.md", join(work(), "agents/link.md"));
  gitIn(work(), "init", "--quiet", "--initial-branch=main");
  gitIn(work(), "add", ".");
  // A submodule: a commit in the tree, with no files in this repository.
  gitIn(work(), "update-index", "--add", "--cacheinfo", `160000,${"1".repeat(40)},vendor/sub`);
  gitIn(work(), "commit", "--quiet", "-m", "one");
  gitIn(work(), "tag", "-a", "v1.0.0", "-m", "release");
  gitIn(work(), "tag", "v1.1.0");
  commit = gitIn(work(), "rev-parse", "HEAD");
  gitIn(root, "clone", "--quiet", "--bare", work(), "remote.git");
});

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

/** A new mirror of the fixture in a cache of its own, fetched. */
async function fetched(name: string, extraEnv: Record<string, string> = {}): Promise<GitMirror> {
  const shown = `git+file://${join(root, "remote.git")}`;
  const mirror = openMirror({ cacheDir: join(root, name), location: parseGitLocation(shown), shown, env: { ...env, ...extraEnv } });
  await fetchMirror(mirror);
  return mirror;
}

describe("a cat-file session", () => {
  it("answers questions asked one after another from one git: objects, sizes of objects passed over, and names it lacks", async () => {
    const trace = join(root, "session.trace");
    const mirror = await fetched("cache-session", { GIT_TRACE: trace });
    const git = openCatFile(mirror);
    const [tree] = await git.ask([`${commit}^{tree}`]);
    expect(tree).toMatchObject({ id: gitIn(work(), "rev-parse", "HEAD^{tree}"), type: "tree" });
    const readme = gitIn(work(), "rev-parse", "HEAD:README.md");
    const huge = gitIn(work(), "rev-parse", "HEAD:agents/huge.md");
    const answers = await git.ask([readme, "refs/tags/no-such-tag", huge, commit], { keep: (type, size) => size < 1000 });
    git.end();
    await git.done;
    expect(answers[0]?.bytes?.toString("utf8")).toBe("# Agents\n");
    expect(answers[1]).toBeUndefined();
    // Passed over as it streamed by: its size, not its bytes.
    expect(answers[2]).toEqual({ id: huge, type: "blob", size: MAX_GIT_FILE_BYTES + "---\nname: huge\n---\n".length });
    expect(answers[3]?.bytes?.toString("utf8")).toContain(`tree ${tree?.id}`);
    expect((await readFile(trace, "utf8")).match(/built-in: git cat-file/g)).toHaveLength(1);
  });

  it("refuses a name git could read as an option or as more than one line, before git sees it", async () => {
    const git = openCatFile(await fetched("cache-names"));
    for (const name of ["--batch-all-objects", "HEAD\nHEAD", "two words", ""]) await expect(git.ask([name])).rejects.toThrow("not a plain object name");
    git.end();
    await expect(git.done).resolves.toBeUndefined();
  });

  it("fails its questions, and ends, when git fails", async () => {
    const dir = join(root, "not-a-repository");
    await mkdir(dir);
    const git = openCatFile({ dir, shown: "git+file:///nowhere.git", env: { ...env, GIT_CEILING_DIRECTORIES: root } });
    await expect(git.ask(["HEAD"])).rejects.toMatchObject({ code: expect.stringMatching(/^E_/) });
    await expect(git.done).rejects.toMatchObject({ code: expect.stringMatching(/^E_/) });
  });
});

describe("reading a fetched mirror through its session", () => {
  it("walks a commit's tree to the files ls-tree lists, in its order, with the same modes; skipped folders are not read", async () => {
    const mirror = await fetched("cache-walk");
    const git = openCatFile(mirror);
    const walked = await walkTree(git, mirror, commit, () => false);
    const skipping = await walkTree(git, mirror, commit, holdsNoAgents);
    git.end();
    await git.done;
    const listed = (await listTree(mirror, commit)).map(({ path, mode, blob }) => ({ path, mode, blob }));
    expect(walked).toEqual(listed);
    expect(walked.find((file) => file.path === "agents/run.md")?.mode).toBe("100755");
    expect(walked.find((file) => file.path === "agents/link.md")?.mode).toBe("120000");
    expect(skipping).toEqual(listed.filter((file) => !file.path.startsWith("node_modules/")));
  });

  it("names the refs from the mirror's files, loose or packed, and peels them as for-each-ref does", async () => {
    const mirror = await fetched("cache-refs");
    const names = refNamesIn(mirror.dir);
    expect(names).toEqual(["refs/heads/main", "refs/remotes/origin/HEAD", "refs/tags/v1.0.0", "refs/tags/v1.1.0"]);
    const git = openCatFile(mirror);
    expect(await peelRefs(git, names ?? [])).toEqual(await listRefs(mirror));
    git.end();
    const packed = join(root, "cache-refs-packed");
    await cp(mirror.dir, packed, { recursive: true });
    gitIn(packed, "pack-refs", "--all");
    expect(refNamesIn(packed)).toEqual(names);
  });

  it("leaves refs it cannot name safely to for-each-ref: a symlink, a name with a space", async () => {
    const mirror = await fetched("cache-odd");
    await symlink(join(mirror.dir, "refs/tags/v1.0.0"), join(mirror.dir, "refs/tags/v9.0.0"));
    expect(refNamesIn(mirror.dir)).toBeUndefined();
    await rm(join(mirror.dir, "refs/tags/v9.0.0"));
    await writeFile(join(mirror.dir, "refs/tags/odd name"), `${commit}\n`);
    expect(refNamesIn(mirror.dir)).toBeUndefined();
    // The read ahead still answers the refs, as for-each-ref lists them.
    const trace = join(root, "odd.trace");
    const ahead = readAhead({ ...mirror, env: { ...env, GIT_TRACE: trace } }, openCatFile(mirror));
    expect(await ahead.refs).toEqual(await listRefs(mirror));
    expect(await readFile(trace, "utf8")).toContain("built-in: git for-each-ref");
  });

  it("reads ahead the refs, the default branch's candidate files with their sizes, and the bytes of those an agent may be", async () => {
    const mirror = await fetched("cache-ahead");
    const git = openCatFile(mirror);
    const ahead = readAhead(mirror, git);
    expect(await ahead.refs).toEqual(await listRefs(mirror));
    expect(ahead.head?.commit).toBe(commit);
    const files = (await ahead.head?.files) ?? [];
    const listed = await listTree(mirror, commit);
    // Only files that may be agents, each as ls-tree lists it (its size included).
    expect(files).toEqual(listed.filter((file) => ["agents/huge.md", "agents/link.md", "agents/résumé-über.md", "agents/reviewer.md", "agents/run.md", "plugins/backend/agents/deep.md"].includes(file.path)));
    expect(agentCandidates(files, "")).toEqual(agentCandidates(listed, ""));
    const bytes = (await ahead.head?.bytes) ?? new Map();
    const readable = agentCandidates(listed, "").readable.map((file) => file.blob);
    expect([...bytes.keys()].sort()).toEqual([...readable].sort());
    expect(bytes).toEqual(await readBlobs(mirror, readable));
    // Everything asked, git has ended.
    await expect(git.done).resolves.toBeUndefined();
  });

  it("leaves a read that fails to git: the listing fails as ls-tree reports it, the files read ahead are none, nothing is unhandled", async () => {
    const mirror = await fetched("cache-broken");
    // The fetched objects are gone: the refs still name commits, but no tree can be read.
    await rm(join(mirror.dir, "objects"), { recursive: true });
    for (const folder of ["objects/info", "objects/pack"]) await mkdir(join(mirror.dir, folder), { recursive: true });
    const git = openCatFile(mirror);
    const ahead = readAhead(mirror, git);
    await expect(ahead.head?.files).rejects.toMatchObject({ code: expect.stringMatching(/^E_/) });
    expect(await ahead.head?.bytes).toEqual(new Map());
    await expect(git.done).resolves.toBeUndefined();
  });
});
