// Bundles the CLI into one file, dist/agentreg.cjs, with the SDK, every library and the builtin
// registry inside, so the published package has no runtime dependencies.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const builtinRoot = fileURLToPath(new URL("../../sdk/builtin/", import.meta.url));
const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));

/** Replaces the SDK's disk reader of the builtin snapshot with the snapshot's bytes. */
const embedBuiltinRegistry = {
  name: "embed-builtin-registry",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]registry[\\/]builtin-files\.js$/ }, async () => {
      const files = {};
      for (const entry of await readdir(builtinRoot, { recursive: true, withFileTypes: true })) {
        // Dotfiles (the build marker) are not registry files: the CLI never reads them.
        if (!entry.isFile() || entry.name.startsWith(".")) continue;
        const path = join(entry.parentPath, entry.name);
        files[relative(builtinRoot, path).split(sep).join("/")] = (await readFile(path)).toString("base64");
      }
      if (!files["index.json"]) throw new Error(`no builtin registry at ${builtinRoot}; build the SDK first`);
      return {
        loader: "js",
        contents: `const files = ${JSON.stringify(files)};
export async function readBuiltinFile(path) {
  return Object.hasOwn(files, path) ? new Uint8Array(Buffer.from(files[path], "base64")) : undefined;
}`,
      };
    });
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
          : `module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });`,
    }));
  },
};

/**
 * The block comment that carries the lazily compiled parts at the end of the bundle; the format is
 * described (and read) in src/bundled-parts.ts. Each part's sha256, of exactly the text bundled-parts.ts
 * reads back, is the key of its V8 code cache: V8 itself compares only the length of the source, so
 * the key must cover the content, and computing it here means start-up never hashes the code.
 */
function partsComment(parts) {
  const headers = {};
  let body = "";
  for (const [name, code] of Object.entries(parts)) {
    const text = asciiSource(code);
    if (text.includes("\x01")) throw new Error(`${name} contains \\x01, the comment escape`);
    const escaped = text.includes("*/");
    const stored = escaped ? text.replaceAll("*/", "*\x01/") : text;
    headers[name] = { offset: body.length, length: stored.length, hash: createHash("sha256").update(text).digest("hex"), ...(escaped ? { escaped } : {}) };
    body += stored;
  }
  return `\n/*agentreg-parts ${JSON.stringify(headers)}\n${body}*/\n`;
}

/**
 * esbuild leaves some Latin-1 characters raw (in regular expressions). A `\\uXXXX` escape means the
 * same character anywhere in JavaScript source (strings, templates, regular expressions,
 * identifiers; minified code has no comments), and keeps the file ASCII.
 */
function asciiSource(code) {
  return code.replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const shared = {
  bundle: true,
  platform: "node",
  target: "node20.18",
  minify: true,
  legalComments: "none",
  define: { __AGENTREG_VERSION__: JSON.stringify(version) },
};

// Libraries the SDK imports only inside the functions that need them (HTTP, tar). Each becomes its
// own CommonJS text, compiled the first time the core requires it: installing from the builtin
// registry never parses the HTTP client.
// tar by subpath: the parser and the header writer are all agentreg uses, and tar's index would also
// load its extractor and file-system layers on every install.
const LAZY_LIBRARIES = ["undici", "tar/parse", "tar/header"];
/** The name a lazy part compiles under, also its code-cache file name: no slashes. */
const partFile = (name) => `agentreg-${name.replaceAll("/", "-")}.cjs`;
/**
 * undici's index also loads fetch, WebSocket, cookies and the cache API (and, through them, Node's
 * own copy of undici): ~20 ms before the first request. The SDK uses two dispatchers and their
 * request() (the proxy agent tunnels with connect()), so the bundle's "undici" is only those, with
 * the dispatcher API wired up the way undici's index does it.
 */
const LAZY_ENTRY = {
  undici: `const Dispatcher = require("undici/lib/dispatcher/dispatcher");
Object.assign(Dispatcher.prototype, require("undici/lib/api"));
module.exports = { Agent: require("undici/lib/dispatcher/agent"), EnvHttpProxyAgent: require("undici/lib/dispatcher/env-http-proxy-agent") };`,
};
const sdkDir = fileURLToPath(new URL("../../sdk/", import.meta.url));
const lazyTexts = {};
for (const name of LAZY_LIBRARIES) {
  const library = await build({
    ...shared,
    stdin: { contents: LAZY_ENTRY[name] ?? `module.exports = require(${JSON.stringify(name)});`, resolveDir: sdkDir, sourcefile: `${name}.cjs` },
    format: "cjs",
    write: false,
    // undici needs its built-ins for every request anyway; only the small libraries get stand-ins.
    plugins: name === "undici" ? [] : [deferBuiltins],
  });
  lazyTexts[name] = library.outputFiles[0].text;
}

// The core: commander, the commands, the SDK and the other libraries, as CommonJS text. bin.ts
// compiles it on first use, so Node parses it only for commands that need it.
const core = await build({
  ...shared,
  entryPoints: [join(root, "src/run-cli.ts")],
  format: "cjs",
  // Code compiled with node:vm has no module loader for import(); require() is what it is given.
  supported: { "dynamic-import": false },
  external: LAZY_LIBRARIES,
  write: false,
  plugins: [embedBuiltinRegistry, deferBuiltins],
});
const coreText = core.outputFiles[0].text;

// Built beside dist/ and swapped in, so a test run that spawns the CLI meanwhile never finds it half-written.
const staging = join(root, "dist.new");
await rm(staging, { recursive: true, force: true });
// The entry is CommonJS: Node starts a CommonJS main file without setting up its ES module loader,
// which an .mjs entry pays for on every run, `--version` included (~5 ms).
const entry = await build({
  ...shared,
  entryPoints: [join(root, "src/bin.ts")],
  outfile: join(staging, "agentreg.cjs"),
  format: "cjs",
  write: false,
  define: { ...shared.define, __AGENTREG_BUNDLED__: "true", "import.meta.url": "__agentregEntryUrl" },
  banner: { js: '#!/usr/bin/env node\n"use strict";\nconst __agentregEntryUrl = require("node:url").pathToFileURL(__filename).href;' },
  // The source import of run-cli.js only serves unbundled runs; the bundle uses the core text.
  external: ["./run-cli.js"],
});
const entryText = entry.outputFiles[0].text;
const output = `${entryText}${partsComment({ core: coreText, ...lazyTexts })}`;
const nonAscii = /[^\x00-\x7f]/.exec(output);
if (nonAscii) throw new Error(`the bundle must be ASCII (bundled-parts.ts counts characters as bytes): ${JSON.stringify(output.slice(nonAscii.index - 60, nonAscii.index + 20))}`);
await mkdir(staging, { recursive: true });
await writeFile(join(staging, "agentreg.cjs"), output, { mode: 0o755 });
await rm(join(root, "dist.old"), { recursive: true, force: true });
await rename(join(root, "dist"), join(root, "dist.old")).catch(() => undefined);
await rename(staging, join(root, "dist"));
await rm(join(root, "dist.old"), { recursive: true, force: true });
const bytes = output.length;
const kib = (text) => `${(text.length / 1024).toFixed(1)} KiB`;
console.log(
  `dist/agentreg.cjs: ${(bytes / 1024).toFixed(1)} KiB (compiled on demand: core ${kib(coreText)}, ${LAZY_LIBRARIES.map((name) => `${name} ${kib(lazyTexts[name])}`).join(", ")})`,
);

// The JSON Schema of agentreg.json ships in the package; `agentreg init` points "$schema" at it.
const { projectConfigJsonSchema } = await import("@agentreg/sdk");
await mkdir(join(root, "schema"), { recursive: true });
await writeFile(join(root, "schema/agentreg.schema.json"), `${JSON.stringify(projectConfigJsonSchema(), null, 2)}\n`);
