import { Command } from "commander";
import { wholeNumber } from "./parse-number.js";
import { registerAdd } from "./commands/add.js";
import { registerDiff } from "./commands/diff.js";
import { registerOutdated } from "./commands/outdated.js";
import { registerDeprecate } from "./commands/deprecate.js";
import { registerNew } from "./commands/new.js";
import { registerPack } from "./commands/pack.js";
import { registerYank } from "./commands/yank.js";
import { registerUpdate } from "./commands/update.js";
import { registerVerify } from "./commands/verify.js";
import { registerCache } from "./commands/cache.js";
import { registerTargets } from "./commands/targets.js";
import { registerInfo } from "./commands/info.js";
import { registerInit } from "./commands/init.js";
import { registerInstall } from "./commands/install.js";
import { registerList } from "./commands/list.js";
import { registerPublish } from "./commands/publish.js";
import { registerRegistry } from "./commands/registry/index.js";
import { registerRemove } from "./commands/remove.js";
import { registerSearch } from "./commands/search.js";
import { registerValidate } from "./commands/validate.js";
import { examples } from "./context.js";
import { CLI_VERSION } from "./version.js";

/**
 * The command tree. Command files only declare options and an action; the SDK is imported inside
 * the actions, so building the tree (for `--help`) loads nothing but commander.
 *
 * The program has no `--version` option: `publish --version <x.y.z>` needs the name, and commander
 * reads a program option anywhere on the line. bin.ts answers a leading `--version` instead.
 */
export function createProgram(): Command {
  const program = new Command("agentreg")
    .description("npm for Claude Code subagents: versioned, locked, verified agents in .claude/agents/")
    .option("--dir <path>", "project root (default: the current folder)")
    .option("-g, --global", "work on the user scope: ~/.claude/agents, with agentreg.json in ~/.config/agentreg")
    .option("--registry <url-or-path>", "use this registry for unscoped agents (builtin, a folder, or a URL)")
    .option("--json", "print machine-readable JSON on stdout")
    .option("--dry-run", "show what would change without writing anything")
    .option("--offline", "use only the cache; never touch the network")
    .option("--prefer-offline", "use cached registry documents without revalidating them")
    .option("--fetch-timeout <ms>", "give up on a silent connection after this long (default 30000)", wholeNumber())
    .option("--fetch-deadline <seconds>", "give up on a request that has not finished after this long, however steadily data arrives (default 120)", wholeNumber({ min: 1 }))
    .option("--fetch-retries <n>", "retries for 408/429/5xx, resets and timeouts (default 3)", wholeNumber())
    .option("--allow-env <name>", "let registries in agentreg.json send this environment variable (repeatable; AGENTREG_* always may)", collect)
    .option("--verbose", "print stack traces for unexpected errors")
    .showSuggestionAfterError()
    // Every command's --help lists the global options it accepts (--dir, --registry, --json, …).
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    .addHelpText("beforeAll", `agentreg ${CLI_VERSION} (\`agentreg --version\` prints just the version)\n`)
    .addHelpText(
      "after",
      examples([
        "npx agentreg add senior-backend-engineer",
        "agentreg install --frozen",
        "agentreg search backend",
        "agentreg validate .claude/agents",
      ]) + `\n${STATUS_SYMBOLS}\n`,
    );
  for (const register of [registerInit, registerAdd, registerInstall, registerRemove, registerUpdate, registerOutdated, registerList, registerVerify, registerDiff, registerInfo, registerSearch, registerValidate, registerNew, registerPack, registerPublish, registerYank, registerDeprecate, registerRegistry, registerCache, registerTargets]) {
    register(program);
  }
  return program;
}

/** What the first column of add, install, update and remove output means. */
const STATUS_SYMBOLS = "Status symbols: + added  ↑ updated  ✓ installed (restored from the lock)  = unchanged  - removed";

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
