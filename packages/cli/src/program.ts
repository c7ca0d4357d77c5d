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

/** Each command's register function, with the name and aliases it declares (program.test.ts checks them). */
export const COMMANDS: ReadonlyArray<{ names: readonly string[]; register: (program: Command) => void }> = [
  { names: ["init"], register: registerInit },
  { names: ["add"], register: registerAdd },
  { names: ["install", "i"], register: registerInstall },
  { names: ["remove", "rm"], register: registerRemove },
  { names: ["update", "up"], register: registerUpdate },
  { names: ["outdated"], register: registerOutdated },
  { names: ["list", "ls"], register: registerList },
  { names: ["verify"], register: registerVerify },
  { names: ["diff"], register: registerDiff },
  { names: ["info", "view"], register: registerInfo },
  { names: ["search"], register: registerSearch },
  { names: ["validate", "lint"], register: registerValidate },
  { names: ["new"], register: registerNew },
  { names: ["pack"], register: registerPack },
  { names: ["publish"], register: registerPublish },
  { names: ["yank"], register: registerYank },
  { names: ["deprecate"], register: registerDeprecate },
  { names: ["registry"], register: registerRegistry },
  { names: ["cache"], register: registerCache },
  { names: ["targets"], register: registerTargets },
];

/**
 * The command tree. Command files only declare options and an action; the SDK is imported inside
 * the actions, so building the tree (for `--help`) loads nothing but commander.
 *
 * Given the command line, only the command it names is declared: declaring all twenty costs ~5 ms
 * of every start. With no command (`agentreg --help`), `help`, or a name that is not one (whose
 * error suggests the nearest), every command is.
 *
 * The program has no `--version` option: `publish --version <x.y.z>` needs the name, and commander
 * reads a program option anywhere on the line. bin.ts answers a leading `--version` instead.
 */
export function createProgram(argv?: readonly string[]): Command {
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
  const named = argv === undefined ? undefined : commandName(argv, program);
  const only = COMMANDS.find((command) => named !== undefined && command.names.includes(named));
  for (const { register } of only ? [only] : COMMANDS) register(program);
  return program;
}

/** The first word of the line that is neither a program option nor the value of one: the command's name. */
function commandName(argv: readonly string[], program: Command): string | undefined {
  const takesValue = new Set(program.options.filter((option) => option.required || option.optional).flatMap((option) => [option.long, option.short]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return undefined;
    if (!arg.startsWith("-")) return arg;
    if (takesValue.has(arg)) i++;
  }
  return undefined;
}

/** What the first column of add, install, update and remove output means. */
const STATUS_SYMBOLS = "Status symbols: + added  ↑ updated  ✓ installed (restored from the lock)  = unchanged  - removed";

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
