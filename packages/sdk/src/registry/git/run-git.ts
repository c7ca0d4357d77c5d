import { spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { AgentregError, ErrorCode } from "../../errors.js";

export interface RunGitOptions {
  /**
   * The git process's environment: the user's, so credential helpers, the SSH agent, `insteadOf`
   * rules and proxies work as they do for git itself. The caller passes it (the CLI: its own
   * environment); the SDK never reads `process.env`.
   */
  env: Readonly<Record<string, string | undefined>>;
  /** The folder git runs in (a repository in the cache). */
  cwd?: string | undefined;
  /** The location as the user wrote it, for messages: never the URL git was given. */
  location: string;
  /** More output than this is refused (`E_REGISTRY`): a hostile repository must not exhaust memory. */
  maxBytes?: number | undefined;
  /**
   * Given, each piece of git's standard output goes here as it comes, instead of into the result
   * (which is then empty): a caller can use the start of a long answer before git has finished it.
   * The output is still counted against `maxBytes`.
   */
  onOutput?: ((chunk: Buffer) => void) | undefined;
  /**
   * Written to git's standard input, then closed (for `cat-file --batch`). Given as pieces that come
   * later, each is written as it comes and the input is closed when they end: git starts before its
   * input is known, and a `cat-file` can be asked one question after another (cat-file-session.ts).
   */
  input?: string | AsyncIterable<string> | undefined;
}

/** 64 MiB: far above any listing of agent files, far below what would hurt. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * What agentreg sets for every git it runs, over the user's environment: git never prompts (a
 * command would hang on a terminal no one watches), speaks only the transports a registry location
 * may name (no `ext::` commands from a hostile `.gitmodules` or redirect), and answers in English,
 * whose messages `gitFailure` reads.
 */
const FIXED_ENV = {
  GIT_TERMINAL_PROMPT: "0",
  GIT_ASKPASS: "",
  SSH_ASKPASS: "",
  GIT_ALLOW_PROTOCOL: "https:http:ssh:file",
  LC_ALL: "C",
  LANGUAGE: "C",
} as const;

/**
 * Runs the system `git` with `args` (never through a shell) and returns its standard output. A
 * missing git is `E_CONFIG` saying how to install it; a failure is `E_AUTH`, `E_NOT_FOUND`,
 * `E_NETWORK` or `E_REGISTRY` naming the location, with git's own reason but no credential.
 *
 * @example
 * const tags = await runGit(["ls-remote", "--tags", "--", remote], { env: process.env, location });
 */
export function runGit(args: string[], options: RunGitOptions): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd: options.cwd,
      env: { ...withoutUndefined(options.env), ...FIXED_ENV },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = "";
    let tooLarge = false;
    child.stdout?.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxBytes) {
        tooLarge = true;
        child.kill("SIGKILL");
      } else if (options.onOutput) options.onOutput(chunk);
      else out.push(chunk);
    });
    // Only the start of git's message is kept: it says why; the rest can be a remote's whole banner.
    child.stderr?.on("data", (chunk: Buffer) => {
      if (err.length < 16_384) err += chunk.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "ENOENT" ? gitMissing() : error);
    });
    child.on("close", (code) => {
      if (tooLarge) reject(new AgentregError(ErrorCode.REGISTRY, `git ${args[0]} on ${options.location} printed more than ${maxBytes} bytes`, { subject: options.location, hint: "The repository is too large to read as a registry; point at a smaller one, or at a path inside it." }));
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(gitFailure(args[0] ?? "git", err, options.location));
    });
    const stdin = child.stdin;
    if (options.input !== undefined && stdin) {
      // A git that fails before reading its input closes the pipe: its exit code says what failed.
      stdin.on("error", () => undefined);
      writeInput(stdin, options.input).catch(() => undefined);
    }
  });
}

async function writeInput(stdin: Writable, input: string | AsyncIterable<string>): Promise<void> {
  if (typeof input === "string") {
    stdin.end(input);
    return;
  }
  try {
    for await (const piece of input) stdin.write(piece);
  } finally {
    stdin.end();
  }
}

function gitMissing(): AgentregError {
  return new AgentregError(ErrorCode.CONFIG, "git registries need git, and no `git` command was found", {
    subject: "git",
    hint: "Install git (https://git-scm.com/downloads; on Debian or Ubuntu: apt-get install git) and make sure it is on PATH.",
  });
}

/** Git's reason, classified: who has to act (the user's credentials, the location, the network). */
export function gitFailure(command: string, stderr: string, location: string): AgentregError {
  const reason = firstReason(stderr);
  if (/Authentication failed|could not read (Username|Password)|terminal prompts disabled|Permission denied \(publickey|HTTP Basic: Access denied|requested URL returned error: 40[13]/i.test(stderr)) {
    return new AgentregError(ErrorCode.AUTH, `git could not authenticate to ${location}: ${reason}`, {
      subject: location,
      hint: "Set up access the way git does it: a credential helper (git config credential.helper) or an SSH key in your agent; test it with `git ls-remote` on the same remote.",
    });
  }
  if (/Repository not found|does not appear to be a git repository|not found|returned error: 404|No such file or directory/i.test(stderr)) {
    return new AgentregError(ErrorCode.NOT_FOUND, `no git repository at ${location}: ${reason}`, {
      subject: location,
      hint: "Check the location (--registry, or the registry's url in agentreg.json); for a private repository, check your access with `git ls-remote`.",
    });
  }
  if (/Could not resolve host|Connection refused|Connection timed out|Operation timed out|Failed to connect|unable to access/i.test(stderr)) {
    return new AgentregError(ErrorCode.NETWORK, `git could not reach ${location}: ${reason}`, {
      subject: location,
      hint: "Check your connection and proxy settings (git reads http.proxy and HTTPS_PROXY), or use --offline with what the cache holds.",
    });
  }
  return new AgentregError(ErrorCode.REGISTRY, `git ${command} failed on ${location}: ${reason}`, {
    subject: location,
    hint: "Run the same git command yourself to see more, or report the repository to its owner.",
  });
}

/** The first line of git's message that says something, without credentials or control characters. */
function firstReason(stderr: string): string {
  const line = stderr.split("\n").map((text) => text.replace(/^(fatal|error|remote): /, "").trim()).find((text) => text !== "" && !/^hint:/.test(text)) ?? "no reason given";
  // eslint-disable-next-line no-control-regex
  return line.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, "$1***@").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?").slice(0, 300);
}

function withoutUndefined(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}
