// Set-up shared by the lockfile-discipline suites (issue 5): versioned agent files, the CLI with a
// cache folder of its own, projects pinned at 1.0.0 that `update` can move, a CLI process a test can
// watch while it runs, and the check that a command left nothing of its own machinery behind.
import { spawn } from "node:child_process";
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { assertSucceeded, type AgentVersion, childEnv, CLI_PATH, type ProcessResult, runCli, runTestBuildCli, type RunOptions, snapshotTree, updateJson, useTempDirs, setWantedRange } from "./fixtures.js";

/**
 * An agent file whose body names its version, so any two versions differ. `frontmatter` lines go
 * after `description` (e.g. `tools: Read`, `model: sonnet`).
 */
export function agentFile(name: string, version: string, frontmatter: string[] = []): string {
  return `---\nname: ${name}\ndescription: "The ${name} agent"\n${frontmatter.map((line) => `${line}\n`).join("")}---\nYou are ${name} ${version}.\n`;
}

/** `name` published at each of `versions`, all with the same frontmatter. */
export function versionsOf(name: string, versions: string[], frontmatter: string[] = []): AgentVersion[] {
  return versions.map((version) => ({ name, version, text: agentFile(name, version, frontmatter) }));
}

export type Cli = (args: string[], cwd: string, env?: Record<string, string | undefined>) => Promise<ProcessResult>;

/**
 * The built CLI with a cache folder of the test file's own (`AGENTREG_CACHE`): `--force` keeps its
 * backups there, so no test writes into the developer's cache. Call at file scope. `testBuild`: run
 * the test build, whose hooks (AGENTREG_TEST_KILL_AT …) the published CLI does not have.
 */
export function useCli(options: { testBuild?: boolean } = {}): { run: Cli; cache: { dir: string } } {
  const makeDir = useTempDirs("file");
  const cache = { dir: "" };
  beforeAll(async () => {
    cache.dir = await makeDir("cache");
  });
  const runBuilt = options.testBuild ? runTestBuildCli : runCli;
  return { cache, run: (args, cwd, env = {}) => runBuilt(args, { cwd, env: { AGENTREG_CACHE: cache.dir, ...env } }) };
}

/**
 * Adds each agent at 1.0.0, then widens its range to ^1.0.0 in agentreg.json as a user would: a
 * project whose agents `update` can move within their ranges.
 */
export async function addAt100(run: Cli, project: string, registry: string, names: string[], env: Record<string, string | undefined> = {}): Promise<void> {
  assertSucceeded(await run(["add", ...names.map((name) => `${name}@1.0.0`), "--registry", registry], project, env), `add ${names.join(" ")}`);
  await updateJson(join(project, "agentreg.json"), (json) => {
    for (const name of names) setWantedRange(json, name, "^1.0.0");
  });
}

/**
 * Projects set up once per test file (per `key`) and copied for each test that asks for one, so the
 * set-up commands (`add`, …) run once instead of in every test. Each test gets its own copy, exactly
 * as `setUp` left the original. Originals and copies are folders directly under the temp folder, so
 * a relative path that `add --registry` wrote into agentreg.json means the same in every copy. Call
 * at file scope.
 *
 * @example
 * const projectAt100 = useProjectTemplate((project) => addAt100(run, project, registry.out, ["alpha"]));
 * it("...", async () => { const project = await projectAt100(); });
 */
export function useProjectTemplate(setUp: (project: string, key: string) => Promise<void>): (key?: string) => Promise<string> {
  const makeOriginal = useTempDirs("file");
  const makeCopy = useTempDirs();
  const originals = new Map<string, Promise<string>>();
  return async (key = "") => {
    let original = originals.get(key);
    if (original === undefined) {
      original = makeOriginal("template").then(async (dir) => {
        await setUp(dir, key);
        return dir;
      });
      originals.set(key, original);
    }
    const project = await makeCopy();
    await cp(await original, project, { recursive: true });
    return project;
  };
}

/** Paths only an interrupted command leaves: temp files, the write journal, the process lock. */
export function leftovers(tree: Record<string, string>): string[] {
  return Object.keys(tree).filter((path) => /\.agentreg-[^/]*\.tmp$|(^|\/)\.agentreg-journal\.json$|(^|\/)\.agentreg-lock\//.test(path));
}

export async function expectNoLeftovers(dir: string): Promise<void> {
  expect(leftovers(await snapshotTree(dir))).toEqual([]);
}

/** A CLI process a test watches while it runs. */
export interface LiveCli {
  pid: number;
  /** Everything printed so far. */
  output: { stdout: string; stderr: string };
  /** Resolves with the exit code and the whole output when the process ends. */
  done: Promise<ProcessResult>;
  /** Resolves once stderr matches `pattern`; rejects if the process ends first. */
  stderrMatches(pattern: RegExp): Promise<void>;
}

/** Starts the built CLI without waiting for it (same environment rules as `runCli`). */
export function startCli(args: string[], options: RunOptions): LiveCli {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ["ignore", "pipe", "pipe"], timeout: options.timeoutMs ?? 60_000 });
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output.stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output.stderr += text));
  const done = new Promise<ProcessResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, ...output }));
  });
  return {
    pid: child.pid ?? -1,
    output,
    done,
    stderrMatches: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(output.stderr)) resolve();
        };
        child.stderr.on("data", check);
        check();
        void done.then(() => (pattern.test(output.stderr) ? resolve() : reject(new Error(`exited before stderr matched ${pattern}:\n${output.stderr}`))));
      }),
  };
}
