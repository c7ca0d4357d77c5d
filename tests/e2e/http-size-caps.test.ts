// Size caps on every HTTP response (issue 4): 8 MiB for packuments and tarballs, 64 MiB for
// index.json. The oversized bodies are real documents padded with whitespace, so they are still valid
// JSON: only the cap can refuse them, and a body at the cap must still be accepted.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, expectCliError, snapshotTree, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { listCache, runWithCache } from "../helpers/http-cli.js";
import { oversize, requestsTo, serveBody, staticHandler, useServers } from "../helpers/http-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();

const MIB = 1024 * 1024;
const ALPHA = agentText({ name: "alpha", description: "Alpha agent" });
const registry = useRegistry([{ name: "alpha", version: "1.0.0", text: ALPHA }]);
const PACKUMENT = "/agents/alpha.json";
const TARBALL = "/tarballs/alpha/alpha-1.0.0.tgz";

/** The packument padded with trailing spaces to exactly `bytes`. */
async function paddedPackument(bytes: number): Promise<Buffer> {
  const packument = await readFile(join(registry.out, PACKUMENT));
  return Buffer.concat([packument, Buffer.alloc(bytes - packument.length, 0x20)]);
}

async function run(args: string[], url: string) {
  const project = await makeTempDir();
  const cache = await makeTempDir("cache");
  const result = await runWithCache([...args, "--registry", url], { cwd: project, cache });
  return { project, cache, result };
}

describe("packuments", () => {
  it("a packument of exactly 8 MiB is accepted", async () => {
    const server = await startServer(oversize(PACKUMENT, 8 * MIB, staticHandler(registry.out), await readFile(join(registry.out, PACKUMENT))));
    const { project, result } = await run(["add", "alpha"], server.url);
    expect(result.code).toBe(0);
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
  });

  it.each([
    { how: "streamed without a Content-Length", handler: async () => oversize(PACKUMENT, 8 * MIB + 1, staticHandler(registry.out), await readFile(join(registry.out, PACKUMENT))) },
    { how: "with a Content-Length over the cap", handler: async () => serveBody(PACKUMENT, await paddedPackument(8 * MIB + 1), staticHandler(registry.out)) },
  ])("a packument one byte over 8 MiB, $how, is E_REGISTRY and nothing is written", async ({ handler }) => {
    const server = await startServer(await handler());
    const { project, cache, result } = await run(["add", "alpha"], server.url);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain(`${server.url}${PACKUMENT} sent more than ${8 * MIB} bytes`);
    expect(requestsTo(server, TARBALL)).toEqual([]);
    expect(await snapshotTree(project)).toEqual({});
    expect(await listCache(cache, project)).toMatchObject({ documents: [], tarballs: [] });
  });
});

describe("tarballs", () => {
  it("a tarball over 8 MiB is E_REGISTRY and is not cached", async () => {
    const server = await startServer(oversize(TARBALL, 8 * MIB + 1, staticHandler(registry.out)));
    const { project, cache, result } = await run(["add", "alpha"], server.url);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain(`${server.url}${TARBALL} sent more than ${8 * MIB} bytes`);
    expect(await snapshotTree(project)).toEqual({});
    expect((await listCache(cache, project)).tarballs).toEqual([]);
  });
});

describe("index.json", () => {
  const indexBytes = async () => readFile(join(registry.out, "index.json"));

  it("an index larger than a packument may be (9 MiB) is accepted by search", async () => {
    const server = await startServer(oversize("/index.json", 9 * MIB, staticHandler(registry.out), await indexBytes()));
    const { project, result } = await run(["search", "alpha", "--json"], server.url);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { results: Array<{ name: string }> }).results.map((r) => r.name)).toEqual(["alpha"]);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("an index over 64 MiB is E_REGISTRY", async () => {
    const server = await startServer(oversize("/index.json", 64 * MIB + 1, staticHandler(registry.out), await indexBytes()));
    const { project, cache, result } = await run(["search", "alpha"], server.url);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain(`${server.url}/index.json sent more than ${64 * MIB} bytes`);
    expect(await snapshotTree(project)).toEqual({});
    expect((await listCache(cache, project)).documents).toEqual([]);
  });
});
