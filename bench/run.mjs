// agentreg's benchmark: each scenario next to its baseline, runs alternating (A, B, A, B …) so machine
// noise hits both alike, reported as medians and ratios. Rewrites docs/benchmarks.md.
// Usage: pnpm bench [--quick]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "packages/cli/dist/agentreg.mjs");
const quick = process.argv.includes("--quick");
const runs = quick ? 5 : 30;
const warmup = quick ? 1 : 3;

/** One timed run of a command; `prepare` makes a fresh working folder when the command writes. */
function timeOnce(scenario) {
  const cwd = scenario.fresh ? mkdtempSync(join(tmpdir(), "agentreg-bench-")) : root;
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, scenario.args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (scenario.fresh) rmSync(cwd, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${scenario.name} failed: ${result.stderr}`);
  return ms;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

const baseline = { name: "node -e 0", args: ["-e", "0"] };
const scenarios = [
  { name: "agentreg --version", args: [cli, "--version"], target: "≤ +50 ms over node -e 0 (aim +20 ms)" },
  { name: "agentreg --help", args: [cli, "--help"], target: "—" },
  { name: "agentreg add senior-backend-engineer (empty folder, builtin)", args: [cli, "add", "senior-backend-engineer"], fresh: true, target: "≤ 2× node -e 0" },
];

const rows = [];
for (const scenario of scenarios) {
  for (let i = 0; i < warmup; i++) {
    timeOnce(baseline);
    timeOnce(scenario);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeOnce(baseline));
    b.push(timeOnce(scenario));
  }
  const base = stats(a);
  const own = stats(b);
  rows.push({ scenario, base, own, delta: own.median - base.median, ratio: own.median / base.median });
}

const fmt = (n) => n.toFixed(1);
const table = [
  "| scenario | baseline | baseline median | median (min–max) | over baseline | ratio | target |",
  "|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.scenario.name} | ${baseline.name} | ${fmt(r.base.median)} ms | ${fmt(r.own.median)} ms (${fmt(r.own.min)}–${fmt(r.own.max)}) | +${fmt(r.delta)} ms | ${r.ratio.toFixed(2)}× | ${r.scenario.target} |`,
  ),
].join("\n");

const report = `# Benchmarks

Measured by \`pnpm bench${quick ? " --quick" : ""}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPUs, Node ${process.version}, ${runs} alternating runs per scenario after ${warmup} warm-up pairs.
Times are wall-clock for a whole process; the baseline runs interleaved with the scenario, so compare within a row.

${table}
`;
mkdirSync(join(root, "docs"), { recursive: true });
writeFileSync(join(root, "docs/benchmarks.md"), report);
console.log(table);
