// The progress line of bulk installs (issue 8): one updating line on a terminal, nothing of it when
// output is not a terminal, with --json, or in CI. A real pseudo-terminal comes from util-linux
// `script`; the registry is a real loopback server made slow enough for the line to appear.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, buildRegistry, CLI_PATH, createRegistrySource, deprecateInSource, runProcess, useRegistry, useTempDirs, type ProcessResult } from "../helpers/fixtures.js";
import { runWithCache, writeProjectConfig } from "../helpers/http-cli.js";
import { delay, staticHandler, useServers } from "../helpers/http-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();
const names = Array.from({ length: 12 }, (_, i) => `agent-${String(i + 1).padStart(2, "0")}`);
const registry = useRegistry(names.map((name) => ({ name, version: "1.0.0", text: agentText({ name, description: `Agent ${name}` }) })));
const PROGRESS = /resolved \d+\/12 · fetched \d+\/12 · written \d+\/12/;

/** A project whose install takes well over the line's 150 ms delay: every answer waits 120 ms. */
async function slowProject(): Promise<{ project: string; cache: string }> {
  const server = await startServer(delay(120, staticHandler(registry.out)));
  const project = await makeTempDir();
  await writeProjectConfig(project, { registries: { default: { url: server.url } }, agents: Object.fromEntries(names.map((name) => [name, "^1.0.0"])) });
  return { project, cache: await makeTempDir("cache") };
}

/** Runs the CLI on a pseudo-terminal (stdout and stderr both), as a person at a terminal would. */
function runOnTerminal(args: string[], options: { cwd: string; cache: string; env?: Record<string, string | undefined> }): Promise<ProcessResult> {
  const quote = (word: string): string => `'${word.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, CLI_PATH, ...args].map(quote).join(" ");
  return runProcess("script", ["-qefc", command, "/dev/null"], { cwd: options.cwd, env: { CI: undefined, TERM: "xterm", AGENTREG_CACHE: options.cache, ...options.env } });
}

describe("progress line", () => {
  it("on a terminal, one line is rewritten in place and cleared before the result", async () => {
    const { project, cache } = await slowProject();
    const result = await runOnTerminal(["install"], { cwd: project, cache });
    expect(result.code).toBe(0);
    const output = result.stdout;
    expect(output).toMatch(PROGRESS);
    // Rewritten in place (carriage return, erase to end of line), never a new line per update.
    expect(output).toMatch(new RegExp(`\\r${PROGRESS.source}\\u001b\\[K`));
    expect(output.split("\n").filter((line) => PROGRESS.test(line)).length).toBeLessThanOrEqual(1);
    // Cleared before the result: the result lines start clean, after an erase.
    expect(output).toMatch(/\r\u001b\[K\+ agent-01@1\.0\.0 -> \.claude\/agents\/agent-01\.md/);
    const lastProgress = output.lastIndexOf("resolved ");
    expect(output.lastIndexOf("\r\u001b[K")).toBeGreaterThan(lastProgress);
  });

  it("is never written when output is not a terminal", async () => {
    const { project, cache } = await slowProject();
    const result = await runWithCache(["install"], { cwd: project, cache });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).not.toMatch(/resolved|\u001b/);
  });

  it("is never written with --json or in CI, even on a terminal", async () => {
    const first = await slowProject();
    const json = await runOnTerminal(["install", "--json"], { cwd: first.project, cache: first.cache });
    expect(json.code, json.stdout).toBe(0);
    expect(json.stdout).not.toMatch(PROGRESS);
    expect(json.stdout).not.toContain("\u001b[K");

    const second = await slowProject();
    const ci = await runOnTerminal(["install"], { cwd: second.project, cache: second.cache, env: { CI: "true" } });
    expect(ci.code).toBe(0);
    expect(ci.stdout).not.toMatch(PROGRESS);
    expect(ci.stdout).toContain("+ agent-12@1.0.0");
  });

  it("a warning is printed above the line, on a line of its own", async () => {
    const work = await makeTempDir("registry");
    const source = await createRegistrySource(join(work, "src"), names.map((name) => ({ name, version: "1.0.0", text: agentText({ name, description: `Agent ${name}` }) })));
    for (const name of names) await deprecateInSource(source, name, `${name} is retired`);
    const server = await startServer(delay(120, staticHandler(await buildRegistry(source, join(work, "out")))));
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { default: { url: server.url } }, agents: Object.fromEntries(names.map((name) => [name, "^1.0.0"])) });

    const result = await runOnTerminal(["install"], { cwd: project, cache: await makeTempDir("cache") });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(PROGRESS);
    // What a terminal shows: on each line, only what follows the last carriage return.
    const screen = result.stdout.split(/\r?\n/).map((line) => (line.split("\r").at(-1) ?? "").replaceAll("\u001b[K", ""));
    const warnings = screen.filter((line) => line.includes("warning:"));
    expect(warnings).toHaveLength(12);
    // Each warning stands alone on its line: the progress line was erased first, never printed through.
    for (const line of warnings) expect(line).toMatch(/^warning: agent-\d\d@1\.0\.0 is deprecated: agent-\d\d is retired$/);
    expect(screen.filter((line) => PROGRESS.test(line))).toEqual([]);
  });
});
