import { CommanderError } from "commander";
import { createProgram } from "./program.js";
import { renderError } from "./render/render-error.js";
import { stackTracesWanted } from "./stack-traces.js";

/** Exit codes: 0 success, 1 failure, 2 bad usage (DESIGN §7, STYLE 6). */
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/**
 * Parses `argv`, runs the command, and turns any failure into a rendered error and an exit code.
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = createProgram(argv);
  const json = jsonWanted(argv);
  const verbose = stackTracesWanted(argv);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are not failures.
      if (error.exitCode === 0) return 0;
      // Commander shows the help when a command is missing (`agentreg`, `agentreg registry`); its own
      // message for that, "(outputHelp)", says nothing to a user.
      const message = error.code === "commander.help" ? "a command is required (see the help above)" : error.message.replace(/^error: /, "");
      renderError({ code: "E_USAGE", message, hint: "Run `agentreg --help` or `agentreg <command> --help` for usage." }, { json });
      return EXIT_USAGE;
    }
    const rendered = renderError(error, { json, verbose });
    return rendered.code === "E_USAGE" ? EXIT_USAGE : EXIT_FAILURE;
  }
}

/** `--json`, or `--format json` (validate's spelling of the same thing): errors go out as JSON too. */
function jsonWanted(argv: string[]): boolean {
  return argv.some((arg, i) => arg === "--json" || arg === "--format=json" || (arg === "--format" && argv[i + 1] === "json"));
}
