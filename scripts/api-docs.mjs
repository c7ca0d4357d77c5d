// Writes the SDK's API reference, docs/api/, from the TSDoc of what packages/sdk/src/index.ts exports
// (TypeDoc with typedoc-plugin-markdown; issue 14). `--check` changes nothing and exits 1 when the
// pages in docs/api differ from a fresh generation, so a changed signature or comment cannot ship
// without its reference; the tests run it. TypeDoc's warnings (a public type that refers to one that
// is not exported, a broken {@link}) are errors: the reference must describe a complete API.
//
// TypeDoc takes ~10 s of CPU, and its output is a function of its inputs. A generation records, in
// docs/api/.generated.json, a sha256 of every input (the SDK's sources and package.json, the
// tsconfig files, this script, pnpm-lock.yaml for TypeDoc's and TypeScript's versions) and one of the
// pages it wrote. `--check` regenerates and compares only when either no longer matches: a changed
// source, a new TypeDoc, or a hand-edited page always takes the full comparison.
// Usage: node scripts/api-docs.mjs [--check]
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const apiDir = join(root, "docs", "api");
const USAGE = "usage: node scripts/api-docs.mjs [--check]";
/** What a generation records; a dotfile, so it is not one of the pages. */
const RECORD = ".generated.json";

/** Generates the Markdown reference into `out`; throws when TypeDoc reports a warning or an error. */
async function generate(out) {
  const { Application, LogLevel } = await import("typedoc");
  const app = await Application.bootstrapWithPlugins({
    entryPoints: [join(root, "packages/sdk/src/index.ts")],
    tsconfig: join(root, "packages/sdk/tsconfig.build.json"),
    plugin: ["typedoc-plugin-markdown", "typedoc-plugin-zod"],
    out,
    name: "@agentreg/sdk",
    readme: "none",
    // No links to source lines: they would name a commit and make every regeneration differ.
    disableSources: true,
    hideGenerator: true,
    excludePrivate: true,
    excludeInternal: true,
    excludeExternals: true,
    sort: ["kind", "alphabetical"],
    validation: { notExported: true, invalidLink: true, notDocumented: false },
    treatWarningsAsErrors: true,
    logLevel: LogLevel.Warn,
    // typedoc-plugin-markdown: one page per function, interface and type, grouped in folders by kind.
    outputFileStrategy: "members",
    entryFileName: "README.md",
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: "table",
    interfacePropertiesFormat: "table",
    sanitizeComments: true,
  });
  const project = await app.convert();
  if (project) app.validate(project);
  if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error("TypeDoc reported the problems above");
  await app.generateOutputs(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error("TypeDoc reported the problems above");
}

/** Every file under `dir` but dotfiles as POSIX relative path -> text; empty when `dir` does not exist. */
async function readTree(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = new Map();
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith(".")) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join("/"), await readFile(path, "utf8"));
  }
  return files;
}

/** A sha256 over files (path -> text), in path order, each path and text length-prefixed. */
function treeHash(files) {
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) {
    const text = files.get(path);
    hash.update(`${path.length}:${path}${Buffer.byteLength(text)}:`).update(text);
  }
  return hash.digest("hex");
}

/** The sha256 of everything TypeDoc's output depends on, apart from node_modules (which pnpm-lock.yaml pins). */
async function inputsHash() {
  const files = new Map();
  const sdk = join(root, "packages/sdk");
  for (const [path, text] of await readTree(join(sdk, "src"))) if (path.endsWith(".ts") && !path.endsWith(".test.ts")) files.set(`packages/sdk/src/${path}`, text);
  for (const path of ["packages/sdk/package.json", "packages/sdk/tsconfig.json", "packages/sdk/tsconfig.build.json", "tsconfig.base.json", "scripts/api-docs.mjs", "pnpm-lock.yaml"]) {
    files.set(path, await readFile(join(root, path), "utf8"));
  }
  return treeHash(files);
}

/** Whether docs/api is the generation its record names, from the inputs there are now. */
async function upToDateByRecord() {
  const record = await readFile(join(apiDir, RECORD), "utf8").then(JSON.parse, () => undefined);
  if (typeof record?.inputs !== "string" || typeof record?.pages !== "string") return false;
  return record.inputs === (await inputsHash()) && record.pages === treeHash(await readTree(apiDir));
}

function differences(expected, actual) {
  const problems = [];
  for (const [path, text] of expected) {
    if (!actual.has(path)) problems.push(`missing: docs/api/${path}`);
    else if (actual.get(path) !== text) problems.push(`out of date: docs/api/${path}`);
  }
  for (const path of actual.keys()) if (!expected.has(path)) problems.push(`no longer generated: docs/api/${path}`);
  return problems.sort();
}

async function main(args) {
  const check = args.includes("--check");
  const unknown = args.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    console.error(`api-docs: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  if (!check) {
    // A fresh folder each time, so a page for something no longer exported does not linger.
    await rm(apiDir, { recursive: true, force: true });
    await generate(apiDir);
    const pages = await readTree(apiDir);
    await writeFile(join(apiDir, RECORD), `${JSON.stringify({ inputs: await inputsHash(), pages: treeHash(pages) }, null, 2)}\n`);
    console.log(`api-docs: ${pages.size} pages written to docs/api`);
    return 0;
  }
  if (await upToDateByRecord()) return 0;
  const scratch = await mkdtemp(join(tmpdir(), "agentreg-api-docs-"));
  try {
    await generate(scratch);
    const problems = differences(await readTree(scratch), await readTree(apiDir));
    if (problems.length === 0) return 0;
    console.error(`api-docs: docs/api is out of date with the TSDoc in packages/sdk/src; run \`pnpm docs\`\n${problems.map((p) => `  ${p}`).join("\n")}`);
    return 1;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`api-docs: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
