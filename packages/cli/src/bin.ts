// The agentreg executable: the one error boundary and the one place that sets the exit code.
// The CLI ships as one file, but parsing 800 KiB of bundled libraries costs ~20 ms, so the bundle
// keeps everything but this entry as a string that is compiled only when a command needs it:
// `agentreg --version` pays for almost nothing beyond Node's own start-up.
import { CLI_VERSION } from "./version.js";

declare const __AGENTREG_CORE__: string | undefined;

type RunCli = (argv: string[]) => Promise<number>;

async function loadCore(): Promise<RunCli> {
  if (typeof __AGENTREG_CORE__ !== "string") return (await import("./run-cli.js")).runCli;
  const [{ runInThisContext }, { createRequire }] = await Promise.all([import("node:vm"), import("node:module")]);
  const wrapper = runInThisContext(`(function (exports, require, module) {${__AGENTREG_CORE__}\n})`, {
    filename: "agentreg-core.cjs",
  }) as (exports: object, require: NodeJS.Require, module: { exports: { runCli?: RunCli } }) => void;
  const module: { exports: { runCli?: RunCli } } = { exports: {} };
  wrapper(module.exports, createRequire(import.meta.url), module);
  if (!module.exports.runCli) throw new Error("the bundled core has no runCli");
  return module.exports.runCli;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--version" || argv[0] === "-V") {
    process.stdout.write(`${CLI_VERSION}\n`);
    return 0;
  }
  const runCli = await loadCore();
  return runCli(argv);
}

// A reader that stops early (`agentreg search | head -1`) closes the pipe; that is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli renders every error itself; reaching this means the core could not load.
    process.stderr.write(`agentreg: internal error: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
