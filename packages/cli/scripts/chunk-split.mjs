// How dist/core.cjs and dist/cold.cjs share the CLI's modules (used by bundle.mjs). core.cjs holds
// what `add` and `install` can run; cold.cjs the rest of the SDK (authoring, static builds, the
// catalog site, the other operations), which those commands then never read or compile: V8 compiles
// a chunk's whole text when it is required, and on a slow machine that costs ~5 ms per 100 KiB.
//
// Each module is bundled into one chunk only, so it has one set of module-level state. A chunk
// requires a module of the other chunk through that chunk's `modules` table, whose entries are
// getters: nothing is evaluated until it is first used, as in a single bundle.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Divides the modules of a core bundle, read from its esbuild metafile, into `hot` (core.cjs) and
 * `cold` (cold.cjs), by their metafile keys (paths relative to the build's working folder).
 *
 * Hot is what the `roots` import, transitively, over every kind of import, with two exceptions: the
 * `facade` (the SDK as the commands see it, whose getters import every module, each only when read)
 * is not followed, and the `coldRoots` (rarely run, and loaded lazily) are not entered. A module that
 * imports a library is hot too, with what it imports: the libraries (zod, yaml, commander) are
 * bundled once, into core, and cold.cjs has none of its own (bundle.mjs checks).
 *
 * Returns also the two tables: `coreTable`, the hot modules a cold one imports, and `coldTable`, the
 * cold modules the hot side (the facade included) imports.
 *
 * @example
 * const { hot, cold } = splitModules(metafile, { roots: ["src/run-cli.ts", "../sdk/src/project/operations/add-agents.ts"], facade: "lazy-sdk:@agentreg/sdk", coldRoots: ["../sdk/src/static/build-registry.ts"] });
 */
export function splitModules(metafile, { roots, facade, coldRoots = [] }) {
  const inputs = metafile.inputs;
  const imports = (key) => (inputs[key]?.imports ?? []).filter((edge) => !edge.external).map((edge) => edge.path);
  const isLibrary = (key) => /[\\/]node_modules[\\/]/.test(key);
  // Plugin namespaces (`git-chunk:…`, `lazy-semver:…`) are stand-ins that other chunks answer.
  const isModule = (key) => !key.includes(":") && key in inputs;
  const skipped = new Set(coldRoots);
  for (const root of [...roots, ...coldRoots]) {
    if (!(root in inputs)) throw new Error(`${root} is not a module of the core bundle; the chunk split needs updating`);
  }

  const libraryUsers = Object.keys(inputs).filter((key) => isModule(key) && !isLibrary(key) && !skipped.has(key) && imports(key).some(isLibrary));
  const hot = new Set();
  const pending = [...roots, ...libraryUsers];
  while (pending.length > 0) {
    const key = pending.pop();
    if (hot.has(key) || skipped.has(key)) continue;
    hot.add(key);
    if (key !== facade) pending.push(...imports(key));
  }
  const cold = new Set(Object.keys(inputs).filter((key) => isModule(key) && !hot.has(key)));
  const coldLibrary = [...cold].find(isLibrary);
  if (coldLibrary) throw new Error(`${coldLibrary} would be bundled into cold.cjs: only core.cjs may hold a library`);

  const coreTable = new Set([...cold].flatMap((key) => imports(key).filter((imported) => hot.has(imported) && isModule(imported))));
  const coldTable = new Set([...hot].flatMap((key) => imports(key).filter((imported) => cold.has(imported))));
  return { hot: new Set([...hot].filter(isModule)), cold, coreTable, coldTable };
}

/**
 * The source of a chunk's `modules` table: for each module (by absolute path), a getter under its
 * key that requires it the first time it is read. `keyOf` turns a path into the key both chunks use.
 *
 * @example
 * moduleTable(["/repo/packages/sdk/src/errors.ts"], (path) => relative(packagesRoot, path));
 * // export const modules = Object.defineProperties({}, { "sdk/src/errors.ts": { get: () => require("/repo/…/errors.ts") } });
 */
export function moduleTable(paths, keyOf) {
  const getters = [...paths].sort().map((path) => `  ${JSON.stringify(keyOf(path))}: { enumerable: true, get: () => require(${JSON.stringify(path)}) },`);
  return `export const modules = Object.defineProperties({}, {\n${getters.join("\n")}\n});\n`;
}

/**
 * An import of a module of `modules` (absolute paths) becomes `require(<chunk>).modules[<key>]`:
 * the module is bundled into that chunk alone, and read from its table (`keyOf` gives the key).
 * The stand-in is a CommonJS module; for a module with a default export, an ES module re-exporting
 * it, `default` included: the SDK's files are Node ES modules, and their import of a CommonJS
 * module's `default` is the whole module (esbuild follows Node there), not its default export.
 */
export const fromChunk = (chunk, modules, keyOf) => ({
  name: `from-${chunk}`,
  setup(pluginBuild) {
    const namespace = `chunk ${chunk}`;
    const table = `${namespace} table`;
    const entryOf = (key) => `module.exports = require(${JSON.stringify(chunk)}).modules[${JSON.stringify(key)}];`;
    // A stand-in is known by its key, not its path: esbuild names a module's wrapper after it, and
    // the published chunks must not hold the folder they were built in.
    pluginBuild.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace === namespace || args.resolveDir === "") return undefined;
      const path = join(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
      return modules.has(path) ? { path: keyOf(path), namespace, pluginData: path } : undefined;
    });
    pluginBuild.onLoad({ filter: /.*/, namespace }, async (args) => ({
      loader: "js",
      contents: hasDefaultExport(await readFile(args.pluginData, "utf8"))
        ? `export * from ${JSON.stringify(args.path)};\nexport { default } from ${JSON.stringify(args.path)};\n`
        : entryOf(args.path),
    }));
    // A stand-in imports the chunk itself, or (the ES module form) its table entry.
    for (const from of [namespace, table]) {
      pluginBuild.onResolve({ filter: /.*/, namespace: from }, (args) => (args.path === chunk ? { path: chunk, external: true } : { path: args.path, namespace: table }));
    }
    pluginBuild.onLoad({ filter: /.*/, namespace: table }, (args) => ({ loader: "js", contents: entryOf(args.path) }));
  },
});

/** Whether a module's source has a default export (`export default …`, or `… as default` in an export list). */
function hasDefaultExport(source) {
  return /^export default /m.test(source) || /^export\s*\{[^}]*\bas default\b/m.test(source);
}

/**
 * A `check` for bundle.mjs: each module bundled into a chunk (but its `entry`) must be one of
 * `allowed` (absolute paths; the metafile's keys are relative to `root`), so that no module is in two
 * chunks, with two sets of module-level state.
 */
export const onlyModules = (root, entry, allowed) => (inputs) => {
  const stray = Object.keys(inputs).find((input) => input !== entry && !input.includes(":") && !allowed.has(join(root, input)));
  return stray === undefined ? undefined : `${stray} belongs to another chunk`;
};
