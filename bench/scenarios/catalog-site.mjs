// The catalog website `registry build` writes (issue 18): what it adds to a build of the
// 10,000-agent registry, and how quickly headless Chromium shows its index and searches it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { largeRegistry, LARGE_AGENTS } from "../fixtures/registries.mjs";
import { compare, stats } from "../lib/measure.mjs";
import { comparedColumns, formatMs, formatStats } from "../lib/report.mjs";

const agents = LARGE_AGENTS.toLocaleString("en-US");

/** `registry build <source> --out <out>`, with `flags`, as one timed process. */
function build(ctx, source, out, flags) {
  return () => ({ args: [ctx.cli, "registry", "build", source, "--out", out, ...flags], cwd: ctx.workspace.dir, env: ctx.env });
}

/** Debian's headless Chromium, else its full Chromium, as the tests pick them; `CHROMIUM_PATH` names another. */
function chromiumPath() {
  const found = [process.env.CHROMIUM_PATH, "/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => path && existsSync(path));
  if (!found) throw new Error("no Chromium: install Debian's package with `apt-get install chromium-headless-shell`");
  return found;
}

export const catalogSiteScenarios = [
  {
    id: "site-build",
    title: `catalog website's share of \`registry build\` (${agents} agents)`,
    method: `the same source built alternately with \`--no-site\` (baseline) and with the catalog (the default), into two folders; the ratio of the medians. The full run builds 3 versions per agent, \`--quick\` 1.`,
    async run(ctx) {
      const { source } = await largeRegistry(ctx);
      const plan = ctx.quick ? { runs: 1, warmup: 0 } : { runs: 2, warmup: 0 };
      const result = compare({
        ...plan,
        baseline: build(ctx, source, join(ctx.workspace.dir, "site-build-without"), ["--no-site"]),
        subject: build(ctx, source, join(ctx.workspace.dir, "site-build-with"), []),
      });
      const ratio = result.subject.median / result.baseline.median;
      const percent = Math.round((ratio - 1) * 100);
      return {
        ...comparedColumns(result, plan, "`registry build --no-site`"),
        comparison: `${ratio.toFixed(2)}× (${percent < 0 ? "−" : "+"}${Math.abs(percent)}%)`,
        target: "≤ +30%",
        met: ratio <= 1.3,
        shortfall: `the catalog adds ${percent}%, more than 30%.`,
      };
    },
  },
  {
    id: "site-render",
    title: `catalog index of ${agents} agents in headless Chromium: first render, then a search`,
    method: `Debian's Chromium driven by playwright-core opens the built registry's \`index.html\` from \`file://\` in a new page each run; the result is the median time to the page's load event (the first hundred agents laid out, and the ${agents}-agent search index parsed), with first contentful paint beside it. Then, in the page, a search for a topic (1 in 16 agents match) is typed as one input event, timed from the event to the frame after the results are drawn.`,
    async run(ctx) {
      const { out } = await largeRegistry(ctx);
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({ executablePath: chromiumPath() });
      const runs = ctx.quick ? 3 : 10;
      const loads = [];
      const paints = [];
      const searches = [];
      try {
        for (let i = 0; i < runs + 1; i++) {
          const page = await browser.newPage();
          await page.goto(pathToFileURL(join(out, "index.html")).href, { waitUntil: "load" });
          const timing = await page.evaluate(() => ({
            load: performance.getEntriesByType("navigation")[0].loadEventEnd,
            paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
          }));
          const search = await page.evaluate(async () => {
            const query = document.getElementById("q");
            const started = performance.now();
            query.value = "kubernetes";
            query.dispatchEvent(new Event("input", { bubbles: true }));
            // The script searches in the next animation frame; the one after it follows the paint.
            await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            if (!document.getElementById("count").textContent.includes(" of ")) throw new Error("the search did not run");
            return performance.now() - started;
          });
          await page.close();
          // The first page load warms the browser's caches: discarded, as other scenarios' warm-ups are.
          if (i === 0) continue;
          loads.push(timing.load);
          paints.push(timing.paint);
          searches.push(search);
        }
      } finally {
        await browser.close();
      }
      const load = stats(loads);
      return {
        baseline: "—",
        result: `load ${formatStats(load)}; first paint ${formatMs(stats(paints).median)}; search ${formatMs(stats(searches).median)}`,
        runs: String(runs),
        target: "load ≤ 1 s",
        met: load.median <= 1000,
        shortfall: `the index took ${formatMs(load.median)} to load, over 1 s.`,
      };
    },
  },
];
