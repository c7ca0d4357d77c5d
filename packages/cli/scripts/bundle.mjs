// Bundles the CLI into one file, dist/agentreg.mjs, with the SDK, every library and the builtin
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
        if (!entry.isFile()) continue;
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
const LAZY_LIBRARIES = ["undici", "tar"];
const sdkDir = fileURLToPath(new URL("../../sdk/", import.meta.url));
const lazyTexts = {};
for (const name of LAZY_LIBRARIES) {
  const library = await build({
    ...shared,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: sdkDir, sourcefile: `${name}.cjs` },
    format: "cjs",
    write: false,
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
  plugins: [embedBuiltinRegistry],
});
const coreText = core.outputFiles[0].text;

// Built beside dist/ and swapped in, so a test run that spawns the CLI meanwhile never finds it half-written.
const staging = join(root, "dist.new");
await rm(staging, { recursive: true, force: true });
const entry = await build({
  ...shared,
  entryPoints: [join(root, "src/bin.ts")],
  outfile: join(staging, "agentreg.mjs"),
  format: "esm",
  metafile: true,
  define: {
    ...shared.define,
    __AGENTREG_CORE__: JSON.stringify(coreText),
    __AGENTREG_LAZY__: JSON.stringify(lazyTexts),
    // Keys for the V8 code cache, so start-up never hashes 800 KiB of code.
    __AGENTREG_CODE_HASHES__: JSON.stringify(
      Object.fromEntries([["agentreg-core.cjs", coreText], ...Object.entries(lazyTexts).map(([name, text]) => [`agentreg-${name}.cjs`, text])].map(([file, text]) => [file, createHash("sha256").update(text).digest("hex")])),
    ),
  },
  banner: { js: "#!/usr/bin/env node" },
  // The source import of run-cli.js only serves unbundled runs; the bundle uses the core text.
  external: ["./run-cli.js"],
});
await rm(join(root, "dist.old"), { recursive: true, force: true });
await rename(join(root, "dist"), join(root, "dist.old")).catch(() => undefined);
await rename(staging, join(root, "dist"));
await rm(join(root, "dist.old"), { recursive: true, force: true });
const bytes = Object.values(entry.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
const kib = (text) => `${(text.length / 1024).toFixed(1)} KiB`;
console.log(
  `dist/agentreg.mjs: ${(bytes / 1024).toFixed(1)} KiB (compiled on demand: core ${kib(coreText)}, ${LAZY_LIBRARIES.map((name) => `${name} ${kib(lazyTexts[name])}`).join(", ")})`,
);

// The JSON Schema of agentreg.json ships in the package; `agentreg init` points "$schema" at it.
const { projectConfigJsonSchema } = await import("@agentreg/sdk");
await mkdir(join(root, "schema"), { recursive: true });
await writeFile(join(root, "schema/agentreg.schema.json"), `${JSON.stringify(projectConfigJsonSchema(), null, 2)}\n`);
