// agentreg's benchmark harness (issue 8): every scenario next to its baseline, runs alternating
// (A, B, A, B …), medians and ratios, rewriting docs/benchmarks.md.
//
//   pnpm bench                      everything; rewrites docs/benchmarks.md (several minutes)
//   pnpm bench --quick              few runs, smaller large-registry build: a CI smoke run; prints, never writes
//   pnpm bench --only search        scenarios whose id contains a word (repeatable); prints, never writes
//                                   ids: version, add-builtin, install-cold, install-warm, registry-build,
//                                   search, add-large, site-build, site-render, publish-bulk, git-add-cold, git-add-warm,
//                                   git-install-frozen, package
//   pnpm bench --no-write           print the table, leave docs/benchmarks.md alone
//   pnpm bench --cpu-prof <dir>     profile `add` (builtin) and a warm `install --frozen`, print the hot spots
//   pnpm bench --build              rebuild the CLI even if dist looks current
//
// Exits 1 when a scenario cannot run (the error is printed), never because a target is missed.
import { writeFileSync } from "node:fs";
import { cpus, platform, arch, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pnpmVersion } from "./fixtures/pnpm-project.mjs";
import { ensureCliBuilt } from "./lib/build-cli.mjs";
import { createContext, log } from "./lib/context.mjs";
import { run } from "./lib/processes.mjs";
import { profileCli } from "./lib/profile.mjs";
import { readNotes, renderReport, renderTable } from "./lib/report.mjs";
import { verdaccioVersion } from "./lib/verdaccio.mjs";
import { root } from "./lib/workspace.mjs";
import { scenarios } from "./scenarios/index.mjs";

const REPORT = join(root, "docs/benchmarks.md");

async function main() {
  const options = parseOptions();
  if (options === undefined) return;
  ensureCliBuilt({ force: options.build, log });
  const ctx = createContext({ quick: options.quick });
  const interrupted = () => void ctx.close().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    if (options["cpu-prof"] !== undefined) {
      process.stdout.write(await profileCli(ctx, options["cpu-prof"]));
      return;
    }
    const selected = scenarios.filter((scenario) => options.only.length === 0 || options.only.some((word) => scenario.id.includes(word.toLowerCase())));
    if (selected.length === 0) throw new Error(`no scenario matches --only ${options.only.join(", ")}; ids: ${scenarios.map((s) => s.id).join(", ")}`);
    const rows = [];
    for (const scenario of selected) {
      ctx.log(`${scenario.id}: ${scenario.title}`);
      rows.push({ title: scenario.title, method: scenario.method, ...(await scenario.run(ctx)) });
    }
    process.stdout.write(`${renderTable(rows)}\n`);

    // Only a full measurement rewrites the report: --only would drop rows, --quick's few runs are a
    // smoke test, not numbers to publish.
    const keep = options["no-write"] ? "--no-write" : options.quick ? "--quick" : selected.length < scenarios.length ? "--only" : undefined;
    if (keep) {
      ctx.log(`docs/benchmarks.md left as it was (${keep})`);
      return;
    }
    writeFileSync(REPORT, renderReport({ rows, machine: machine(), tools: tools(ctx), notes: readNotes(REPORT) }));
    ctx.log(`wrote ${REPORT}`);
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await ctx.close();
  }
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        quick: { type: "boolean", default: false },
        only: { type: "string", multiple: true, default: [] },
        "no-write": { type: "boolean", default: false },
        "cpu-prof": { type: "string" },
        build: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`bench: ${error.message}\nusage: pnpm bench [--quick] [--only <id>]… [--no-write] [--cpu-prof <dir>] [--build] (see bench/run.mjs)\n`);
    process.exitCode = 2;
    return undefined;
  }
}

function machine() {
  const list = cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown CPU",
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    platform: `${platform()} ${arch()}`,
    node: process.version,
  };
}

function tools(ctx) {
  return { pnpm: pnpmVersion(), verdaccio: verdaccioVersion(), npm: run("npm", ["--version"], { env: ctx.env }).trim() };
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
