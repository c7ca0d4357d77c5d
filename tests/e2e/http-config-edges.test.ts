// Registry settings at the edges: secrets with line breaks, a cache folder that cannot be used, and
// installs that need no registry at all.
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, expectCliError, snapshotTree, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { runWithCache, writeProjectConfig } from "../helpers/http-cli.js";
import { staticHandler, useServers } from "../helpers/http-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();
const registry = useRegistry([{ name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Alpha agent" }) }]);

describe("registry settings at the edges", () => {
  it("a token with a line break is E_CONFIG naming the variable, before any request", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    await writeProjectConfig(project, {
      registries: { probe: { url: server.url, headers: { Authorization: "Bearer ${AGENTREG_PROBE_TOKEN}" } } },
      agents: { "@probe/alpha": "^1.0.0" },
    });
    const before = await snapshotTree(project);
    const result = await runWithCache(["install"], { cwd: project, cache: await makeTempDir("cache"), env: { AGENTREG_PROBE_TOKEN: "secret\nInjected: yes" } });
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).toContain("AGENTREG_PROBE_TOKEN");
    expect(result.stderr).not.toContain("secret");
    expect(server.requests).toHaveLength(0);
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("an unusable cache folder (a file) costs caching, not the install", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const cacheFile = join(await makeTempDir("cache-parent"), "not-a-folder");
    await writeFile(cacheFile, "x");
    const result = await runWithCache(["add", "alpha", "--registry", server.url], { cwd: project, cache: cacheFile });
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(await snapshotTree(project))).toContain(".claude/agents/alpha.md");
  });

  it("install --frozen with every file already in place needs no registry, not even its token", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const cache = await makeTempDir("cache");
    await writeProjectConfig(project, {
      registries: { probe: { url: server.url, headers: { Authorization: "Bearer ${AGENTREG_PROBE_TOKEN}" } } },
      agents: { "@probe/alpha": "^1.0.0" },
    });
    expect((await runWithCache(["install"], { cwd: project, cache, env: { AGENTREG_PROBE_TOKEN: "t" } })).code).toBe(0);
    const seen = server.requests.length;
    const result = await runWithCache(["install", "--frozen"], { cwd: project, cache, env: { AGENTREG_PROBE_TOKEN: undefined } });
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(seen);

    // With the file gone the tarball must be fetched, and then the missing token is an error.
    await rm(join(project, ".claude"), { recursive: true });
    expectCliError(await runWithCache(["install", "--frozen"], { cwd: project, cache: await makeTempDir("cold"), env: { AGENTREG_PROBE_TOKEN: undefined } }), "E_CONFIG");
    expect(server.requests).toHaveLength(seen);
  });
});
