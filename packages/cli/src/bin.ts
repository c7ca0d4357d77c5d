// The agentreg executable: the one error boundary and the one place that sets the exit code.
// The CLI ships as one file, but parsing 800 KiB of bundled libraries costs ~20 ms, so the bundle
// keeps everything but this entry as text (see bundled-parts.ts) that is compiled only when a
// command needs it: `agentreg --version` pays for almost nothing beyond Node's own start-up.
import { CLI_VERSION } from "./version.js";

/** True in dist/agentreg.cjs (set by scripts/bundle.mjs); unbundled runs import the sources. */
declare const __AGENTREG_BUNDLED__: boolean | undefined;

type RunCli = (argv: string[]) => Promise<number>;
type Require = (id: string) => unknown;

async function loadCore(): Promise<{ runCli: RunCli; flush: () => void }> {
  if (typeof __AGENTREG_BUNDLED__ !== "boolean") return { runCli: (await import("./run-cli.js")).runCli, flush: () => undefined };
  const [{ createRequire }, { createCompiler }, { codeCacheDir }, { readBundledParts }] = await Promise.all([
    import("node:module"),
    import("./compile-cache.js"),
    import("./cache-dir.js"),
    import("./bundled-parts.js"),
  ]);
  const parts = readBundledParts();
  const corePart = parts?.get("core");
  if (!parts || !corePart) throw new Error("the bundle has no core");
  const nodeRequire = createRequire(import.meta.url) as Require;
  const compiler = createCompiler(process.env.AGENTREG_NO_CODE_CACHE ? undefined : codeCacheDir());
  const compile = (part: { code: string; hash: string }, filename: string, require: Require): unknown => {
    const module = { exports: {} as unknown };
    compiler.compile(part.code, filename, part.hash)(module.exports as object, require, module);
    return module.exports;
  };
  const loaded = new Map<string, unknown>();
  // The core requires its lazy libraries (undici, tar/parse, tar/header) by name, on first use.
  const coreRequire: Require = (id) => {
    const part = id === "core" ? undefined : parts.get(id);
    if (part === undefined) return nodeRequire(id);
    if (!loaded.has(id)) loaded.set(id, compile(part, `agentreg-${id.replaceAll("/", "-")}.cjs`, nodeRequire));
    return loaded.get(id);
  };
  const core = compile(corePart, "agentreg-core.cjs", coreRequire) as { runCli?: RunCli };
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
