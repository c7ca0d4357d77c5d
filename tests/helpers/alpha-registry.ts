// The one-agent HTTP scenario several suites share: a built registry holding alpha@1.0.0, and the
// checks that `add alpha` from it did (or did not) install it. Call at file scope: it registers hooks.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { agentText, type ProcessResult, readJson, useRegistry, useTempDirs } from "./fixtures.js";
import { runWithCache } from "./http-cli.js";

export const ALPHA = agentText({ name: "alpha", description: "Alpha agent" });
export const PACKUMENT = "/agents/alpha.json";
export const TARBALL = "/tarballs/alpha/alpha-1.0.0.tgz";

export function useAlphaRegistry(): {
  registry: { source: string; out: string };
  makeTempDir: (label?: string) => Promise<string>;
  /** `add alpha --registry <url>` in a new project with a new cache (or the given one). */
  addAlpha(url: string, flags?: string[], cache?: string): Promise<{ project: string; cache: string; result: ProcessResult }>;
  expectInstalled(project: string, key?: string): Promise<void>;
} {
  const makeTempDir = useTempDirs();
  const registry = useRegistry([{ name: "alpha", version: "1.0.0", text: ALPHA }]);
  return {
    registry,
    makeTempDir,
    async addAlpha(url, flags = [], cache) {
      const project = await makeTempDir();
      const cacheDir = cache ?? (await makeTempDir("cache"));
      const result = await runWithCache(["add", "alpha", "--registry", url, ...flags], { cwd: project, cache: cacheDir });
      return { project, cache: cacheDir, result };
    },
    async expectInstalled(project, key = "alpha") {
      expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
      expect((await readJson(join(project, "agentreg.lock"))).agents[key].version).toBe("1.0.0");
    },
  };
}
