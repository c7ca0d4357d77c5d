// Summarises a V8 .cpuprofile (from `node --cpu-prof`) as the functions and files with the most
// self time. Also a command: node bench/lib/summarize-profile.mjs <file.cpuprofile> [top]
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { basename, posix } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Self time per function (name + location) and per script. A sample's duration is the gap to the
 * next sample (`timeDeltas[i + 1]`), as Chrome DevTools counts it. The bundle is minified: a
 * function of agentreg's own code is shown at its `src/….ts` file and line through the chunk's source
 * map, and counted under that file; library code (zod, yaml, commander, undici …) has no mappings and
 * stays at its position in the chunk (dist/core.cjs:line:column).
 */
export function summarizeProfile(profile, { top = 15 } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const us = i + 1 < samples.length ? timeDeltas[i + 1] : Math.max(0, profile.endTime - profile.startTime - timeDeltas.reduce((a, b) => a + b, 0));
    selfByNode.set(samples[i], (selfByNode.get(samples[i]) ?? 0) + us);
  }
  const functions = new Map();
  const files = new Map();
  let totalUs = 0;
  const original = sourceMapper();
  for (const [id, us] of selfByNode) {
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
    const source = url ? original(url, lineNumber, columnNumber) : undefined;
    const file = source?.file ?? (url ? shortUrl(url) : "(V8)");
    const name = functionName || "(anonymous)";
    const key = source ? `${name} ${source.file}:${source.line}` : url ? `${name} ${file}:${lineNumber + 1}:${columnNumber + 1}` : name;
    add(functions, key, us);
    // Functions without a script are V8 builtins and Node's C++ bindings (openFileHandle, fstat).
    add(files, url ? file : name.startsWith("(") ? name : "(native)", us);
    totalUs += us;
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, us]) => ({ what, ms: us / 1000, percent: (100 * us) / totalUs }));
  return { totalMs: totalUs / 1000, functions: rank(functions), files: rank(files) };
}

/** The summary as text: the top functions, then the top scripts. */
export function formatProfileSummary(title, summary) {
  const line = ({ what, ms, percent }) => `  ${ms.toFixed(1).padStart(7)} ms ${percent.toFixed(1).padStart(5)} %  ${what}`;
  return [
    `${title}: ${summary.totalMs.toFixed(1)} ms sampled`,
    "  self time by function:",
    ...summary.functions.map(line),
    "  self time by script:",
    ...summary.files.map(line),
    "",
  ].join("\n");
}

function add(map, key, us) {
  map.set(key, (map.get(key) ?? 0) + us);
}

/**
 * Looks positions in the CLI's chunks up in their source maps (`<chunk>.map` beside the chunk), read
 * once each: the original file, relative to the repository, and its 1-based line.
 */
function sourceMapper() {
  const maps = new Map();
  const mapOf = (path) => {
    if (!maps.has(path)) maps.set(path, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8"))) : undefined);
    return maps.get(path);
  };
  return (url, line, column) => {
    if (!url.startsWith("file:")) return undefined;
    const path = fileURLToPath(url);
    const entry = mapOf(path)?.findEntry(line, column);
    if (!entry?.originalSource) return undefined;
    // Sources are relative to packages/cli/dist/, also in the harness's copy of the package.
    return { file: posix.join("packages/cli/dist", entry.originalSource), line: entry.originalLine + 1 };
  };
}

/** node:internal/… stays as is; file URLs and paths become their base name. */
function shortUrl(url) {
  return url.startsWith("node:") ? url : basename(url.replace(/^file:\/\//, ""));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: node bench/lib/summarize-profile.mjs <file.cpuprofile> [top]\n");
    process.exitCode = 2;
  } else {
    const summary = summarizeProfile(JSON.parse(readFileSync(file, "utf8")), { top: top ? Number(top) : 15 });
    process.stdout.write(formatProfileSummary(basename(file), summary));
  }
}
