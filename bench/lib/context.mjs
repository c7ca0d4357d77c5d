// What every scenario gets: the scratch workspace, run counts for the mode, shared fixtures built
// once on first use, and the servers to stop at the end.
import { createWorkspace } from "./workspace.mjs";

/** Runs per scenario kind: [runs, warm-up pairs]. `--quick` is the CI smoke run, not a measurement. */
const PLANS = {
  full: { startup: [30, 3], install: [10, 2], registry: [20, 3], largeVersions: 3 },
  quick: { startup: [3, 1], install: [3, 1], registry: [3, 1], largeVersions: 1 },
};

/** Progress on stderr; stdout carries only results. */
export function log(message) {
  process.stderr.write(`· ${message}\n`);
}

export function createContext({ quick }) {
  const workspace = createWorkspace();
  const plan = PLANS[quick ? "quick" : "full"];
  const fixtures = new Map();
  const closers = [];
  return {
    quick,
    workspace,
    env: workspace.env,
    /** The CLI under test: dist/agentreg.cjs in the workspace's copy of packages/cli. */
    cli: workspace.cli,
    largeVersions: plan.largeVersions,
    /** `{ runs, warmup }` for a kind of scenario: "startup", "install" or "registry". */
    plan(kind) {
      const [runs, warmup] = plan[kind];
      return { runs, warmup };
    },
    /** Builds a shared fixture once, however many scenarios (or `--only` subsets) ask for it. */
    fixture(name, build) {
      if (!fixtures.has(name)) fixtures.set(name, build(this));
      return fixtures.get(name);
    },
    /** Registers a server's stop function; `close` calls them, newest first. */
    onClose(stop) {
      closers.push(stop);
    },
    log,
    async close() {
      for (const stop of closers.reverse()) await stop().catch(() => undefined);
      workspace.remove();
    },
  };
}
