// Shared set-up for the end-to-end tests: they run the BUILT CLI (packages/cli/dist/agentreg.cjs) as a
// child process in real temp folders and look only at what a user sees: exit code, stdout, stderr, files.
import { type ChildProcess, fork } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import type { RefusedAgentFile } from "@agentreg/sdk";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CLI_PATH = join(REPO_ROOT, "packages/cli/dist/agentreg.cjs");
/**
 * The test build: the same bundle with the hooks of packages/cli/src/test-hooks.ts, which the
 * published dist/ does not have. Only tests that need a hook (crash points, an internal error) run it.
 */
export const TEST_BUILD_CLI_PATH = join(REPO_ROOT, "packages/cli/dist-test/agentreg.cjs");

for (const path of [CLI_PATH, TEST_BUILD_CLI_PATH]) {
  if (!existsSync(path)) throw new Error(`${path} does not exist: run \`pnpm build\` first (the end-to-end tests run the built CLI).`);
}

/** The seed agent of the builtin registry, and the files that define its expected bytes. */
export const SEED = {
  name: "senior-backend-engineer",
  installPath: ".claude/agents/senior-backend-engineer.md",
  /** The repaired file the registry publishes: what an install must reproduce byte for byte. */
  registryFile: join(REPO_ROOT, "registry/agents/senior-backend-engineer/1.0.0/senior-backend-engineer.md"),
  /** The community original (a copy of shared/seed), with its two double-encoded emoji. */
  sharedFile: join(REPO_ROOT, "tests/fixtures/seed-original.md"),
  /** Written by `pnpm build`; the builtin registry embedded in the CLI holds the same bytes. */
  tarball: join(REPO_ROOT, "packages/sdk/builtin/tarballs/senior-backend-engineer/senior-backend-engineer-1.0.0.tgz"),
} as const;

export interface ProcessResult {
  /** The exit code; `null` when the process was killed (e.g. by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Added to (or, with `undefined`, removed from) the inherited environment. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/**
 * Inherited variables that would let a developer's machine leak into a test: a proxy (tests talk to
 * 127.0.0.1 only), extra TLS roots (no test speaks TLS, and Node parses the file at every start: about
 * 40 ms of CPU in each of the suite's ~1,400 processes) and the shared cache. A test that wants one
 * passes it in `env`.
 */
const MACHINE_SPECIFIC_ENV = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "NODE_EXTRA_CA_CERTS", "AGENTREG_CACHE"];

/**
 * The environment of a child process: the inherited one without `DEBUG` (it would turn on stack
 * traces), a proxy or `AGENTREG_CACHE` unless `overrides` sets them, and always with `NO_COLOR=1`.
 * An `undefined` in `overrides` removes the variable.
 */
// A fresh, always-empty config home and a fresh cache home for each test worker (mkdtemp: a fixed /tmp
// path could be planted by another user, and the code cache there is executable input). User-scope
// tests pass their own config home; nothing writes into the empty one.
const EMPTY_CONFIG_HOME = mkdtempSync(join(tmpdir(), "agentreg-e2e-config-"));
// The default cache (code cache, backups) goes here, never the developer's ~/.cache.
const TEST_CACHE_HOME = mkdtempSync(join(tmpdir(), "agentreg-e2e-cache-"));
// A fresh, empty home: the user scope (~/.claude/agents) of the developer's machine never shows.
const EMPTY_HOME = mkdtempSync(join(tmpdir(), "agentreg-e2e-home-"));
process.once("exit", () => {
  for (const folder of [EMPTY_CONFIG_HOME, TEST_CACHE_HOME, EMPTY_HOME]) rmSync(folder, { recursive: true, force: true });
});

export function childEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const inherited: Record<string, string | undefined> = { ...process.env };
  for (const key of MACHINE_SPECIFIC_ENV) delete inherited[key];
  // The user scope (`-g`, and the user half of `list`) reads XDG_CONFIG_HOME: point it at an empty
  // folder so no test sees the developer's own agents. Tests of the user scope pass their own.
  const env: Record<string, string | undefined> = { ...inherited, DEBUG: undefined, FORCE_COLOR: undefined, NO_COLOR: "1", HOME: EMPTY_HOME, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME, ...overrides };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as Record<string, string>;
}

/** The spawner's answer to one request (by id): the process's result, or why it could not start. */
interface SpawnReply extends Partial<ProcessResult> {
  id: number;
  error?: { message: string; code?: string };
}

/** This worker's spawner (spawner.mjs), started on first use; its requests in flight by id. */
let spawner: ChildProcess | undefined;
const pending = new Map<number, { resolve: (result: ProcessResult) => void; reject: (error: Error) => void }>();
let nextId = 0;

function startSpawner(): ChildProcess {
  // No execArgv of the test runner's: the spawner is a plain Node process.
  const child = fork(fileURLToPath(new URL("./spawner.mjs", import.meta.url)), [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  child.on("message", (reply: SpawnReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    // Idle, it must not keep the worker alive.
    if (pending.size === 0) child.channel?.unref();
    if (waiting === undefined) return;
    if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    else waiting.resolve({ code: reply.code ?? null, stdout: reply.stdout ?? "", stderr: reply.stderr ?? "" });
  });
  child.on("exit", () => {
    spawner = undefined;
    for (const [, waiting] of pending) waiting.reject(new Error("the test spawner exited"));
    pending.clear();
  });
  child.unref();
  return child;
}

/**
 * Runs a program without a shell, in `childEnv(options.env)`, and collects its output. The process is
 * started by this worker's spawner (spawner.mjs), a small process, so the start forks that one rather
 * than the test runner; the program, its arguments, folder, environment and timeout are exactly these.
 */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<ProcessResult> {
  const env = childEnv(options.env);
  spawner ??= startSpawner();
  const id = nextId++;
  const result = new Promise<ProcessResult>((resolve, reject) => pending.set(id, { resolve, reject }));
  spawner.channel?.ref();
  spawner.send({ id, command, args, cwd: options.cwd, env, timeoutMs: options.timeoutMs ?? 30_000 });
  return result;
}

/** Runs the built `agentreg` with the Node that runs the tests. */
export function runCli(args: string[], options: RunOptions): Promise<ProcessResult> {
  return runProcess(process.execPath, [CLI_PATH, ...args], options);
}

/** Runs the test build of `agentreg` (TEST_BUILD_CLI_PATH), whose test hooks the environment arms. */
export function runTestBuildCli(args: string[], options: RunOptions): Promise<ProcessResult> {
  return runProcess(process.execPath, [TEST_BUILD_CLI_PATH, ...args], options);
}

/** Throws with the full output unless a set-up step succeeded: set-up failures must say why. */
export function assertSucceeded(result: ProcessResult, what: string): ProcessResult {
  if (result.code !== 0) throw new Error(`${what} failed with exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

/**
 * Asserts the CLI's error contract (DESIGN §7): the exit code, `agentreg: E_CODE message` as the
 * first stderr line, nothing on stdout, and no stack trace.
 */
export function expectCliError(result: ProcessResult, code: string, exitCode = 1): void {
  expect(result.stderr.split("\n")[0]).toMatch(new RegExp(`^agentreg: ${code} \\S`));
  expect(result.code).toBe(exitCode);
  expect(result.stdout).toBe("");
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/**
 * A command that did what it could and then failed for what it had to leave alone (an edited or
 * unmanaged file): it reports its work on stdout, the error (with a hint) on stderr, and exits 1.
 */
export function expectCliPartialFailure(result: ProcessResult, code: string): void {
  expect(result.stderr).toMatch(new RegExp(`^agentreg: ${code} \\S`, "m"));
  expect(result.stderr).toMatch(/^ {2}hint: .*--force/m);
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** The `{ error }` object a `--json` run prints on stderr. */
export function jsonError(result: ProcessResult): { code: string; message: string; subject?: string; hint?: string; details?: Record<string, unknown> } {
  return (JSON.parse(result.stderr) as { error: ReturnType<typeof jsonError> }).error;
}

/**
 * Temp folders, removed after each test (`"test"`) or after the whole file (`"file"`, for folders
 * made in `beforeAll`). Paths are real paths (no symlinked /tmp), so they compare equal to what the
 * CLI prints.
 *
 * @example
 * const makeTempDir = useTempDirs();
 * it("...", async () => { const project = await makeTempDir(); });
 */
export function useTempDirs(scope: "test" | "file" = "test"): (label?: string) => Promise<string> {
  const dirs: string[] = [];
  (scope === "test" ? afterEach : afterAll)(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async (label = "project") => {
    const dir = await realpath(await mkdtemp(join(tmpdir(), `agentreg-e2e-${label}-`)));
    dirs.push(dir);
    return dir;
  };
}

/** SRI sha512, the format of every integrity in agentreg. */
export function sha512Sri(bytes: Uint8Array | string): string {
  return `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
}

/**
 * Every entry under `dir`, hidden ones included, as POSIX relative path -> content: the text of small
 * UTF-8 files (readable diffs), the sha512 of anything else, `dir` for folders (key ends in `/`) and
 * the target of symlinks. Two equal snapshots mean nothing was written, deleted or left behind.
 */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  // Siblings are read at once (the tests snapshot trees of hundreds of entries, before and after
  // every command); the entries come back in sorted, depth-first order all the same.
  const walk = async (absolute: string, prefix: string): Promise<Array<[string, string]>> => {
    const names = (await readdir(absolute)).sort();
    const entries = await Promise.all(
      names.map(async (name): Promise<Array<[string, string]>> => {
        const path = join(absolute, name);
        const rel = `${prefix}${name}`;
        const stats = await lstat(path);
        if (stats.isSymbolicLink()) return [[rel, `symlink -> ${await readlink(path)}`]];
        if (stats.isDirectory()) return [[`${rel}/`, "dir"], ...(await walk(path, `${rel}/`))];
        if (stats.isFile()) return [[rel, describeBytes(await readFile(path))]];
        return [[rel, "special file"]];
      }),
    );
    return entries.flat();
  };
  return Object.fromEntries(await walk(dir, ""));
}

function describeBytes(bytes: Buffer): string {
  if (bytes.length > 4096) return sha512Sri(bytes);
  const text = bytes.toString("utf8");
  return !text.includes("\0") && Buffer.from(text, "utf8").equals(bytes) ? text : sha512Sri(bytes);
}

/** A valid agent file (strict YAML frontmatter) for publishing into temp registries. */
export function agentText(options: { name: string; description: string; tools?: string[]; body?: string }): string {
  const tools = options.tools === undefined ? "" : `tools: ${options.tools.join(", ")}\n`;
  return `---\nname: ${options.name}\ndescription: ${JSON.stringify(options.description)}\n${tools}---\n${options.body ?? `You are ${options.name}.\n`}`;
}

export interface AgentVersion {
  name: string;
  version: string;
  text: string | Uint8Array;
}

/**
 * The SDK the CLI is built from (packages/sdk/dist), for set-up steps that are not what a test
 * checks: a registry source made and built in-process costs no CLI start-up (~0.3 s of CPU each; the
 * suite made ~190 of them, issue 14). What a test checks still runs through the built CLI.
 */
const loadSdk = (): Promise<typeof import("@agentreg/sdk")> => import("@agentreg/sdk");

/** Publishes files into a registry source folder at one version, as `agentreg publish` does; any refusal throws. */
async function publishFiles(source: string, paths: string[], version: string): Promise<void> {
  const { publishAgents } = await loadSdk();
  const result = await publishAgents({ paths, to: source, version });
  const refused = result.files.find((file): file is RefusedAgentFile => file.status === "refused");
  if (refused !== undefined) throw new Error(`publish ${paths.join(" ")} at ${version} failed: ${refused.error.message}`);
}

/** Publishes one version into a registry source folder (set-up: through the SDK, see loadSdk). */
export async function publishVersion(source: string, agent: AgentVersion): Promise<void> {
  const staging = await mkdtemp(join(tmpdir(), "agentreg-e2e-publish-"));
  try {
    // publish insists that the file name equals the agent's name.
    const file = join(staging, `${agent.name}.md`);
    await writeFile(file, agent.text);
    await publishFiles(source, [file], agent.version);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Publishes `agents` into a registry source folder, one `publishAgents` call per batch of files that
 * share a version (publish takes many files; each agent's versions keep their order), so a registry
 * of 12 agents is one publish instead of 12. Each agent's versions end up as they
 * would one at a time; only registry.json's serial counts runs, not versions.
 */
export async function publishVersions(source: string, agents: AgentVersion[]): Promise<void> {
  const batches: Array<{ version: string; agents: AgentVersion[] }> = [];
  const lastBatchOf = new Map<string, number>();
  for (const agent of agents) {
    const after = lastBatchOf.get(agent.name) ?? -1;
    let index = batches.findIndex((batch, i) => i > after && batch.version === agent.version);
    if (index === -1) index = batches.push({ version: agent.version, agents: [] }) - 1;
    batches[index]?.agents.push(agent);
    lastBatchOf.set(agent.name, index);
  }
  for (const batch of batches) {
    if (batch.agents.length === 1) {
      await publishVersion(source, batch.agents[0] as AgentVersion);
      continue;
    }
    const staging = await mkdtemp(join(tmpdir(), "agentreg-e2e-publish-"));
    try {
      const files = await Promise.all(
        batch.agents.map(async (agent) => {
          const file = join(staging, `${agent.name}.md`);
          await writeFile(file, agent.text);
          return file;
        }),
      );
      await publishFiles(source, files, batch.version);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
}

/** Creates a registry source folder at `dir` (absolute), as `registry init` does, and publishes `agents` into it. */
export async function createRegistrySource(dir: string, agents: AgentVersion[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  await (await loadSdk()).initRegistrySource({ dir });
  await publishVersions(dir, agents);
  return dir;
}

/** Deprecates every version of `name` in a registry source folder, as `agentreg deprecate` does (set-up: see loadSdk). */
export async function deprecateInSource(source: string, name: string, message: string): Promise<void> {
  await (await loadSdk()).deprecateVersions({ spec: name, message, to: source });
}

/** Builds a registry source folder into a static registry, as `registry build` does (set-up: see loadSdk). */
export async function buildRegistry(source: string, out: string): Promise<string> {
  await (await loadSdk()).buildRegistry({ source, out });
  return out;
}

/**
 * A registry source folder and its build, made once for a test file (beforeAll) and removed after it.
 * Tests must not change it: a test that tampers with a registry makes its own.
 *
 * The CLI builds each distinct registry once per run, into the run's fixture cache (global-setup.ts),
 * keyed by the agents' content; each test file gets its own copy, so no file sees another's changes.
 * Nothing in a built registry depends on its folder's path.
 */
export function useRegistry(agents: AgentVersion[]): { source: string; out: string } {
  const registry = { source: "", out: "" };
  let root = "";
  beforeAll(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), "agentreg-e2e-shared-registry-")));
    Object.assign(registry, await makeRegistry(agents, root));
  });
  afterAll(async () => {
    if (root !== "") await rm(root, { recursive: true, force: true });
  });
  return registry;
}

/**
 * Writes `<into>/src`, a registry source holding `agents`, and `<into>/out`, its build: a copy of the
 * run's cached build (see useRegistry), which the test may change.
 */
export async function makeRegistry(agents: AgentVersion[], into: string): Promise<{ source: string; out: string }> {
  const registry = { source: join(into, "src"), out: join(into, "out") };
  const build = async (dir: string): Promise<void> => {
    await buildRegistry(await createRegistrySource(join(dir, "src"), agents), join(dir, "out"));
  };
  const cache = inject("fixtureCache");
  if (cache === undefined) {
    await build(into);
    return registry;
  }
  const key = createHash("sha256")
    .update(JSON.stringify(agents.map(({ name, version, text }) => [name, version, typeof text === "string" ? text : { base64: Buffer.from(text).toString("base64") }])))
    .digest("hex");
  const cached = join(cache, key);
  if (!existsSync(cached)) {
    // Test files run in parallel: build aside, then rename, which only one of two builders wins.
    const building = await mkdtemp(join(cache, "building-"));
    await build(building);
    await rename(building, cached).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
      await rm(building, { recursive: true, force: true });
    });
  }
  await cp(cached, into, { recursive: true });
  return registry;
}

/** `agentreg add` of the seed from the builtin registry, run by the built CLI in `dir`. */
export async function addSeed(dir: string): Promise<void> {
  assertSucceeded(await runCli(["add", SEED.name], { cwd: dir }), `add ${SEED.name}`);
}

/** The project `addSeed` leaves in an empty folder, made once per test worker (see installSeed). */
let seedProject: Promise<string> | undefined;

/**
 * Installs the seed agent from the builtin registry into `dir` (set-up). An empty `dir` gets a copy
 * of the project the built CLI's `add` left in an empty folder once per worker: the same bytes, with
 * one CLI start instead of one per test. A test whose subject is that `add` calls addSeed.
 */
export async function installSeed(dir: string): Promise<void> {
  if ((await readdir(dir)).length > 0) return addSeed(dir);
  seedProject ??= mkdtemp(join(tmpdir(), "agentreg-e2e-seed-")).then(async (folder) => {
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    await addSeed(folder);
    return folder;
  });
  await cp(await seedProject, dir, { recursive: true });
}

export async function readJson<T = Record<string, any>>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, "utf8")) as T;
}

/** Rewrites a JSON file in place (2-space JSON, trailing newline). */
export async function updateJson(path: string, change: (json: Record<string, any>) => void): Promise<void> {
  const json = await readJson(path);
  change(json);
  await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
}

/** Flips one bit in the middle of a file, as corruption or tampering would. */
export async function flipByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
  await writeFile(path, bytes);
}

/**
 * Sets an agent's range in a parsed agentreg.json as a user would edit it: the range of a
 * `{ version, registry }` entry (what `add --registry` writes), or the plain string otherwise.
 */
export function setWantedRange(config: Record<string, any>, key: string, range: string): void {
  const current = config.agents?.[key];
  config.agents[key] = current !== null && typeof current === "object" ? { ...current, version: range } : range;
}
