// Timing: whole processes, wall clock, baseline and subject alternating (A, B, A, B …) so that the
// machine's noise (other jobs, frequency scaling, a busy disk) hits both sides alike.
import { spawnSync } from "node:child_process";

/**
 * Runs one process and returns its wall time in milliseconds. `prepare` (untimed) returns what to
 * run, so each run can start from a fresh folder or cache; `cleanup` (untimed) runs afterwards.
 * A failing process throws with its stderr: a benchmark of an error is worthless.
 */
export function timeProcess(prepare) {
  const { command = process.execPath, args, cwd, env, label = args.join(" "), cleanup } = prepare();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  cleanup?.();
  if (result.error) throw new Error(`${label}: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) throw new Error(`${label} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  return ms;
}

/**
 * Alternates `baseline` and `subject` (each a `prepare` function for `timeProcess`): `warmup` pairs
 * first, discarded (they fill the OS file cache and, on Node ≥ 22.1, its compile cache), then `runs` pairs.
 */
export function compare({ baseline, subject, runs, warmup }) {
  for (let i = 0; i < warmup; i++) {
    timeProcess(baseline);
    timeProcess(subject);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeProcess(baseline));
    b.push(timeProcess(subject));
  }
  return { baseline: stats(a), subject: stats(b) };
}

/** Min, median and max of a sample; the median of an even count is the mean of the middle two. */
export function stats(samples) {
  const sorted = [...samples].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], runs: sorted.length };
}
