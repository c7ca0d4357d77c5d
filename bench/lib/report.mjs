// docs/benchmarks.md: the results table, the machine, and how each row was measured. The "Notes"
// section between the markers is written by people (what profiling showed) and kept on every rewrite.
import { existsSync, readFileSync } from "node:fs";

const NOTES_START = "<!-- notes:start -->";
const NOTES_END = "<!-- notes:end -->";

export function formatMs(ms) {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(bytes) {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** "75.3 ms (70.1–90.2 ms)": the median, then the range in the unit of its upper end. */
export function formatStats({ median, min, max }) {
  const range = max < 1000 ? `${min.toFixed(1)}–${max.toFixed(1)} ms` : `${(min / 1000).toFixed(2)}–${(max / 1000).toFixed(2)} s`;
  return `${formatMs(median)} (${range})`;
}

export function formatRuns({ runs, warmup }) {
  return warmup ? `${runs} + ${warmup} warm-up` : String(runs);
}

/** The columns every alternating comparison fills the same way. */
export function comparedColumns(result, plan, baseline) {
  return { baseline, baselineMedian: formatMs(result.baseline.median), result: formatStats(result.subject), runs: formatRuns(plan) };
}

function metCell(row) {
  if (!row.met) return "**no**";
  return row.aimMet === false ? "yes (aim: not yet)" : "yes";
}

export function renderTable(rows) {
  return [
    "| scenario | baseline | baseline median | median (min–max) | vs baseline | target | met? | runs |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${[row.title, row.baseline ?? "—", row.baselineMedian ?? "—", row.result, row.comparison ?? "—", row.target, metCell(row), row.runs ?? "1"].join(" | ")} |`),
  ].join("\n");
}

/**
 * The whole document. `machine` and `tools` are facts about this run; `notes` is the hand-written
 * section carried over from the previous file.
 */
export function renderReport({ rows, machine, tools, notes }) {
  const missed = rows.filter((row) => !row.met);
  return `# Benchmarks

Written by \`pnpm bench\` (code in [\`bench/\`](../bench/)) on ${machine.date}; regenerate rather than edit, except the Notes section.

- **Machine:** ${machine.cpus} × ${machine.cpuModel}, ${machine.memory} RAM, ${machine.platform}; Node ${machine.node}.
- **Baselines:** \`node -e 0\` on the same Node; pnpm ${tools.pnpm} installing from Verdaccio ${tools.verdaccio} on 127.0.0.1 (no uplinks); npm ${tools.npm} only packs the baseline's packages.
- **Method:** wall time of whole processes; baseline and subject run alternately (A, B, A, B …) after discarded warm-up pairs, so noise on this shared machine hits both alike. Compare within a row: the ratio is the result, the absolute times move with the machine.

${renderTable(rows)}

## Targets not met

${missed.length === 0 ? "Every target is met." : missed.map((row) => `- **${row.title}:** ${row.shortfall}`).join("\n")}

## Notes

${NOTES_START}
${notes.trim()}
${NOTES_END}

## How each row is measured

${rows.map((row) => `- **${row.title}:** ${row.method}`).join("\n")}
`;
}

/** The hand-written notes of an existing report, or a placeholder for the first one. */
export function readNotes(path) {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const start = text.indexOf(NOTES_START);
  const end = text.indexOf(NOTES_END);
  if (start !== -1 && end > start) return text.slice(start + NOTES_START.length, end);
  return "_What profiling showed goes here (`pnpm bench --cpu-prof <dir>`); the harness keeps this section when it rewrites the file._";
}

