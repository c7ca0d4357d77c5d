// Start-up: the CLI against a bare `node -e 0` on the same Node.
import { rmSync } from "node:fs";
import { compare } from "../lib/measure.mjs";
import { comparedColumns, formatMs } from "../lib/report.mjs";

/** `node -e 0`: what any Node CLI pays before its first line runs. */
export function nodeBaseline(ctx) {
  return () => ({ args: ["-e", "0"], cwd: ctx.workspace.dir, env: ctx.env, label: "node -e 0" });
}

export const startupScenarios = [
  {
    id: "version",
    title: "`agentreg --version` cold start",
    method: "`node agentreg.cjs --version` in a new process each run, against `node -e 0`.",
    async run(ctx) {
      const plan = ctx.plan("startup");
      const result = compare({ ...plan, baseline: nodeBaseline(ctx), subject: () => ({ args: [ctx.cli, "--version"], cwd: ctx.workspace.dir, env: ctx.env }) });
      const over = result.subject.median - result.baseline.median;
      return {
        ...comparedColumns(result, plan, "node -e 0"),
        comparison: `+${formatMs(over)}`,
        target: "≤ +50 ms (aim: +20 ms)",
        met: over <= 50,
        aimMet: over <= 20,
        shortfall: `+${formatMs(over)} over \`node -e 0\`, ${formatMs(over - 50)} more than the +50 ms allowed.`,
      };
    },
  },
  {
    id: "add-builtin",
    title: "`agentreg add senior-backend-engineer` in an empty folder (builtin registry)",
    method: "a new empty folder per run (made and removed outside the timing); the builtin registry ships inside the CLI, so no network. On Node ≥ 22.1 its compile cache is warm after the warm-up, as on any second run; Node 20 has none.",
    async run(ctx) {
      const plan = ctx.plan("startup");
      const subject = () => {
        const cwd = ctx.workspace.fresh("add-builtin");
        return { args: [ctx.cli, "add", "senior-backend-engineer"], cwd, env: ctx.env, cleanup: () => rmSync(cwd, { recursive: true, force: true }) };
      };
      const result = compare({ ...plan, baseline: nodeBaseline(ctx), subject });
      const ratio = result.subject.median / result.baseline.median;
      return {
        ...comparedColumns(result, plan, "node -e 0"),
        comparison: `${ratio.toFixed(2)}×`,
        target: "≤ 2× (aim: 1.5×, issue 15)",
        met: ratio <= 2,
        aimMet: ratio <= 1.5,
        shortfall: `${ratio.toFixed(2)}× \`node -e 0\` (${formatMs(result.subject.median)}), ${formatMs(result.subject.median - 2 * result.baseline.median)} over 2×.`,
      };
    },
  },
];
