// The rest of issue 4's fault list against real loopback servers: redirects and credentials,
// documents that are not the protocol, tarballs that do not match, and a failure that must end the
// command. A failure writes nothing: no agent file, no lock entry, no temp file, no cache entry.
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliError, flipByte, readJson, snapshotTree } from "../helpers/fixtures.js";
import { PACKUMENT, TARBALL, useAlphaRegistry } from "../helpers/alpha-registry.js";
import { listCache, runWithCache, writeProjectConfig } from "../helpers/http-cli.js";
import { hang, redirectForever, redirectTo, requireToken, serveBody, staticHandler, useServers } from "../helpers/http-fixtures.js";

const startServer = useServers();

const { registry, makeTempDir, addAlpha, expectInstalled } = useAlphaRegistry();



describe("redirects", () => {
  it("to another origin are followed, and the Authorization header stays with the first origin", async () => {
    const cdn = await startServer(staticHandler(registry.out));
    const server = await startServer(requireToken("t0k3n", redirectTo(cdn.origin)));
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { probe: { url: server.url, headers: { Authorization: "Bearer ${AGENTREG_PROBE_TOKEN}" } } } });

    const result = await runWithCache(["add", "@probe/alpha"], { cwd: project, cache: await makeTempDir("cache"), env: { AGENTREG_PROBE_TOKEN: "t0k3n" } });
    expect(result.code).toBe(0);
    await expectInstalled(project, "@probe/alpha");
    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual(expect.arrayContaining([[PACKUMENT, "Bearer t0k3n"], [TARBALL, "Bearer t0k3n"]]));
    expect(cdn.requests.map((r) => r.path).sort()).toEqual([PACKUMENT, TARBALL]);
    expect(cdn.requests.map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
    expect((await readJson(join(project, "agentreg.lock"))).agents["@probe/alpha"].resolved).toBe(`${server.url}${TARBALL}`);
  });

  it("more than 5 are refused", async () => {
    const server = await startServer(redirectForever());
    const { project, result } = await addAlpha(server.url);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_(NETWORK|REGISTRY) .*more than 5 redirects/);
    expect(server.requests).toHaveLength(6);
    expect(await snapshotTree(project)).toEqual({});
  });
});

describe("broken documents are E_REGISTRY naming the URL", () => {
  it.each([
    { what: "not JSON", body: "<html>503 Service Unavailable</html>", says: "is not valid JSON" },
    { what: "not a packument", body: JSON.stringify({ name: "alpha", versions: "many" }), says: "does not follow the registry protocol" },
  ])("a packument that is $what", async ({ body, says }) => {
    const server = await startServer(serveBody(PACKUMENT, body, staticHandler(registry.out)));
    const { project, cache, result } = await addAlpha(server.url);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr.split("\n")[0]).toContain(`${server.url}${PACKUMENT} ${says}`);
    expect(await snapshotTree(project)).toEqual({});
    // A document that failed its checks must not be served from the cache later (--offline, --prefer-offline).
    expect(await listCache(cache, project)).toMatchObject({ documents: [], tarballs: [] });
  });
});

describe("tarballs that do not match", () => {
  it("a tarball whose bytes differ from the packument's integrity is E_INTEGRITY and is not cached", async () => {
    const out = join(await makeTempDir("registry"), "out");
    await cp(registry.out, out, { recursive: true });
    await flipByte(join(out, TARBALL));
    const server = await startServer(staticHandler(out));

    const { project, cache, result } = await addAlpha(server.url);
    expectCliError(result, "E_INTEGRITY");
    expect(await snapshotTree(project)).toEqual({});
    expect((await listCache(cache, project)).tarballs).toEqual([]);
  });
});

describe("one failure ends the command", () => {
  it("an agent that is not found does not wait for another registry's hung request", async () => {
    const slow = await startServer(hang());
    const acme = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const config = await writeProjectConfig(project, {
      registries: { slow: { url: slow.url }, acme: { url: acme.url } },
      agents: { "@slow/alpha": "^1.0.0", "@acme/ghost": "^1.0.0" },
    });

    // With a 10-minute fetch timeout, waiting for the hung request would outlast this run's 10 s limit.
    const result = await runWithCache(["install", "--fetch-timeout", "600000"], { cwd: project, cache: await makeTempDir("cache"), timeoutMs: 10_000 });
    expectCliError(result, "E_NOT_FOUND");
    expect(slow.requests.map((r) => r.path)).toEqual([PACKUMENT]);
    expect(await snapshotTree(project)).toEqual({ "agentreg.json": config });
  });
});
