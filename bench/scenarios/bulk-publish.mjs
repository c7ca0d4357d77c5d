// Bulk publish (issue 13): importing a whole collection into a registry source in one process.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { agentFile, agentName } from "../lib/fixture-registry.mjs";
import { compare } from "../lib/measure.mjs";
import { comparedColumns, formatMs } from "../lib/report.mjs";
import { nodeBaseline } from "./startup.mjs";

const AGENTS = 500;
const TARGET_MS = 10_000;

/** A collection to import: 500 agent files (~1.9 KiB each) in 10 category folders, written once. */
function collection(ctx) {
  return ctx.fixture("bulk-publish-collection", () => {
    const dir = ctx.workspace.fresh("bulk-publish-collection");
    for (let index = 0; index < AGENTS; index++) {
      const folder = join(dir, `category-${index % 10}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${agentName(index)}.md`), agentFile(index));
    }
    return dir;
  });
}

export const bulkPublishScenarios = [
  {
    id: "publish-bulk",
    title: `\`publish\` of ${AGENTS} agents in one call`,
    method: `\`agentreg publish <folder> --to <source> --version 1.0.0\` of a folder tree of ${AGENTS} agent files (~1.9 KiB each, 10 subfolders) into a new, empty registry source folder each run (registry.json written outside the timing): every file read, validated and written with its agent.json, each write flushed to disk. The ratio is to \`node -e 0\`.`,
    async run(ctx) {
      const agents = collection(ctx);
      const plan = ctx.plan("install");
      const subject = () => {
        const source = ctx.workspace.fresh("bulk-publish-source");
        writeFileSync(join(source, "registry.json"), `${JSON.stringify({ keys: [], name: "bench-bulk", serial: 0 }, null, 2)}\n`);
        return {
          args: [ctx.cli, "publish", agents, "--to", source, "--version", "1.0.0"],
          cwd: ctx.workspace.dir,
          env: ctx.env,
          cleanup: () => rmSync(source, { recursive: true, force: true }),
        };
      };
      const result = compare({ ...plan, baseline: nodeBaseline(ctx), subject });
      const ratio = result.subject.median / result.baseline.median;
      return {
        ...comparedColumns(result, plan, "node -e 0"),
        comparison: `${ratio.toFixed(1)}×`,
        target: "≤ 10 s",
        met: result.subject.median <= TARGET_MS,
        shortfall: `${formatMs(result.subject.median)}, ${formatMs(result.subject.median - TARGET_MS)} over 10 s.`,
      };
    },
  },
];
