// The SDK's import graph (issue 15): which file imports which, folded into the layers of DESIGN §2.
// `node scripts/import-graph.mjs` prints the folder graph and every cycle or layer breach, and exits
// 1 if there is one; tests/structure/import-graph.test.ts runs the same checks.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SDK_SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../packages/sdk/src");

/**
 * The SDK's folders from the bottom up: a folder may import only the folders before it. `.` is the
 * files directly in src/ (errors, atomic writes, …), which import no folder; index.ts, the public
 * door, is outside the order and may import anything.
 */
export const LAYERS = [
  ".",
  "agent",
  "archive",
  "registry",
  "registry/http",
  "registry/git",
  "resolve",
  "targets",
  "authoring",
  "site",
  "static",
  "project/state",
  "project/transaction",
  "project/operations",
];

/** Every non-test .ts file under src/, by path relative to it, with the files it imports (static, re-exported or dynamic). */
export function readImportGraph(root = SDK_SRC) {
  const graph = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        const text = readFileSync(path, "utf8");
        const targets = new Set();
        for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)["'](\.{1,2}\/[^"']+)["']/gm)) {
          targets.add(relative(root, resolve(dirname(path), match[1])).replace(/\.js$/, ".ts"));
        }
        graph.set(relative(root, path), [...targets].sort());
      }
    }
  };
  walk(root);
  return graph;
}

/** The folder a file belongs to: its directory, `.` for files directly in src/. */
export function folderOf(file) {
  const dir = dirname(file);
  return dir === "" ? "." : dir;
}

/** Imports that go to a folder at or above the importer's own layer, and files in no known layer. */
export function layerBreaches(graph) {
  const breaches = [];
  for (const [file, targets] of graph) {
    if (file === "index.ts") continue;
    const rank = LAYERS.indexOf(folderOf(file));
    if (rank === -1) {
      breaches.push(`${file} is in a folder that DESIGN §2 does not name (add it to LAYERS in scripts/import-graph.mjs)`);
      continue;
    }
    for (const target of targets) {
      const targetFolder = folderOf(target);
      if (targetFolder !== folderOf(file) && !(LAYERS.indexOf(targetFolder) < rank)) breaches.push(`${file} -> ${target}`);
    }
  }
  return breaches.sort();
}

/** Every cycle among files, each as the path that closes it (a -> b -> a). */
export function fileCycles(graph) {
  const cycles = [];
  const state = new Map(); // file -> "open" while on the path, "done" after
  const path = [];
  const visit = (file) => {
    state.set(file, "open");
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === "open") cycles.push([...path.slice(path.indexOf(target)), target].join(" -> "));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = readImportGraph();
  const edges = new Map();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const edge = `${folderOf(file)} -> ${folderOf(target)}`;
      if (folderOf(file) !== folderOf(target) && file !== "index.ts") edges.set(edge, (edges.get(edge) ?? 0) + 1);
    }
  }
  for (const [edge, count] of [...edges].sort()) console.log(`${edge} (${count})`);
  const problems = [...layerBreaches(graph).map((breach) => `layer breach: ${breach}`), ...fileCycles(graph).map((cycle) => `cycle: ${cycle}`)];
  for (const problem of problems) console.log(problem);
  process.exitCode = problems.length === 0 ? 0 : 1;
}
