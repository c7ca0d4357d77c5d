// The real CLIs of the other coding tools (issue 17), installed by scripts/fetch-coding-tools.mjs into
// .tools/<target>, each run offline (`unshare -n` where it works) in a scratch HOME, as
// ../shared/real-tools.md describes: each answers which agents it loaded from a project. Missing,
// the tests that use them fail (AGENTREG_SKIP_CODING_TOOLS=1 leaves them out).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./fixtures.js";

export const SKIP_CODING_TOOLS = process.env.AGENTREG_SKIP_CODING_TOOLS === "1";
const TOOLS = join(REPO_ROOT, ".tools");
const bin = (id: string, name = id): string => join(TOOLS, id, "node_modules", ".bin", name);

/** Whether every tool is installed (the tests fail with how to install them otherwise). */
export function codingToolsInstalled(): boolean {
  return ["opencode", "gemini", "codex", "copilot"].every((id) => existsSync(bin(id)));
}

export const CODING_TOOLS_HINT = "run `node scripts/fetch-coding-tools.mjs`, or set AGENTREG_SKIP_CODING_TOOLS=1";

/** `unshare -n` where it works (Linux, as root): a network namespace with no network. */
const OFFLINE = spawnSync("unshare", ["-n", "true"]).status === 0 ? ["unshare", "-n"] : [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<Run> {
  const [program, ...prefix] = [...OFFLINE, command];
  return new Promise((resolve, reject) => {
    const child = spawn(program as string, [...prefix, ...args], { cwd: options.cwd, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...options.env }, stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A scratch folder for one tool run, removed afterwards. */
async function withScratch<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "agentreg-tool-"));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** OpenCode's folders, all inside one scratch folder: no configuration of the machine's user is read. */
function openCodeEnv(scratch: string): Record<string, string> {
  return { HOME: join(scratch, "h"), XDG_CONFIG_HOME: join(scratch, "c"), XDG_DATA_HOME: join(scratch, "d"), XDG_STATE_HOME: join(scratch, "s"), XDG_CACHE_HOME: join(scratch, "ca") };
}

/** OpenCode: `opencode agent list` in the project; its subagents by name, or the error that stopped it. */
export async function openCodeAgents(project: string): Promise<{ agents: string[]; output: Run }> {
  return withScratch(async (s) => {
    const env = openCodeEnv(s);
    const output = await run(bin("opencode"), ["agent", "list"], { cwd: project, env });
    return { agents: [...output.stdout.matchAll(/^(\S+) \(subagent\)$/gm)].map((match) => match[1] as string), output };
  });
}

/** OpenCode: one agent as it holds it (`opencode debug agent <name>`). */
export async function openCodeAgent(project: string, name: string): Promise<Record<string, unknown>> {
  return withScratch(async (s) => {
    const env = openCodeEnv(s);
    const output = await run(bin("opencode"), ["debug", "agent", name], { cwd: project, env });
    if (output.code !== 0) throw new Error(`opencode debug agent ${name} exited ${output.code}: ${output.stderr}`);
    return JSON.parse(output.stdout) as Record<string, unknown>;
  });
}

/** Gemini CLI: its own loader (`loadAgentsFromDirectory` from the CLI's bundle) on a folder of agent files. */
export async function geminiAgents(folder: string): Promise<{ agents: Array<{ name: string; tools: string[] | undefined }>; errors: string[] }> {
  const bundle = join(TOOLS, "gemini/node_modules/@google/gemini-cli/bundle");
  const core = readdirSync(bundle)
    .filter((file) => /^core-.*\.js$/.test(file))
    .find((file) => /\bloadAgentsFromDirectory,/.test(readFileSync(join(bundle, file), "utf8")));
  if (core === undefined) throw new Error(`no loadAgentsFromDirectory in ${bundle}: has Gemini CLI's bundle changed?`);
  const script = `const { loadAgentsFromDirectory } = await import(${JSON.stringify(pathToFileURL(join(bundle, core)).href)});
const r = await loadAgentsFromDirectory(${JSON.stringify(folder)});
process.stdout.write(JSON.stringify({ agents: r.agents.map((a) => ({ name: a.name, tools: a.toolConfig?.tools })), errors: r.errors.map((e) => String(e.message ?? e)) }));`;
  return withScratch(async (s) => {
    const output = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: s, env: { HOME: s } });
    if (output.code !== 0) throw new Error(`Gemini CLI's loader failed (${output.code}): ${output.stderr}`);
    return JSON.parse(output.stdout) as { agents: Array<{ name: string; tools: string[] | undefined }>; errors: string[] };
  });
}

/**
 * Codex: the agent roles it offers the model (`codex debug prompt-input`, with a loopback provider
 * that is never called), by name, and what `codex app-server` says about files it ignored.
 */
export async function codexAgents(project: string): Promise<{ agents: string[]; ignored: string[] }> {
  return withScratch(async (s) => {
    await mkdir(join(s, "ch"), { recursive: true });
    await mkdir(join(s, "home"), { recursive: true });
    // Project agents are read only in a trusted project.
    await writeFile(join(s, "ch", "config.toml"), `[projects.${JSON.stringify(project)}]\ntrust_level = "trusted"\n`);
    const env = { HOME: join(s, "home"), CODEX_HOME: join(s, "ch") };
    const local = ["-c", 'model_providers.local={name="local",base_url="http://127.0.0.1:9/v1",wire_api="responses"}', "-c", "model_provider=local", "-c", "check_for_update_on_startup=false", "--disable", "plugins", "--disable", "remote_plugin"];
    const prompt = await run(bin("codex"), ["debug", "prompt-input", ...local, "hi"], { cwd: project, env });
    if (prompt.code !== 0) throw new Error(`codex debug prompt-input exited ${prompt.code}: ${prompt.stderr}`);
    const server = await run(bin("codex"), ["app-server", ...local], { cwd: project, env });
    const ignored = [...server.stderr.matchAll(/Ignoring malformed agent role definition: ([^\n]*)/g)].map((match) => match[1] as string);
    // The roles are listed in the spawn tool's description as `<name>: {…}`, inside JSON strings.
    const agents = [...prompt.stdout.matchAll(/(?:\\n|^)([a-z0-9][a-z0-9.-]*): \{/g)].map((match) => match[1] as string);
    return { agents: [...new Set(agents)], ignored };
  });
}

/** GitHub Copilot CLI: the custom agents it loaded, from its answer to an agent that does not exist. */
export async function copilotAgents(project: string): Promise<{ agents: string[]; errors: string[] }> {
  return withScratch(async (s) => {
    const logs = join(s, "logs");
    const env = { HOME: join(s, "home"), XDG_CACHE_HOME: join(REPO_ROOT, ".tools/copilot/cache"), COPILOT_OFFLINE: "true", COPILOT_PROVIDER_BASE_URL: "http://127.0.0.1:9/v1", COPILOT_MODEL: "gpt-4.1" };
    const output = await run(bin("copilot"), ["-p", "hi", "--agent", "__agentreg_probe__", "--no-auto-update", "--log-dir", logs], { cwd: project, env });
    const list = /No such agent: __agentreg_probe__, available: (.*)$/m.exec(output.stdout + output.stderr)?.[1];
    if (list === undefined) throw new Error(`copilot did not list its agents (exit ${output.code}): ${output.stdout}${output.stderr}`);
    const errors: string[] = [];
    for (const file of await readdir(logs).catch(() => [] as string[])) {
      for (const line of (await readFile(join(logs, file), "utf8")).split("\n")) if (/\[ERROR\].*agent/i.test(line) && !line.includes("__agentreg_probe__")) errors.push(line);
    }
    return { agents: list.split(",").map((name) => name.trim()).filter((name) => name !== ""), errors };
  });
}
