// The agentreg executable: the one error boundary and the one place that sets the exit code.
// The CLI ships as one file, but parsing 800 KiB of bundled libraries costs ~20 ms, so the bundle
// keeps everything but this entry as a string that is compiled only when a command needs it:
// `agentreg --version` pays for almost nothing beyond Node's own start-up.
import { CLI_VERSION } from "./version.js";

declare const __AGENTREG_CORE__: string | undefined;
/** Library name -> CommonJS text of the libraries the core requires only when it needs them. */
declare const __AGENTREG_LAZY__: Record<string, string> | undefined;
/** File name -> sha256 of that part's code, computed by the bundler (keys of the V8 code cache). */
declare const __AGENTREG_CODE_HASHES__: Record<string, string> | undefined;

type RunCli = (argv: string[]) => Promise<number>;
type Require = (id: string) => unknown;

async function loadCore(): Promise<{ runCli: RunCli; flush: () => void }> {
  if (typeof __AGENTREG_CORE__ !== "string") return { runCli: (await import("./run-cli.js")).runCli, flush: () => undefined };
  const [{ createRequire }, { createCompiler }, { codeCacheDir }] = await Promise.all([import("node:module"), import("./compile-cache.js"), import("./cache-dir.js")]);
  const nodeRequire = createRequire(import.meta.url) as Require;
  const compiler = createCompiler(process.env.AGENTREG_NO_CODE_CACHE ? undefined : codeCacheDir());
  const compile = (code: string, filename: string, require: Require): unknown => {
    const module = { exports: {} as unknown };
    const hashes = typeof __AGENTREG_CODE_HASHES__ === "object" ? __AGENTREG_CODE_HASHES__ : {};
    compiler.compile(code, filename, hashes[filename])(module.exports as object, require, module);
    return module.exports;
  };
  const lazy = typeof __AGENTREG_LAZY__ === "object" ? __AGENTREG_LAZY__ : {};
  const loaded = new Map<string, unknown>();
  const coreRequire: Require = (id) => {
    const code = Object.hasOwn(lazy, id) ? lazy[id] : undefined;
    if (code === undefined) return nodeRequire(id);
    if (!loaded.has(id)) loaded.set(id, compile(code, `agentreg-${id}.cjs`, nodeRequire));
    return loaded.get(id);
  };
  const core = compile(__AGENTREG_CORE__, "agentreg-core.cjs", coreRequire) as { runCli?: RunCli };
  if (!core.runCli) throw new Error("the bundled core has no runCli");
  return { runCli: core.runCli, flush: () => compiler.flush() };
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "--version" || argv[0] === "-V") {
    process.stdout.write(`${CLI_VERSION}\n`);
    return 0;
  }
  const { runCli, flush } = await loadCore();
  try {
    return await runCli(argv);
  } finally {
    flush();
  }
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
