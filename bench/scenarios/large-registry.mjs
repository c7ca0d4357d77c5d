// A registry of 10,000 agents: building it, searching it, and resolving one agent from it.
import { rmSync } from "node:fs";
import { largeRegistry, LARGE_AGENTS, smallRegistry } from "../fixtures/registries.mjs";
import { agentName, TOPICS } from "../lib/fixture-registry.mjs";
import { compare } from "../lib/measure.mjs";
import { comparedColumns, formatBytes, formatMs } from "../lib/report.mjs";
import { nodeBaseline } from "./startup.mjs";

const GiB = 1024 ** 3;
const agents = LARGE_AGENTS.toLocaleString("en-US");

/** `agentreg add <name> --registry <url>` in a new project with a new, empty cache. */
function addFrom(ctx, url) {
  return () => {
    const cwd = ctx.workspace.fresh("add-project");
    const cache = ctx.workspace.fresh("add-cache");
    return {
      args: [ctx.cli, "add", agentName(5), "--registry", url],
      cwd,
      env: { ...ctx.env, AGENTREG_CACHE: cache },
      cleanup: () => [cwd, cache].forEach((dir) => rmSync(dir, { recursive: true, force: true })),
    };
  };
}

export const largeRegistryScenarios = [
  {
    id: "registry-build",
    title: `\`registry build\` of ${agents} agents × 3 versions`,
    method: "a registry source folder written directly in the source format (~1.9 KiB per agent file), built once by `agentreg registry build <src> --out <dir>`; peak memory is the process's maximum resident set size (getrusage). `--quick` builds 1 version per agent instead of 3.",
    async run(ctx) {
      const { build, versions } = await largeRegistry(ctx);
      const withinTime = build.ms <= 60_000;
      const withinMemory = build.maxRssBytes <= GiB;
      return {
        title: `\`registry build\` of ${agents} agents × ${versions} version${versions === 1 ? "" : "s"}`,
        result: `${formatMs(build.ms)}, peak RSS ${formatBytes(build.maxRssBytes)}`,
        target: "≤ 60 s, memory ≤ 1 GiB",
        met: withinTime && withinMemory,
        shortfall: [withinTime ? "" : `${formatMs(build.ms - 60_000)} over 60 s`, withinMemory ? "" : `peak RSS ${formatBytes(build.maxRssBytes - GiB)} over 1 GiB`].filter(Boolean).join("; ") + ".",
      };
    },
  },
  {
    id: "search",
    title: `\`search\` over that ${agents}-agent registry`,
    method: `\`agentreg search ${TOPICS[15]} --registry <url>\` (every agent matches, since each description says it "reviews" changes: the worst case, all ${agents} scored and sorted, 20 shown) against the registry above served by \`agentreg registry serve\` on 127.0.0.1 (\`Cache-Control: max-age=60\`), with a warm cache: the warm-up fetched \`index.json\` (~5 MB) less than 60 s earlier, so each run reads it from the cache without a request, then parses and searches it. A search that must revalidate (304) costs about 60 ms more (see Notes).`,
    async run(ctx) {
      const { url } = await largeRegistry(ctx);
      const plan = ctx.plan("registry");
      const cwd = ctx.workspace.fresh("search");
      const result = compare({ ...plan, baseline: nodeBaseline(ctx), subject: () => ({ args: [ctx.cli, "search", TOPICS[15], "--registry", url], cwd, env: ctx.env }) });
      const over = result.subject.median - result.baseline.median;
      return {
        ...comparedColumns(result, plan, "node -e 0"),
        comparison: `+${formatMs(over)}`,
        target: "≤ +150 ms",
        met: over <= 150,
        shortfall: `+${formatMs(over)} over \`node -e 0\`, ${formatMs(over - 150)} more than the +150 ms allowed.`,
      };
    },
  },
  {
    id: "add-large",
    title: `\`add\` one agent from the ${agents}-agent registry vs from a 10-agent registry`,
    method: `\`agentreg add ${agentName(5)} --registry <url>\` (the same agent, same versions, in both registries), each run in a new project with a new empty cache, so it fetches one packument and one tarball. The ratio shows whether resolution reads only the packument, never the index.`,
    async run(ctx) {
      const large = await largeRegistry(ctx);
      const small = await smallRegistry(ctx);
      const plan = ctx.plan("registry");
      const result = compare({ ...plan, baseline: addFrom(ctx, small.url), subject: addFrom(ctx, large.url) });
      const ratio = result.subject.median / result.baseline.median;
      return {
        ...comparedColumns(result, plan, "`add` from the 10-agent registry"),
        comparison: `${ratio.toFixed(2)}×`,
        target: "ratio ≤ 1.2",
        met: ratio <= 1.2,
        shortfall: `ratio ${ratio.toFixed(2)}, over 1.2.`,
      };
    },
  },
];
