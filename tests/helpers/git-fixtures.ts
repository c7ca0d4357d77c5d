// Real git repositories for the git-registry tests (issue 16): a working repository the test commits
// and tags in, and a bare clone of it served as file://, as a git registry is.
import { execFileSync } from "node:child_process";
import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { agentText } from "./fixtures.js";

/** git for the fixtures: no system or user configuration, a fixed identity, dates that advance per commit. */
let clock = Date.parse("2026-01-02T03:04:05Z") / 1000;
function gitEnv(): Record<string, string> {
  const date = `${clock} +0000`;
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: "/nonexistent",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: gitEnv(), encoding: "utf8" }).trim();
}

/** A working repository with its bare remote beside it; `location` is the registry location of the remote. */
export interface GitRepo {
  work: string;
  remote: string;
  location: string;
  /** Writes files (a `null` deletes; `{ symlink }` links), commits them, and pushes the branch. */
  commit(files: Record<string, string | null | { symlink: string }>, message?: string): Promise<string>;
  /** Tags HEAD (`-f` moves an existing tag) and pushes the tag (forced). */
  tag(name: string, options?: { move?: boolean }): void;
  head(): string;
}

export async function makeGitRepo(root: string): Promise<GitRepo> {
  const work = join(root, "work");
  const remote = join(root, "remote.git");
  await mkdir(work, { recursive: true });
  git(work, "init", "--quiet", "--initial-branch=main");
  git(root, "init", "--quiet", "--bare", "--initial-branch=main", remote);
  git(work, "remote", "add", "origin", remote);
  return {
    work,
    remote,
    location: `git+file://${remote}`,
    async commit(files, message = "change") {
      for (const [path, content] of Object.entries(files)) {
        const target = join(work, path);
        await rm(target, { force: true });
        if (content === null) continue;
        await mkdir(dirname(target), { recursive: true });
        if (typeof content === "string") await writeFile(target, content);
        else await symlink(content.symlink, target);
      }
      clock += 60;
      git(work, "add", "--all");
      git(work, "commit", "--quiet", "--allow-empty", "-m", message);
      git(work, "push", "--quiet", "origin", "main");
      return git(work, "rev-parse", "HEAD");
    },
    tag(name, options = {}) {
      git(work, "tag", ...(options.move ? ["-f"] : []), name);
      git(work, "push", "--quiet", "--force", "origin", `refs/tags/${name}`);
    },
    head() {
      return git(work, "rev-parse", "HEAD");
    },
  };
}

/** A repository holding one agent, `reviewer`, tagged v1.0.0; returns its registry location. */
export async function makeReviewerRepo(root: string): Promise<string> {
  const repo = await makeGitRepo(root);
  await repo.commit({ "agents/reviewer.md": agentText({ name: "reviewer", description: "Reviews." }) });
  repo.tag("v1.0.0");
  return repo.location;
}
