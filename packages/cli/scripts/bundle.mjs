// Bundles the CLI with esbuild into dist/: a small CommonJS entry and the chunks it loads on demand,
// with the SDK, every library and the builtin registry inside, so the published package has no
// runtime dependencies. dist-test/ is the same build with the end-to-end tests' hooks (test-hooks.ts);
// it is never published.
//
//   dist/agentreg.cjs   bin.ts: `--version`, then Node's compile cache and source maps, a git
//                       registry's first request (early-prefetch.ts), then core
//   dist/git.cjs        the SDK's prefetchRegistry and the modules it imports (errors, git sync),
//                       shared by the entry and core: required by both, so loaded once
//   dist/core.cjs       commander, the commands, what `add` and `install` run of the SDK, zod, yaml
//   dist/cold.cjs       the rest of the SDK (authoring, static builds, the site, other operations),
//                       required when a command first uses it (chunk-split.mjs)
//   dist/semver.cjs     semver's functions, required for the first version that is not plain x.y.z
//   dist/builtin.cjs    the builtin registry's files, required when that registry is read
//   dist/undici.cjs     undici's package entry, required when a command first makes a request
//   dist/tar.cjs        tar's `tar/parse` and `tar/header` exports, required to read or write a tarball
//   dist/*.cjs.map      source maps of agentreg's own code (packages/*/src), for `--verbose`
//
// Chunks are separate CommonJS bundles that require each other by relative path (esbuild splits
// code only for ES modules, and an ES module entry would start Node's ES module loader on every run).
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { fromChunk, moduleTable, onlyModules, splitModules } from "./chunk-split.mjs";
import { keepOwnSources } from "./own-source-map.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const sdkRoot = fileURLToPath(new URL("../../sdk/", import.meta.url));
const packagesRoot = fileURLToPath(new URL("../../", import.meta.url));
const builtinRoot = join(sdkRoot, "builtin");
const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

/** What the sources import, and the chunk file that holds it in dist/. */
const CHUNK_OF = {
  "./run-cli.js": "./core.cjs",
  "./builtin.cjs": "./builtin.cjs",
  "./semver.cjs": "./semver.cjs",
  undici: "./undici.cjs",
  "tar/parse": "./tar.cjs",
  "tar/header": "./tar.cjs",
};

/**
 * Imports of another chunk stay `require("./chunk.cjs")`; the SDK is bundled from its TypeScript
 * sources. `sdkModules`: only the SDK exports of these modules are offered (the entry's SDK is
 * git.cjs alone); all of them when absent.
 */
const chunks = (own, sdkModules) => ({
  name: "chunks",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(\.\/run-cli\.js|\.\/builtin\.cjs|\.\/semver\.cjs|undici|tar\/parse|tar\/header)$/ }, (args) =>
      CHUNK_OF[args.path] === own ? undefined : { path: CHUNK_OF[args.path], external: true },
    );
    pluginBuild.onResolve({ filter: /^@agentreg\/sdk$/ }, () => ({ path: "@agentreg/sdk", namespace: "lazy-sdk" }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "lazy-sdk" }, async () => ({ loader: "js", contents: await lazySdkFacade(sdkModules), resolveDir: join(sdkRoot, "src") }));
  },
});

/**
 * The SDK as the commands see it: every name src/index.ts exports, each a getter that requires its
 * own module the first time it is read. A command that destructures `{ addAgents }` evaluates the
 * modules `addAgents` needs, not the whole SDK (registry sources, authoring, static builds, git): a
 * third of the SDK's start-up work (issue 15). The names and modules are read from index.ts itself,
 * so the public API and this list cannot drift apart.
 */
async function lazySdkFacade(only) {
  const getters = (await sdkExports())
    .filter(({ module }) => !only || only.has(join(sdkRoot, "src", module)))
    .map(({ exported, local, module }) => `  ${JSON.stringify(exported)}: { enumerable: true, get: () => require(${JSON.stringify(module)})[${JSON.stringify(local)}] },`);
  if (getters.length < 1) throw new Error("the facade would offer no export of the SDK");
  return `module.exports = Object.defineProperties({}, {\n${getters.join("\n")}\n});\n`;
}

/** The values src/index.ts exports: each name, its name in its module, and that module (`x/y.ts`, under src/). */
async function sdkExports() {
  const index = await readFile(join(sdkRoot, "src/index.ts"), "utf8");
  const exports = [];
  for (const [, typeOnly, names, from] of index.matchAll(/export\s+(type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
    if (typeOnly) continue;
    for (const item of names.split(",").map((name) => name.trim())) {
      if (item === "" || item.startsWith("type ")) continue;
      const [local, exported = local] = item.split(/\s+as\s+/);
      exports.push({ exported, local, module: from.replace(/\.js$/, ".ts") });
    }
  }
  if (exports.length < 50) throw new Error(`read only ${exports.length} exports from the SDK's index.ts; the parser in bundle.mjs needs updating`);
  return exports;
}

/**
 * The builtin registry snapshot as one CommonJS module: `text` maps a path to the file's text (the
 * JSON documents, which the package's gzip then compresses well), `base64` to the bytes of the rest
 * (the tarballs, already compressed). A file goes in `text` only if its text gives back its exact bytes.
 */
async function builtinChunk() {
  const text = {};
  const base64 = {};
  for (const entry of await readdir(builtinRoot, { recursive: true, withFileTypes: true })) {
    // Dotfiles (the build marker) are not registry files: the CLI never reads them.
    if (!entry.isFile() || entry.name.startsWith(".")) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    const key = relative(builtinRoot, path).split(sep).join("/");
    const decoded = bytes.toString("utf8");
    if (key.endsWith(".json") && Buffer.from(decoded, "utf8").equals(bytes)) text[key] = decoded;
    else base64[key] = bytes.toString("base64");
  }
  if (!text["index.json"]) throw new Error(`no builtin registry at ${builtinRoot}; build the SDK first`);
  const sorted = (files) => Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `"use strict";\nmodule.exports = ${JSON.stringify({ text: sorted(text), base64: sorted(base64) })};\n`;
}

/** The SDK's disk reader of the builtin snapshot, replaced by a reader of builtin.cjs. */
const readBuiltinChunk = {
  name: "read-builtin-chunk",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]registry[\\/]builtin-files\.ts$/ }, () => ({
      loader: "js",
      contents: `let files;
export async function readBuiltinFile(path) {
  files ??= require("./builtin.cjs");
  if (Object.hasOwn(files.text, path)) return new Uint8Array(Buffer.from(files.text[path], "utf8"));
  return Object.hasOwn(files.base64, path) ? new Uint8Array(Buffer.from(files.base64[path], "base64")) : undefined;
}`,
    }));
  },
};

/** The undici chunk's entry (see its bundle below). */
const UNDICI_ENTRY = `require("node:v8").setFlagsFromString("--liftoff-only");
const Dispatcher = require("undici/lib/dispatcher/dispatcher");
// What undici's index does: request() is what the SDK calls, connect() what ProxyAgent tunnels with.
Object.assign(Dispatcher.prototype, require("undici/lib/api"));
module.exports = { Agent: require("undici/lib/dispatcher/agent"), EnvHttpProxyAgent: require("undici/lib/dispatcher/env-http-proxy-agent") };`;

/**
 * undici's HTTP/2 client reads ten constants of node:http2 when it loads, and loading node:http2 costs
 * ~25 ms. agentreg never speaks HTTP/2 (undici's `allowH2` stays off), so the chunk gets those ten
 * values, checked here against Node's own, and anything else loads the real module on first use.
 */
const HTTP2_CONSTANTS = [
  "HTTP2_HEADER_AUTHORITY", "HTTP2_HEADER_METHOD", "HTTP2_HEADER_PATH", "HTTP2_HEADER_SCHEME", "HTTP2_HEADER_CONTENT_LENGTH",
  "HTTP2_HEADER_EXPECT", "HTTP2_HEADER_STATUS", "HTTP2_HEADER_PROTOCOL", "NGHTTP2_REFUSED_STREAM", "NGHTTP2_CANCEL",
];
const http2Constants = {
  name: "http2-constants",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:)?http2$/ }, (args) => (args.namespace === "http2-constants" ? { path: "node:http2", external: true } : { path: "http2", namespace: "http2-constants" }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "http2-constants" }, async () => {
      const { constants } = await import("node:http2");
      const known = Object.fromEntries(HTTP2_CONSTANTS.map((name) => [name, constants[name]]));
      if (Object.values(known).some((value) => value === undefined)) throw new Error(`node:http2 lacks one of ${HTTP2_CONSTANTS.join(", ")}`);
      return {
        loader: "js",
        contents: `const constants = ${JSON.stringify(known)};
module.exports = new Proxy({}, { get: (_, key) => (key === "constants" ? constants : key === "__esModule" ? undefined : require("node:http2")[key]) });`,
      };
    });
  },
};

/**
 * undici ships llhttp twice, as base64 WebAssembly: a SIMD build it tries first and a plain build it
 * falls back to (ppc64 on older Node, `UNDICI_NO_WASM_SIMD=1`). Both cost ~55 KiB of the packed
 * package, and the CLI parses a few small responses per command, where SIMD gains nothing
 * measurable. The SIMD module is made the plain one, which runs on every platform Node does.
 */
const oneLlhttp = {
  name: "one-llhttp",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /[\\/]llhttp_simd-wasm\.js$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/llhttp_simd-wasm\.js$/, "llhttp-wasm.js")) }));
  },
};

/**
 * Node built-ins that libraries require at load time but use only on paths agentreg rarely takes:
 * commander's child_process (executable subcommands, which agentreg has none of) and minizlib's
 * assert (a failed internal check). Loading them costs ~4 ms of start-up on every install, so the
 * bundle gets stand-ins that require the real module the first time it is actually used.
 */
const deferBuiltins = {
  name: "defer-builtins",
  setup(pluginBuild) {
    // The stand-in's own require of the real module stays a plain require.
    pluginBuild.onResolve({ filter: /^(node:)?(child_process|assert)$/ }, (args) =>
      args.namespace === "deferred-builtin" ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ""), namespace: "deferred-builtin" },
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: "deferred-builtin" }, (args) => ({
      loader: "js",
      contents:
        args.path === "assert"
          ? `let real;
const load = () => (real ??= require("node:assert"));
function assert(value, message) { if (!value) load()(value, message); }
// "__esModule" is what the bundler's interop asks first; answering it must not load the module.
module.exports = new Proxy(assert, { get: (target, key) => (key === "__esModule" ? undefined : key in target ? target[key] : load()[key]) });`
          : // spawn is all that agentreg (run-git.ts imports it) and commander (which requires the module
            // and calls .spawn) use. An ES module, so that an import of it copies no keys, which would load it.
            `export function spawn(...args) { return require("node:child_process").spawn(...args); }`,
    }));
  },
};

const shared = {
  bundle: true,
  platform: "node",
  target: "node20.18",
  format: "cjs",
  // Whitespace and syntax are minified, names are not: every function and class keeps its own name
  // (`--verbose` frames, profiles, `error.name`) at no cost at run time. Mangled names brought back
  // with esbuild's keepNames cost a defineProperty per function, ~1,450 at every start, which also
  // turned each function into a dictionary-mode object: ~1 MiB more heap and 10-20 ms per command
  // on a machine where touching new memory is slow. The names cost ~25 KiB of the packed package,
  // and the source maps no longer need to map them.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  // A lazy import() of another chunk becomes require(): import() would start Node's ES module loader.
  supported: { "dynamic-import": false },
  write: false,
  metafile: true,
  logLevel: "warning",
};

/**
 * One chunk's code and, for agentreg's own code, its source map. The map keeps only mappings into
 * packages/*\/src: frames in zod or commander stay as positions in the chunk, and the package stays
 * within its size budget (the libraries' mappings would double it).
 */
async function bundle(name, options, { testHooks = false, sourceMap = true, check } = {}) {
  const result = await build({
    ...shared,
    ...options,
    outfile: join(root, "dist", name),
    sourcemap: sourceMap ? "linked" : false,
    sourcesContent: false,
    define: { ...options.define, __AGENTREG_VERSION__: JSON.stringify(version), __AGENTREG_TEST_HOOKS__: String(testHooks) },
  });
  const code = result.outputFiles.find((file) => file.path.endsWith(".cjs"));
  const map = result.outputFiles.find((file) => file.path.endsWith(".map"));
  const [, output] = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(`dist/${name}`));
  // A named `import { z } from "zod"` keeps all of zod, its 40-odd locales included (4× the code the
  // schemas use); imported as a namespace (`import * as z from "zod"`), zod is tree-shaken down to
  // what the schemas use and its default locale, English.
  const locale = Object.entries(output.inputs).find(([input, { bytesInOutput }]) => bytesInOutput > 0 && /[\\/]zod[\\/]v4[\\/]locales[\\/](?!en\.js$|index\.js$)/.test(input))?.[0];
  if (locale) throw new Error(`${name} contains zod's locales (${locale}): import zod as \`import * as z from "zod"\`, not \`import { z }\``);
  const bundled = Object.fromEntries(Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0));
  const wrong = check?.(bundled);
  if (wrong) throw new Error(`${name}: ${wrong}`);
  return {
    [name]: code.text,
    ...(map ? { [`${name}.map`]: JSON.stringify(keepOwnSources(JSON.parse(map.text), (source) => /^\.\.\/(\.\.\/sdk\/)?src\//.test(source), code.text)) } : {}),
  };
}

/**
 * `yaml` as its ES module build (the `browser/` folder: the same sources, built by the same rollup)
 * rather than its CommonJS one, which its `exports` map gives Node. The bundler hoists an ES module's
 * functions and drops what the SDK never imports; CommonJS stays whole, wrapped in functions that V8
 * parses once more when each is required. ~15 KiB less code and ~4 ms less compiling per command
 * that reads frontmatter. Its one difference, a warning printed with console.warn instead of
 * process.emitWarning, never shows: the SDK parses with `logLevel: "error"`.
 */
const yamlModuleBuild = {
  name: "yaml-module-build",
  setup(pluginBuild) {
    const yamlRoot = dirname(createRequire(join(sdkRoot, "package.json")).resolve("yaml/package.json"));
    pluginBuild.onResolve({ filter: /^yaml$/ }, () => ({ path: join(yamlRoot, "browser/index.js") }));
  },
};

/**
 * The SDK's semver-functions.ts, which semver.ts calls only for what is not a plain x.y.z version,
 * loaded the first time it is called: a command whose versions are all plain (nearly every one)
 * never loads or compiles semver's modules, which are dist/semver.cjs. Each export becomes a
 * function that requires that chunk on its first call.
 */
const lazySemver = {
  name: "lazy-semver",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/semver-functions\.js$/ }, (args) => ({ path: "semver-functions.ts", namespace: "lazy-semver", pluginData: join(args.resolveDir, "semver-functions.ts") }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "lazy-semver" }, async (args) => {
      const names = [...(await readFile(args.pluginData, "utf8")).matchAll(/export \{ default as (\w+) \}/g)].map((match) => match[1]);
      if (names.length < 5) throw new Error(`read only ${names.length} exports from ${args.pluginData}; the lazy-semver plugin needs updating`);
      const load = `let real;\nconst load = () => (real ??= require("./semver.cjs"));\n`;
      return { loader: "js", resolveDir: dirname(args.pluginData), contents: load + names.map((name) => `export function ${name}(...args) { return load().${name}(...args); }`).join("\n") };
    });
  },
};

/**
 * The modules of dist/git.cjs: the SDK's prefetch-registry.ts and everything it imports (found by
 * bundling it once). The entry starts a git registry's request with them before core is loaded, and
 * core must then use the very same modules: git-sync.ts keeps the started requests, which the
 * command takes over. So no module of this set is bundled twice; both chunks require git.cjs for it.
 */
async function gitChunkModules() {
  const probe = await build({ ...shared, entryPoints: [join(sdkRoot, "src/registry/git/prefetch-registry.ts")], outfile: join(root, "dist/probe.cjs"), absWorkingDir: root, plugins: [deferBuiltins] });
  const modules = Object.keys(probe.metafile.inputs)
    .filter((input) => !input.includes(":"))
    .map((input) => join(root, input));
  const outside = modules.find((module) => !module.startsWith(join(sdkRoot, "src")));
  if (outside) throw new Error(`git.cjs would contain ${outside}: only SDK sources may be shared by the entry and core`);
  return new Set(modules);
}

/** git.cjs itself: `modules`, each module of the set by its path under the SDK (see gitChunkModules). */
function gitChunkEntry(modules) {
  const keys = [...modules].map((module) => relative(sdkRoot, module).split(sep).join("/"));
  return [
    ...keys.map((key, i) => `import * as m${i} from ${JSON.stringify(`./${key}`)};`),
    `export const modules = { ${keys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(", ")} };`,
  ].join("\n");
}

const posixRelative = (from) => (path) => relative(from, path).split(sep).join("/");
const fromGitChunk = (modules) => fromChunk("./git.cjs", modules, posixRelative(sdkRoot));

/** The SDK modules whose exports `add` and `install` call: the roots of core.cjs (chunk-split.mjs). */
const HOT_EXPORTS = ["addAgents", "installAgents", "skippedError"];
/** Loaded lazily by core's modules, and rarely: a registry source folder built on the fly. */
const COLD_ROOTS = ["static/build-registry.ts"];

/**
 * Which modules are in core.cjs and which in cold.cjs, from a bundle of the whole core (everything
 * but git.cjs, as one chunk), by absolute path. See chunk-split.mjs.
 */
async function coreAndColdModules(gitModules) {
  const probe = await build({ ...shared, entryPoints: [join(root, "src/run-cli.ts")], outfile: join(root, "dist/probe.cjs"), absWorkingDir: root, plugins: [chunks("./core.cjs"), fromGitChunk(gitModules), readBuiltinChunk, deferBuiltins, yamlModuleBuild, lazySemver] });
  const key = (path) => relative(root, path).split(sep).join("/");
  const exported = await sdkExports();
  const hotModules = HOT_EXPORTS.map((name) => exported.find((item) => item.exported === name)?.module ?? missing(`the SDK export ${name}`));
  const split = splitModules(probe.metafile, {
    roots: ["src/run-cli.ts", ...hotModules.map((module) => key(join(sdkRoot, "src", module)))],
    facade: "lazy-sdk:@agentreg/sdk",
    coldRoots: COLD_ROOTS.map((module) => key(join(sdkRoot, "src", module))),
  });
  const absolute = (keys) => new Set([...keys].map((input) => join(root, input)));
  return { hot: absolute(split.hot), cold: absolute(split.cold), coreTable: absolute(split.coreTable), coldTable: absolute(split.coldTable) };
}

function missing(what) {
  throw new Error(`${what} is gone; bundle.mjs needs updating`);
}

const gitModules = await gitChunkModules();
const split = await coreAndColdModules(gitModules);
const tableKey = posixRelative(packagesRoot);
const coreOptions = {
  stdin: { contents: `export { runCli } from "./src/run-cli.ts";\n${moduleTable(split.coreTable, tableKey)}`, resolveDir: root, sourcefile: "core.mjs" },
  plugins: [chunks("./core.cjs"), fromGitChunk(gitModules), fromChunk("./cold.cjs", split.cold, tableKey), readBuiltinChunk, deferBuiltins, yamlModuleBuild, lazySemver],
};
const coldOptions = {
  stdin: { contents: moduleTable(split.coldTable, tableKey), resolveDir: root, sourcefile: "cold.mjs" },
  plugins: [chunks("./cold.cjs"), fromGitChunk(gitModules), fromChunk("./core.cjs", split.coreTable, tableKey), deferBuiltins],
};
const coreCheck = { check: onlyModules(root, "core.mjs", split.hot) };
const coldCheck = { check: onlyModules(root, "cold.mjs", split.cold) };
const files = {
  ...(await bundle("agentreg.cjs", {
    entryPoints: [join(root, "src/bin.ts")],
    banner: { js: "#!/usr/bin/env node" },
    plugins: [chunks("./agentreg.cjs", gitModules), fromGitChunk(gitModules)],
  })),
  ...(await bundle("git.cjs", {
    stdin: { contents: gitChunkEntry(gitModules), resolveDir: sdkRoot, sourcefile: "git.mjs" },
    // Its child_process is required when a git first runs, not when core requires the chunk.
    plugins: [deferBuiltins],
  })),
  ...(await bundle("core.cjs", coreOptions, coreCheck)),
  ...(await bundle("cold.cjs", coldOptions, coldCheck)),
  ...(await bundle("semver.cjs", { entryPoints: [join(sdkRoot, "src/semver-functions.ts")], minifyIdentifiers: true }, { sourceMap: false })),
  "builtin.cjs": await builtinChunk(),
  // undici's package has no `exports` map: its entry is index.js, with every dispatcher and API.
  ...(await bundle(
    "undici.cjs",
    {
      // undici parses HTTP/1 with llhttp compiled to WebAssembly. V8 also compiles that module with its
      // optimising tier on background threads, and a short-lived CLI waits for those at exit: ~250 ms
      // of CPU per command that makes a request, for a parser that reads a few small responses.
      // Liftoff (the baseline tier) alone is plenty; the flag is set in this chunk, so only the CLI
      // that loads undici gets it, never a program that uses the SDK.
      // Only what the SDK uses: the Agent and EnvHttpProxyAgent dispatchers and the dispatcher API.
      // undici's index also loads fetch, WebSocket, the cache, mocks and interceptors (zlib, crypto):
      // requiring it cost ~130 ms of CPU per command that made a request; this entry, about a third.
      stdin: { contents: UNDICI_ENTRY, resolveDir: sdkRoot, sourcefile: "undici.cjs" },
      // A library's chunk, shipped without a source map: its names are mangled (nothing keeps them).
      minifyIdentifiers: true,
      // Its cookie helpers read `globalThis.Headers` when the entry loads, and the first read of that
      // global makes Node load its own copy of undici: ~12 ms before the first request. The helpers
      // (which agentreg never calls) then accept only undici's own Headers.
      define: { "globalThis.Headers": "undefined" },
      plugins: [oneLlhttp, http2Constants],
    },
    { sourceMap: false },
  )),
  ...(await bundle(
    "tar.cjs",
    {
      stdin: { contents: `export { Parser } from "tar/parse";\nexport { Header } from "tar/header";`, resolveDir: sdkRoot, sourcefile: "tar.mjs" },
      minifyIdentifiers: true,
      plugins: [deferBuiltins],
    },
    { sourceMap: false },
  )),
};
// The started requests live in git-sync.ts: a second copy of it in another chunk would never see them.
for (const name of ["agentreg.cjs", "core.cjs", "cold.cjs"]) {
  if (files[name].includes("function takePrefetchedSync(")) throw new Error(`dist/${name} has its own copy of git-sync.ts; it must require git.cjs for it`);
}
const testFiles = {
  ...files,
  ...(await bundle("core.cjs", coreOptions, { ...coreCheck, testHooks: true })),
  ...(await bundle("cold.cjs", coldOptions, { ...coldCheck, testHooks: true })),
};
for (const [name, text] of Object.entries(files)) {
  if (/AGENTREG_TEST_/.test(text)) throw new Error(`dist/${name} contains a test hook; the published build must not`);
  // The same sources give the same bytes wherever they are built.
  if (text.includes(packagesRoot)) throw new Error(`dist/${name} contains the folder it was built in (${packagesRoot})`);
}

/**
 * Written beside its folder and swapped in, so a test run that spawns the CLI meanwhile never finds
 * it half-written.
 */
async function writeFolder(folder, contents) {
  const staging = `${folder}.new`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [name, text] of Object.entries(contents)) {
    await writeFile(join(staging, name), text, { mode: name === "agentreg.cjs" ? 0o755 : 0o644 });
  }
  await rm(`${folder}.old`, { recursive: true, force: true });
  await rename(folder, `${folder}.old`).catch((error) => {
    if (error.code !== "ENOENT") throw error;
  });
  await rename(staging, folder);
  await rm(`${folder}.old`, { recursive: true, force: true });
}
await writeFolder(join(root, "dist"), files);
await writeFolder(join(root, "dist-test"), testFiles);

const kib = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`;
console.log(`dist/: ${Object.entries(files).map(([name, text]) => `${name} ${kib(text)}`).join(", ")}; dist-test/: the same with the test hooks`);

// The JSON Schema of agentreg.json ships in the package; `agentreg init` points "$schema" at it.
const { projectConfigJsonSchema } = await import("@agentreg/sdk");
await mkdir(join(root, "schema"), { recursive: true });
await writeFile(join(root, "schema/agentreg.schema.json"), `${JSON.stringify(projectConfigJsonSchema(), null, 2)}\n`);
