// The CLI side of the HTTP tests: running the built CLI with its own cache, writing agentreg.json
// with registries, looking for secrets in files, reading `cache ls`, and `registry serve` as a
// long-running child process.
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { childEnv, CLI_PATH, type ProcessResult, runCli } from "./fixtures.js";
import { useCleanups } from "./http-fixtures.js";

export interface ServeProcess {
  /** The first line `registry serve` printed: its address. */
  url: string;
  child: ChildProcess;
  /** Resolves when the process exits. */
  exited: Promise<ProcessResult & { signal: NodeJS.Signals | null }>;
}

/**
 * Starts `agentreg registry serve` as a child process and waits for its address on stdout. A
 * process still running after the test is killed.
 */
export function useServeProcesses(): (args: string[], cwd: string) => Promise<ServeProcess> {
  const register = useCleanups("test");
  return async (args, cwd) => {
    const child = spawn(process.execPath, [CLI_PATH, "registry", "serve", ...args], { cwd, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const exited = new Promise<ProcessResult & { signal: NodeJS.Signals | null }>((resolve) => {
      child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    register(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    });
    const firstLine = await Promise.race([
      new Promise<string>((resolve) => {
        const check = (): void => {
          if (stdout.includes("\n")) resolve(stdout.split("\n")[0] ?? "");
        };
        child.stdout.on("data", check);
      }),
      exited.then((result) => `(exited with ${result.code} before printing an address: ${result.stderr})`),
    ]);
    return { url: firstLine, child, exited };
  };
}

/** Runs the built CLI with its own cache folder: no HTTP test may touch the developer's cache. */
export function runWithCache(args: string[], options: { cwd: string; cache: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<ProcessResult> {
  return runCli(args, { cwd: options.cwd, env: { AGENTREG_CACHE: options.cache, ...options.env }, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
}

export interface RegistrySettings {
  url: string;
  headers?: Record<string, string>;
}

/** Writes `agentreg.json` with `registries` and `agents` (2-space JSON, trailing newline). */
export async function writeProjectConfig(dir: string, config: { registries?: Record<string, RegistrySettings>; agents?: Record<string, string> }): Promise<string> {
  const text = `${JSON.stringify({ ...config, agents: config.agents ?? {} }, null, 2)}\n`;
  await writeFile(join(dir, "agentreg.json"), text);
  return text;
}

/** The POSIX relative paths under `dir` that contain `needle` in their name or, for files, their bytes. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const rel = relative(dir, path).split(sep).join("/");
    if (rel.includes(needle) || (entry.isFile() && (await readFile(path)).includes(needle))) found.push(rel);
  }
  return found.sort();
}

export interface CacheListing {
  dir: string;
  documents: Array<{ registry: string; path: string; storedAt: string; bytes: number }>;
  tarballs: Array<{ integrity: string; bytes: number }>;
}

/** `agentreg cache ls --json`, parsed. */
export async function listCache(cache: string, cwd: string): Promise<CacheListing> {
  const result = await runWithCache(["cache", "ls", "--json"], { cwd, cache });
  if (result.code !== 0) throw new Error(`cache ls failed with exit ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as CacheListing;
}
