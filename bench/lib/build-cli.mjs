// "Builds the CLI if needed": when dist/agentreg.cjs is missing or older than anything it is built
// from (the SDK, the CLI, the builtin registry, their package.json and build scripts).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { builtCliPath, pnpmPath, root } from "./workspace.mjs";

const INPUTS = ["packages/sdk/src", "packages/sdk/scripts", "packages/sdk/package.json", "packages/cli/src", "packages/cli/scripts", "packages/cli/package.json", "registry"];

/** Returns why a build is needed, or undefined when dist is up to date. */
export function staleReason() {
  if (!existsSync(builtCliPath)) return "packages/cli/dist/agentreg.cjs is missing";
  const built = statSync(builtCliPath).mtimeMs;
  for (const input of INPUTS) {
    const newer = newestFile(join(root, input), built);
    if (newer) return `${newer.slice(root.length)} changed since the last build`;
  }
  return undefined;
}

export function ensureCliBuilt({ force = false, log }) {
  const reason = force ? "--build" : staleReason();
  if (reason === undefined) return;
  if (!existsSync(pnpmPath)) throw new Error(`${pnpmPath} is missing: run \`pnpm install\` first`);
  log(`building the CLI (${reason})`);
  // The bench package's pinned pnpm, run by this Node: no npx, no global pnpm. The build script
  // itself calls `pnpm`, so its shim goes first on PATH. Output goes to stderr: stdout carries only
  // the results table.
  const env = { ...process.env, PATH: [join(root, "bench/node_modules/.bin"), process.env.PATH].join(delimiter) };
  const result = spawnSync(process.execPath, [pnpmPath, "build"], { cwd: root, env, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) throw new Error(`pnpm build failed (exit ${result.status ?? result.signal})`);
}

/** The first file under `path` modified after `since`, if any. */
function newestFile(path, since) {
  if (!existsSync(path)) return undefined;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs > since ? path : undefined;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    // Tests are not part of the bundle; other engineers edit them all day.
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.endsWith(".test.ts")) continue;
    const found = newestFile(join(path, entry.name), since);
    if (found) return found;
  }
  return undefined;
}
