// The agentreg executable: the one error boundary and the one place that sets the exit code.
// In the bundle this is dist/agentreg.cjs, and `import("./run-cli.js")` is a require of dist/core.cjs
// (scripts/bundle.mjs): `agentreg --version` answers before any of the commands, the SDK or the
// libraries are read.
import { enableCompileCache, flushCompileCache } from "./compile-cache.js";
import { prefetchRegistryOfArgv } from "./early-prefetch.js";
import { stackTracesWanted } from "./stack-traces.js";
import { CLI_VERSION } from "./version.js";

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--version" || argv[0] === "-V") {
    process.stdout.write(`${CLI_VERSION}\n`);
    return 0;
  }
  // Both must come before the core is loaded: Node reads a module's source map, and looks up its
  // compile cache, when it compiles the module.
  if (stackTracesWanted(argv)) process.setSourceMapsEnabled(true);
  enableCompileCache();
  // A git registry's first request starts now, and runs while the core loads.
  prefetchRegistryOfArgv(argv);
  const { runCli } = await import("./run-cli.js");
  return runCli(argv);
}

// A reader that stops early (`agentreg search | head -1`) closes the pipe; that is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

// Once the event loop is empty (every write, git process and timer done: Node emits `beforeExit`
// then), the process exits at once. Left to end on its own, Node would first free the heap piece by
// piece, memory the OS takes back anyway: ~7 ms of every command that loaded the core. The exit code
// is still `process.exitCode`; Node's compile cache is flushed first, as an ending process does.
process.once("beforeExit", () => {
  flushCompileCache();
  process.exit();
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli renders every error itself; reaching this means the core could not load.
    process.stderr.write(`agentreg: internal error: ${stackTracesWanted(process.argv) && error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
