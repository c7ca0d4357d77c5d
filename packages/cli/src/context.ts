import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import type { NetworkOptions } from "@agentreg/sdk";
import type { Command } from "commander";
import { defaultCacheDir } from "./cache-dir.js";
import { networkOptions } from "./network.js";
import { escapeJson, escapeValue } from "./render/escape-terminal.js";
import { aboveProgressLine } from "./render/progress-line.js";
import { writePointHook } from "./test-hooks.js";

/** The global options every command shares, resolved against the process's working directory. */
export interface CommandContext {
  /** Absolute project root (`--dir`, default: the working directory); the home folder with `-g`. */
  dir: string;
  /** Where `agentreg.json`/`agentreg.lock` live: `dir`, or the user config folder with `-g`. */
  configDir: string;
  /** `-g`: the user scope (`~/.claude/agents/`). */
  global: boolean;
  /** The user scope's location, whichever scope the command works on. */
  userScope: { dir: string; configDir: string };
  /** `--registry`: `builtin`, a URL, or an absolute folder path. */
  registry: string | undefined;
  json: boolean;
  dryRun: boolean;
  /** Cache, offline mode, `${VAR}` values and proxies for the SDK, read from flags and the environment. */
  network: NetworkOptions;
  /** Writes a result: JSON with `--json`, else the text the command renders. */
  output(data: unknown, text: () => string): void;
  /** Writes a warning or note on stderr (never with `--json` on stdout). */
  note(text: string): void;
  /** An agent file's path for people, escaped: `.claude/agents/x.md`, or `~/.claude/agents/x.md` with `-g`. */
  showPath(path: string): string;
  /** Options every command that writes a project passes to the SDK. */
  session: {
    dir: string;
    configDir: string;
    dryRun: boolean;
    backupDir: string;
    onWait: (holder: { pid: number | undefined }) => void;
    onWritePoint?: (label: string) => void;
  };
}

/**
 * Reads the global options from a command, wherever on the command line they were given.
 */
export function commandContext(command: Command): CommandContext {
  const options = command.optsWithGlobals<{
    dir?: string;
    registry?: string;
    json?: boolean;
    dryRun?: boolean;
    offline?: boolean;
    preferOffline?: boolean;
    fetchTimeout?: number;
    fetchRetries?: number;
    fetchDeadline?: number;
    allowEnv?: string[];
    global?: boolean;
    verbose?: boolean;
    format?: string;
  }>();
  // `--format json` (validate) is the same as `--json`.
  const json = options.json === true || options.format === "json";
  const userScope = userScopeLocation();
  const global = options.global === true;
  const dir = global ? userScope.dir : resolve(options.dir ?? ".");
  const configDir = global ? userScope.configDir : dir;
  return {
    dir,
    configDir,
    global,
    userScope,
    registry: options.registry === undefined ? undefined : registryLocation(options.registry),
    json,
    dryRun: options.dryRun === true,
    network: networkOptions(options, userScope.configDir),
    session: {
      dir,
      configDir,
      dryRun: options.dryRun === true,
      backupDir: join(defaultCacheDir(), "backups"),
      onWait: (holder) => process.stderr.write(`waiting for another agentreg process${holder.pid ? ` (pid ${holder.pid})` : ""} to finish with this project…\n`),
      ...writePointHook(),
    },
    output(data, text) {
      // JSON.stringify leaves DEL, C1, bidi and zero-width characters raw; escapeJson writes them as
      // \uXXXX, which parses to the same value and cannot reorder or hide text in a terminal.
      process.stdout.write(json ? `${escapeJson(JSON.stringify(data, null, 2))}\n` : ensureNewline(text()));
    },
    showPath(path) {
      return `${global ? "~/" : ""}${escapeValue(path)}`;
    },
    note(text) {
      aboveProgressLine(() => process.stderr.write(ensureNewline(text)));
    },
  };
}

/**
 * The user scope: agents in `~/.claude/agents/` (Claude Code's user folder; `$HOME` respected), their
 * `agentreg.json` and lock in `$XDG_CONFIG_HOME/agentreg` or `~/.config/agentreg`.
 */
function userScopeLocation(): { dir: string; configDir: string } {
  const home = process.env.HOME ?? homedir();
  return { dir: home, configDir: join(process.env.XDG_CONFIG_HOME || join(home, ".config"), "agentreg") };
}

/**
 * URLs, `builtin` and git locations (`github:owner/repo`, `git@host:path`; the SDK checks them) pass
 * through; anything else is a folder path relative to the working directory.
 */
function registryLocation(value: string): string {
  if (value === "builtin" || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(github|gitlab):/.test(value) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/.test(value)) return value;
  return isAbsolute(value) ? value : resolve(value);
}

function ensureNewline(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

/** The "Examples:" block shown after a command's help. */
export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join("\n")}\n`;
}
