// The published CLI: one self-contained package.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../lib/processes.mjs";
import { formatBytes } from "../lib/report.mjs";

const LIMIT = 512 * 1024;

export const packageScenarios = [
  {
    id: "package",
    title: "the published CLI package",
    method: "`npm pack --dry-run --json` in (a copy of) packages/cli, what `npm publish` would upload, and the dependency fields of its package.json.",
    async run(ctx) {
      const dir = ctx.workspace.cliPackage;
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const [pack] = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--loglevel", "error"], { cwd: dir, env: { ...ctx.env, npm_config_cache: ctx.workspace.fresh("npm-cache-pack") } }));
      const runtime = ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies", "bundledDependencies"].flatMap((field) => Object.keys(manifest[field] ?? {}));
      const misses = [];
      if (runtime.length > 0) misses.push(`runtime dependencies: ${runtime.join(", ")}`);
      if (pack.size > LIMIT) misses.push(`${formatBytes(pack.size)} packed, ${formatBytes(pack.size - LIMIT)} over 512 KiB`);
      return {
        result: `1 package, ${runtime.length} runtime dependencies, ${formatBytes(pack.size)} packed (${formatBytes(pack.unpackedSize)} unpacked, ${pack.entryCount} files)`,
        target: "1 package, no runtime dependencies, ≤ 512 KiB packed",
        met: misses.length === 0,
        shortfall: `${misses.join("; ")}.`,
      };
    },
  },
];
