// Real git: what agentreg keeps beside a mirror is used only when it checks out, and spares git when it does.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGitLocation } from "./git-location.js";
import { fetchMirror, listTree, openMirror, type GitMirror } from "./git-mirror.js";
import { blobId, keepBlob, markdownFilesAt, readKeptBlob } from "./mirror-records.js";

let root = "";
let env: Record<string, string> = {};
let mirror: GitMirror;
let commit = "";
const gitIn = (cwd: string, ...args: string[]): string => execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();
/** The same mirror with no git on PATH: any git it started would fail with E_CONFIG. */
const withoutGit = (): GitMirror => ({ ...mirror, env: { PATH: join(root, "no-git-here") } });

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "agentreg-mirror-records-")));
  env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "T", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "T", GIT_COMMITTER_EMAIL: "t@example.com" };
  const work = join(root, "work");
  await mkdir(join(work, "agents"), { recursive: true });
  await writeFile(join(work, "agents/reviewer.md"), "---\nname: reviewer\ndescription: Reviews.\n---\nBody\n");
  await writeFile(join(work, "agents/notes.txt"), "not an agent\n");
  await symlink("reviewer.md", join(work, "agents/link.md"));
  gitIn(work, "init", "--quiet", "--initial-branch=main");
  gitIn(work, "add", ".");
  gitIn(work, "commit", "--quiet", "-m", "one");
  commit = gitIn(work, "rev-parse", "HEAD");
  gitIn(root, "clone", "--quiet", "--bare", work, "remote.git");
  const shown = `git+file://${join(root, "remote.git")}`;
  mirror = await openMirror({ cacheDir: join(root, "cache"), location: parseGitLocation(shown), shown, env });
  await fetchMirror(mirror);
});

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

describe("the records beside a git mirror", () => {
  it("lists a commit's Markdown files once; the next command reads the listing without git", async () => {
    const listed = await markdownFilesAt(mirror, commit);
    expect(listed).toEqual((await listTree(mirror, commit)).filter((file) => file.path.endsWith(".md")));
    expect(listed.map((file) => [file.path, file.mode])).toEqual([
      ["agents/link.md", "120000"],
      ["agents/reviewer.md", "100644"],
    ]);
    // The listing is written while the caller goes on with it.
    await expect.poll(() => markdownFilesAt(withoutGit(), commit).catch(() => undefined)).toEqual(listed);
  });

  it.each([
    ["not JSON", "{"],
    ["an entry with an unknown mode", JSON.stringify([{ path: "agents/reviewer.md", mode: "040000", blob: "a".repeat(40), size: 1 }])],
    ["an entry that is not Markdown", JSON.stringify([{ path: "agents/notes.txt", mode: "100644", blob: "a".repeat(40), size: 1 }])],
    ["an object id that is not 40 hex", JSON.stringify([{ path: "agents/reviewer.md", mode: "100644", blob: "--output=x", size: 1 }])],
  ])("does not use a listing with %s: git lists the commit again", async (_label, text) => {
    const record = join(mirror.dir, "agentreg", `tree-${commit}.json`);
    await writeFile(record, text);
    await expect(markdownFilesAt(withoutGit(), commit)).rejects.toMatchObject({ code: "E_CONFIG" });
    const listed = await markdownFilesAt(mirror, commit);
    expect(listed.map((file) => file.path)).toEqual(["agents/link.md", "agents/reviewer.md"]);
    // Written again, in the background: the next case must not find this write landing on its record.
    await expect.poll(() => readFile(record, "utf8")).toBe(JSON.stringify(listed));
  });

  it("keeps a file under its git object id and gives it back only while its bytes hash to that id", async () => {
    const bytes = new TextEncoder().encode("---\nname: reviewer\ndescription: Reviews.\n---\nBody\n");
    const id = blobId(bytes);
    expect(id).toBe(execFileSync("git", ["hash-object", "--stdin"], { input: bytes, encoding: "utf8" }).trim());
    await keepBlob(mirror, id, bytes);
    expect(await readKeptBlob(mirror, id, 1024)).toEqual(bytes);
    const [path] = (await readdir(join(mirror.dir, "agentreg", "blobs"))).map((name) => join(mirror.dir, "agentreg", "blobs", name));
    // Same length, other bytes: what a size check alone would let through.
    await writeFile(path as string, (await readFile(path as string, "utf8")).replace("Body", "Evil"));
    expect(await readKeptBlob(mirror, id, 1024)).toBeUndefined();
    await rm(path as string);
    await symlink(join(root, "work/agents/reviewer.md"), path as string);
    expect(await readKeptBlob(mirror, id, 1024)).toBeUndefined();
  });
});
