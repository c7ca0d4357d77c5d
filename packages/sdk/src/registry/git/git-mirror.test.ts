// Real git, real repositories: a bare remote served as file://, as a git registry is (issue 16).
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGitLocation } from "./git-location.js";
import { MAX_GIT_FILE_BYTES, fetchCommit, fetchMirror, hasCommit, listRefs, listRemoteRefs, listTree, openMirror, readBlobs, sameRefs, type GitMirror } from "./git-mirror.js";
import { runGit } from "./run-git.js";

let root = "";
/** The environment git runs with in these tests: no system or user configuration, a fixed identity. */
let env: Record<string, string> = {};
const work = (): string => join(root, "work");
const gitIn = (cwd: string, ...args: string[]): string => execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "agentreg-git-mirror-")));
  env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: root,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_AUTHOR_DATE: "2026-01-02T03:04:05Z",
    GIT_COMMITTER_DATE: "2026-01-02T03:04:05Z",
  };
  await mkdir(work());
  gitIn(work(), "init", "--quiet", "--initial-branch=main");
  await mkdir(join(work(), "agents"));
  await writeFile(join(work(), "agents/reviewer.md"), "---\nname: reviewer\ndescription: Reviews.\n---\nv1\n");
  await symlink("reviewer.md", join(work(), "agents/link.md"));
  gitIn(work(), "add", ".");
  gitIn(work(), "commit", "--quiet", "-m", "one");
  gitIn(work(), "tag", "-a", "v1.0.0", "-m", "release 1.0.0");
  await writeFile(join(work(), "agents/reviewer.md"), "---\nname: reviewer\ndescription: Reviews.\n---\nv1.1\n");
  gitIn(work(), "commit", "--quiet", "-am", "two");
  gitIn(work(), "tag", "reviewer@1.1.0");
  gitIn(root, "clone", "--quiet", "--bare", work(), "remote.git");
});

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

async function mirrorOf(remote: string, cache = join(root, "cache")): Promise<GitMirror> {
  const shown = `git+file://${remote}`;
  return openMirror({ cacheDir: cache, location: parseGitLocation(shown), shown, env });
}

describe("a git registry's mirror", () => {
  it("fetches every branch and tag, peeled to commits, with the remote's default branch as HEAD", async () => {
    const mirror = await mirrorOf(join(root, "remote.git"));
    expect(mirror.dir).toMatch(new RegExp(`^${join(root, "cache", "git")}/[0-9a-f]{32}$`));
    await fetchMirror(mirror);
    const one = gitIn(work(), "rev-parse", "v1.0.0^{commit}");
    const two = gitIn(work(), "rev-parse", "main");
    expect(await listRefs(mirror)).toEqual([
      { name: "HEAD", commit: two, committedAt: Date.parse("2026-01-02T03:04:05Z") / 1000 },
      { name: "refs/heads/main", commit: two, committedAt: expect.any(Number) },
      { name: "refs/tags/reviewer@1.1.0", commit: two, committedAt: expect.any(Number) },
      { name: "refs/tags/v1.0.0", commit: one, tag: gitIn(work(), "rev-parse", "v1.0.0"), committedAt: expect.any(Number) },
    ]);
  });

  it("tells from one ls-remote whether the mirror is the remote as it is now: a moved, added or deleted ref means a fetch", async () => {
    const remote = join(root, "compared.git");
    gitIn(root, "clone", "--quiet", "--bare", work(), remote);
    const mirror = await mirrorOf(remote, join(root, "cache-compared"));
    expect(sameRefs(await listRefs(mirror), await listRemoteRefs(mirror))).toBe(false);
    await fetchMirror(mirror);
    const remoteRefs = await listRemoteRefs(mirror);
    // The annotated tag is listed as its tag object, peeled to the commit the mirror has.
    expect(remoteRefs.get("refs/tags/v1.0.0")).toEqual({ object: gitIn(work(), "rev-parse", "v1.0.0"), peeled: gitIn(work(), "rev-parse", "v1.0.0^{commit}") });
    expect(sameRefs(await listRefs(mirror), remoteRefs)).toBe(true);

    gitIn(remote, "tag", "-f", "reviewer@1.1.0", "v1.0.0^{commit}");
    expect(sameRefs(await listRefs(mirror), await listRemoteRefs(mirror)), "a moved tag").toBe(false);
    await fetchMirror(mirror);
    gitIn(remote, "tag", "v2.0.0", "main");
    expect(sameRefs(await listRefs(mirror), await listRemoteRefs(mirror)), "a new tag").toBe(false);
    await fetchMirror(mirror);
    gitIn(remote, "tag", "-d", "v2.0.0");
    expect(sameRefs(await listRefs(mirror), await listRemoteRefs(mirror)), "a deleted tag").toBe(false);
    await fetchMirror(mirror);
    expect(sameRefs(await listRefs(mirror), await listRemoteRefs(mirror))).toBe(true);
  });

  it("lists a commit's files with mode and size, symlinks as 120000, and reads their exact bytes", async () => {
    const mirror = await mirrorOf(join(root, "remote.git"));
    await fetchMirror(mirror);
    const one = gitIn(work(), "rev-parse", "v1.0.0^{commit}");
    const files = await listTree(mirror, one);
    expect(files.map(({ path, mode, size }) => ({ path, mode, size }))).toEqual([
      { path: "agents/link.md", mode: "120000", size: "reviewer.md".length },
      { path: "agents/reviewer.md", mode: "100644", size: 48 },
    ]);
    const blob = files[1]?.blob ?? "";
    const bytes = await readBlobs(mirror, [blob, blob]);
    expect(bytes.get(blob)?.toString("utf8")).toBe("---\nname: reviewer\ndescription: Reviews.\n---\nv1\n");
  });

  it("reads files larger than a pipe's chunk intact, each under its id, in one cat-file", async () => {
    const big = join(root, "big-work");
    await mkdir(big);
    gitIn(big, "init", "--quiet", "--initial-branch=main");
    const texts = { "a.md": "---\nname: a\n---\n", "big.md": `---\nname: big\n---\n${"0123456789abcdef\n".repeat(20_000)}`, "c.md": "---\nname: c\n---\n" };
    for (const [name, text] of Object.entries(texts)) await writeFile(join(big, name), text);
    gitIn(big, "add", ".");
    gitIn(big, "commit", "--quiet", "-m", "big");
    gitIn(root, "clone", "--quiet", "--bare", big, "big.git");
    const mirror = await mirrorOf(join(root, "big.git"), join(root, "cache-big"));
    await fetchMirror(mirror);
    const files = await listTree(mirror, gitIn(big, "rev-parse", "HEAD"));
    const paths = ["c.md", "big.md", "a.md"] as const;
    const ids = paths.map((path) => files.find((file) => file.path === path)?.blob ?? "");
    const trace = join(root, "big.trace");
    const read = await readBlobs({ ...mirror, env: { ...env, GIT_TRACE: trace } }, ids);
    expect(paths.map((path, i) => read.get(ids[i] ?? "")?.toString("utf8") === texts[path])).toEqual([true, true, true]);
    expect((await readFile(trace, "utf8")).match(/built-in: git cat-file/g)).toHaveLength(1);
  });

  it("refuses a file over the size limit as git announces it, whatever the listing said, without keeping its bytes", async () => {
    const huge = join(root, "huge-work");
    await mkdir(huge);
    gitIn(huge, "init", "--quiet", "--initial-branch=main");
    await writeFile(join(huge, "huge.md"), `---\nname: huge\n---\n${"x".repeat(MAX_GIT_FILE_BYTES)}`);
    gitIn(huge, "add", ".");
    gitIn(huge, "commit", "--quiet", "-m", "huge");
    gitIn(root, "clone", "--quiet", "--bare", huge, "huge.git");
    const mirror = await mirrorOf(join(root, "huge.git"), join(root, "cache-huge"));
    await fetchMirror(mirror);
    const [file] = await listTree(mirror, gitIn(huge, "rev-parse", "HEAD"));
    // As a tampered listing would claim it: a small file.
    await expect(readBlobs(mirror, [file?.blob ?? ""])).rejects.toMatchObject({ code: "E_UNSAFE_PATH", message: expect.stringContaining(`is ${file?.size} bytes, over the ${MAX_GIT_FILE_BYTES}-byte limit`) });
  });

  it("refuses an object that is not a file", async () => {
    const mirror = await mirrorOf(join(root, "remote.git"));
    await fetchMirror(mirror);
    const tree = gitIn(work(), "rev-parse", "v1.0.0^{tree}");
    await expect(readBlobs(mirror, [tree])).rejects.toMatchObject({ code: "E_REGISTRY", message: expect.stringContaining("is not a file (tree)") });
    await expect(readBlobs(mirror, ["f".repeat(40)])).rejects.toMatchObject({ code: "E_REGISTRY", message: expect.stringContaining("is not a file (missing)") });
  });

  it("takes a moved tag as it is now, and keeps the commit it pointed at", async () => {
    const remote = join(root, "moving.git");
    gitIn(root, "clone", "--quiet", "--bare", work(), remote);
    const mirror = await mirrorOf(remote, join(root, "cache-moving"));
    await fetchMirror(mirror);
    const old = (await listRefs(mirror)).find((ref) => ref.name === "refs/tags/v1.0.0")?.commit ?? "";
    gitIn(remote, "tag", "-f", "v1.0.0", "main");
    await fetchMirror(mirror);
    expect((await listRefs(mirror)).find((ref) => ref.name === "refs/tags/v1.0.0")?.commit).toBe(gitIn(work(), "rev-parse", "main"));
    expect(await hasCommit(mirror, old)).toBe(true);
  });

  it("fetches each ref only as deep as its own commit, and a commit no ref reaches by its id", async () => {
    const remote = join(root, "history.git");
    gitIn(root, "clone", "--quiet", "--bare", work(), remote);
    const first = gitIn(work(), "rev-parse", "v1.0.0^{commit}");
    gitIn(remote, "tag", "-d", "v1.0.0");
    const mirror = await mirrorOf(remote, join(root, "cache-shallow"));
    await fetchMirror(mirror);
    expect(gitIn(mirror.dir, "rev-parse", "--is-shallow-repository")).toBe("true");
    expect(await hasCommit(mirror, first)).toBe(false);
    await fetchCommit(mirror, first);
    expect(await hasCommit(mirror, first)).toBe(true);
  });

  it("refuses an object id that is not 40 hex digits before git sees it", async () => {
    const mirror = await mirrorOf(join(root, "remote.git"));
    await expect(listTree(mirror, "--output=/tmp/x")).rejects.toMatchObject({ code: "E_REGISTRY" });
    await expect(readBlobs(mirror, ["HEAD"])).rejects.toMatchObject({ code: "E_REGISTRY" });
  });

  it("says E_NOT_FOUND, naming the location, for a remote with no repository", async () => {
    const mirror = await mirrorOf(join(root, "no-such.git"));
    await expect(fetchMirror(mirror)).rejects.toMatchObject({ code: "E_NOT_FOUND", message: expect.stringContaining(`git+file://${join(root, "no-such.git")}`) });
  });
});

describe("runGit", () => {
  it("is E_CONFIG saying how to install git when there is no git", async () => {
    await expect(runGit(["--version"], { env: { PATH: join(root, "empty") }, location: "github:acme/agents" })).rejects.toMatchObject({
      code: "E_CONFIG",
      hint: expect.stringContaining("Install git"),
    });
  });

  it("refuses more output than it allows", async () => {
    await expect(runGit(["--version"], { env, location: "x", maxBytes: 4 })).rejects.toMatchObject({ code: "E_REGISTRY", message: expect.stringContaining("more than 4 bytes") });
  });

  it("never lets git prompt: an https remote that wants a password fails at once with E_AUTH", async () => {
    // A local server that answers 401 to everything, as a private repository does without credentials.
    const { createServer } = await import("node:http");
    const server = createServer((_request, response) => {
      response.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const remote = `http://127.0.0.1:${port}/private.git`;
      await expect(runGit(["ls-remote", "--", remote], { env, location: `git+${remote}` })).rejects.toMatchObject({ code: "E_AUTH", message: expect.stringContaining(`git+${remote}`) });
    } finally {
      server.close();
    }
  });
});
