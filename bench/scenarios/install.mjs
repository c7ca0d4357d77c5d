// `agentreg install --frozen` of 100 agents from a loopback HTTP registry against pnpm's
// `install --frozen-lockfile` of 100 equally small packages from Verdaccio on loopback.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { agentregProject, INSTALL_AGENTS } from "../fixtures/agentreg-project.mjs";
import { pnpmProject, pnpmStoreFlags } from "../fixtures/pnpm-project.mjs";
import { compare } from "../lib/measure.mjs";
import { comparedColumns, formatMs } from "../lib/report.mjs";
import { pnpmPath } from "../lib/workspace.mjs";

/**
 * One `prepare` for each side. Cold: a new empty agentreg cache / pnpm store and metadata cache per
 * run. Warm: one cache or store kept across runs (the warm-up fills it). Either way the installed
 * files go first (`.claude/agents`, `node_modules`), so every run installs all 100.
 */
function sides(ctx, agentreg, pnpm, cache) {
  const { workspace } = ctx;
  const warmCache = join(workspace.dir, "agentreg-cache-warm");
  const warmStore = [join(workspace.dir, "pnpm-store-warm"), join(workspace.dir, "pnpm-cache-warm")];
  const subject = () => {
    rmSync(join(agentreg.project, ".claude/agents"), { recursive: true, force: true });
    const dir = cache === "cold" ? workspace.fresh("agentreg-cache-cold") : warmCache;
    // AGENTREG_CACHE holds registry data only; Node's compile cache (Node ≥ 22.1) stays warm in XDG_CACHE_HOME.
    return { args: [ctx.cli, "install", "--frozen"], cwd: agentreg.project, env: { ...ctx.env, AGENTREG_CACHE: dir }, cleanup: cache === "cold" ? () => rmSync(dir, { recursive: true, force: true }) : undefined };
  };
  const baseline = () => {
    rmSync(join(pnpm.project, "node_modules"), { recursive: true, force: true });
    const dirs = cache === "cold" ? [workspace.fresh("pnpm-store-cold"), workspace.fresh("pnpm-cache-cold")] : warmStore;
    return {
      args: [pnpmPath, "install", "--frozen-lockfile", ...pnpmStoreFlags(...dirs)],
      cwd: pnpm.project,
      env: pnpm.env,
      label: "pnpm install --frozen-lockfile",
      cleanup: cache === "cold" ? () => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })) : undefined,
    };
  };
  return { subject, baseline };
}

function installScenario({ id, cache, title, baseline, limitMs, aimMs, target, method }) {
  return {
    id,
    title,
    method,
    async run(ctx) {
      const agentreg = await agentregProject(ctx);
      const pnpm = await pnpmProject(ctx);
      const plan = ctx.plan("install");
      ctx.log(`${title}: ${plan.runs} runs`);
      const result = compare({ ...plan, ...sides(ctx, agentreg, pnpm, cache) });
      const median = result.subject.median;
      const speedup = result.baseline.median / median;
      const misses = [];
      if (median > limitMs) misses.push(`${formatMs(median)} is ${formatMs(median - limitMs)} over ${formatMs(limitMs)}`);
      if (speedup < 5) misses.push(`only ${speedup.toFixed(1)}× faster than pnpm, not 5×`);
      return {
        ...comparedColumns(result, plan, baseline),
        comparison: `${speedup.toFixed(1)}× faster`,
        target,
        met: misses.length === 0,
        aimMet: median <= aimMs,
        shortfall: `${misses.join("; ")}.`,
      };
    },
  };
}

export const installScenarios = [
  installScenario({
    id: "install-cold",
    cache: "cold",
    title: `\`install --frozen\` of ${INSTALL_AGENTS} agents from a loopback HTTP registry, cold cache`,
    baseline: `pnpm \`install --frozen-lockfile\` of ${INSTALL_AGENTS} equally small packages from Verdaccio, cold store`,
    limitMs: 1000,
    aimMs: 300,
    target: "≤ 1.0 s and ≥ 5× faster (aim: 0.3 s)",
    method: `a built registry of ${INSTALL_AGENTS} agents (~1.9 KiB each) served by \`agentreg registry serve\` on 127.0.0.1; a project locking all of them; each run removes \`.claude/agents\` and gets a new empty \`AGENTREG_CACHE\`. pnpm: ${INSTALL_AGENTS} packages (package.json + the same agent file) published to Verdaccio on 127.0.0.1; each run removes \`node_modules\` and gets a new empty \`--store-dir\` and \`--cache-dir\`.`,
  }),
  installScenario({
    id: "install-warm",
    cache: "warm",
    title: "same, warm cache (only `.claude/agents` removed)",
    baseline: "pnpm, warm store, `node_modules` removed",
    limitMs: 500,
    aimMs: 150,
    target: "≤ 0.5 s and ≥ 5× faster (aim: 0.15 s)",
    method: "as the row above, but `AGENTREG_CACHE` (agentreg) and the store and cache (pnpm) are kept across runs; only the installed files are removed.",
  }),
];
