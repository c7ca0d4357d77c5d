// The real Claude Code CLI for the tests that check agentreg against it (issue 7: the marketplace it
// installs from; issue 13: the agent files it loads). It is not a workspace dependency (the package is
// ~360 MB, nearly all of it one native binary): `pnpm test` installs the version pinned in
// scripts/fetch-claude-code.mjs into .tools/claude-code first. AGENTREG_TEST_CLAUDE_CODE_DIR names
// another installed package folder (to compare a newer release); AGENTREG_SKIP_CLAUDE_CODE=1 leaves
// these tests out. Missing, they fail rather than skip.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, runProcess, type ProcessResult } from "./fixtures.js";

export const SKIP_CLAUDE_CODE = process.env.AGENTREG_SKIP_CLAUDE_CODE === "1";

/** The version scripts/fetch-claude-code.mjs installs (read, not imported: the script installs on import). */
export const PINNED_CLAUDE_CODE_VERSION = /CLAUDE_CODE_VERSION = "([^"]+)"/.exec(readFileSync(join(REPO_ROOT, "scripts/fetch-claude-code.mjs"), "utf8"))?.[1];

const OTHER_DIR = process.env.AGENTREG_TEST_CLAUDE_CODE_DIR;

/**
 * The package's own Node launcher (it works whether or not the package's postinstall copied the
 * native binary), or undefined when the package is not installed.
 */
export const CLAUDE_CODE_LAUNCHER = ((): string | undefined => {
  const launcher = join(OTHER_DIR ?? join(REPO_ROOT, ".tools/claude-code/node_modules/@anthropic-ai/claude-code"), "cli-wrapper.cjs");
  return existsSync(launcher) ? launcher : undefined;
})();

/** The version a run must report: the pin, unless AGENTREG_TEST_CLAUDE_CODE_DIR chose another install. */
export const EXPECTED_CLAUDE_CODE_VERSION = OTHER_DIR === undefined ? PINNED_CLAUDE_CODE_VERSION : undefined;

/** What to tell someone whose tests fail because the CLI is missing. */
export const INSTALL_HINT = "run `node scripts/fetch-claude-code.mjs`, or set AGENTREG_SKIP_CLAUDE_CODE=1";

/**
 * Claude Code's environment: its own HOME and config folder, no API key (with one it first asks
 * api.anthropic.com for remote managed settings, retrying for ~20 s offline; without one it never
 * logs in, since these runs send no prompt), and none of the traffic it can do without.
 */
export function claudeCodeEnv(home: string): Record<string, string | undefined> {
  return {
    HOME: home,
    CLAUDE_CONFIG_DIR: join(home, ".claude"),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
    DISABLE_TELEMETRY: "1",
    ANTHROPIC_API_KEY: undefined,
  };
}

/** Runs `claude <args>` in `home` (see {@link claudeCodeEnv}). */
export function runClaudeCode(args: string[], home: string): Promise<ProcessResult> {
  return runProcess(process.execPath, [CLAUDE_CODE_LAUNCHER as string, ...args], { cwd: home, env: claudeCodeEnv(home) });
}

/** One agent as Claude Code's `initialize` response lists it (the Agent SDK's `AgentInfo`). */
export interface ClaudeCodeAgent {
  name: string;
  description: string;
  model?: string;
}

export interface InitializeResult {
  /** Every agent the session can use: built-in, user, project and plugin agents. */
  agents: ClaudeCodeAgent[];
  claudeCodeVersion?: string;
}

/** `unshare -n` (a network namespace with no network) where it works: Linux, as root. */
const OFFLINE_PREFIX = spawnSync("unshare", ["-n", "true"]).status === 0 ? ["unshare", "-n"] : [];

/**
 * Starts a headless Claude Code session in `cwd` and asks it for the agents it loaded, through the
 * control protocol the Agent SDK speaks (`-p --input-format stream-json`): an `initialize` request
 * on stdin, whose `control_response` lists every agent with its name, description and model. No
 * prompt is sent, so no model is called; the session ends when stdin closes. Offline where possible.
 *
 * @example
 * const { agents } = await listClaudeCodeAgents({ cwd: project, home });
 */
export async function listClaudeCodeAgents(options: { cwd: string; home: string; timeoutMs?: number }): Promise<InitializeResult> {
  const [command, ...prefix] = [...OFFLINE_PREFIX, process.execPath];
  const args = [...prefix, CLAUDE_CODE_LAUNCHER as string, "-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose"];
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  for (const [key, value] of Object.entries(claudeCodeEnv(options.home))) if (value !== undefined) env[key] = value;
  const child = spawn(command as string, args, { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"], timeout: options.timeoutMs ?? 30_000 });
  child.stdin.write(`${JSON.stringify({ type: "control_request", request_id: "agentreg-1", request: { subtype: "initialize" } })}\n`);

  let stdout = "";
  let stderr = "";
  let response: Record<string, unknown> | undefined;
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
    for (let end = stdout.indexOf("\n"); end !== -1 && response === undefined; end = stdout.indexOf("\n")) {
      const message = JSON.parse(stdout.slice(0, end)) as { type?: string; response?: { subtype?: string; request_id?: string; error?: string; response?: Record<string, unknown> } };
      stdout = stdout.slice(end + 1);
      if (message.type === "control_response" && message.response?.request_id === "agentreg-1") {
        response = message.response.subtype === "success" ? (message.response.response ?? {}) : { error: message.response.error ?? "no error message" };
        child.stdin.end();
      }
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (response === undefined) throw new Error(`Claude Code exited (${code}) without answering initialize\nstderr: ${stderr}\nstdout: ${stdout}`);
  if (!Array.isArray(response.agents)) throw new Error(`Claude Code refused initialize: ${JSON.stringify(response)}`);
  const version = response.claude_code_version;
  return { agents: response.agents as ClaudeCodeAgent[], ...(typeof version === "string" ? { claudeCodeVersion: version } : {}) };
}
