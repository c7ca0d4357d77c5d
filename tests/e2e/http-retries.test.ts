// Which HTTP failures agentreg retries (408, 429, 5xx, resets, timeouts: issue 4), how it waits
// (backoff, Retry-After), and which it never retries (other 4xx), each against a loopback server
// that counts the requests. A failure writes nothing: no agent file, no lock, no cached tarball.
//
// The waits themselves are read, not spent: most tests run the test build with
// AGENTREG_TEST_NO_RETRY_WAIT=1 (the client's clock returns at once) and check, in the `--verbose`
// report of each retry, the wait the policy asked for. One test keeps the real clock and measures
// that the reported wait is the one that happens (issue 14: no wall-clock sleeps in the suite).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliError, type ProcessResult, runTestBuildCli, snapshotTree } from "../helpers/fixtures.js";
import { PACKUMENT, TARBALL, useAlphaRegistry } from "../helpers/alpha-registry.js";
import { listCache, runWithCache, writeProjectConfig } from "../helpers/http-cli.js";
import { failPath, failTimes, hang, requestsTo, requireToken, resetMidBody, staticHandler, useServers } from "../helpers/http-fixtures.js";

const startServer = useServers();

const { registry, makeTempDir, addAlpha, expectInstalled } = useAlphaRegistry();

/** `add alpha --registry <url>` by the test build, whose waits before a retry return at once. */
async function addAlphaWithoutWaiting(url: string, flags: string[] = []): Promise<{ project: string; cache: string; result: ProcessResult }> {
  const project = await makeTempDir();
  const cache = await makeTempDir("cache");
  const result = await runTestBuildCli(["add", "alpha", "--registry", url, ...flags], { cwd: project, env: { AGENTREG_CACHE: cache, AGENTREG_TEST_NO_RETRY_WAIT: "1" } });
  return { project, cache, result };
}

interface ReportedRetry {
  retry: number;
  of: number;
  waitMs: number;
  url: string;
  failure: string;
}

/** The `retry <n> of <m> in <ms> ms: GET <url> <failure>` lines of `--verbose`; throws on any other stderr line. */
function reportedRetries(stderr: string): ReportedRetry[] {
  return stderr
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const match = /^retry (\d+) of (\d+) in (\d+) ms: GET (\S+) (.+)$/.exec(line);
      if (!match) throw new Error(`not a retry report: ${line}`);
      return { retry: Number(match[1]), of: Number(match[2]), waitMs: Number(match[3]), url: match[4] ?? "", failure: match[5] ?? "" };
    });
}

/** The first retry's backoff: half to all of 250 ms ("equal jitter"), rounded for the report. */
function expectFirstBackoff(waitMs: number | undefined): void {
  expect(waitMs).toBeGreaterThanOrEqual(125);
  expect(waitMs).toBeLessThanOrEqual(250);
}

describe("retried faults succeed", () => {
  it("503 twice then 200: three requests for the packument, backing off 125-250 ms then 250-500 ms, then the install", async () => {
    const server = await startServer(failTimes(2, 503, staticHandler(registry.out), { path: PACKUMENT }));
    const { project, result } = await addAlphaWithoutWaiting(server.url, ["--verbose"]);
    expect(result.code).toBe(0);
    await expectInstalled(project);
    expect(requestsTo(server, PACKUMENT).map((r) => r.status)).toEqual([503, 503, 200]);
    const [first, second, ...rest] = reportedRetries(result.stderr);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ retry: 1, of: 3, url: `${server.url}${PACKUMENT}`, failure: "answered HTTP 503" });
    expectFirstBackoff(first?.waitMs);
    expect(second).toMatchObject({ retry: 2, of: 3, url: `${server.url}${PACKUMENT}`, failure: "answered HTTP 503" });
    expect(second?.waitMs).toBeGreaterThanOrEqual(250);
    expect(second?.waitMs).toBeLessThanOrEqual(500);
  });

  it("429 with Retry-After: 1 waits about a second before the retry (the real clock)", async () => {
    const server = await startServer(failTimes(1, 429, staticHandler(registry.out), { path: PACKUMENT, headers: { "Retry-After": "1" } }));
    const { project, result } = await addAlpha(server.url, ["--verbose"]);
    expect(result.code).toBe(0);
    await expectInstalled(project);
    expect(reportedRetries(result.stderr)).toEqual([{ retry: 1, of: 3, waitMs: 1000, url: `${server.url}${PACKUMENT}`, failure: "answered HTTP 429 with Retry-After: 1" }]);
    const [first, second, ...rest] = requestsTo(server, PACKUMENT);
    expect(rest).toEqual([]);
    // Measured where the requests arrive: the reported wait is the one that happens (without the
    // header the backoff would be 125-250 ms).
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it("a connection reset in the middle of the tarball is retried", async () => {
    const tarball = await readFile(join(registry.out, TARBALL));
    const server = await startServer(resetMidBody(TARBALL, tarball, staticHandler(registry.out), 1));
    const { project, result } = await addAlphaWithoutWaiting(server.url, ["--verbose"]);
    expect(result.code).toBe(0);
    await expectInstalled(project);
    expect(requestsTo(server, TARBALL)).toHaveLength(2);
    const [retry, ...rest] = reportedRetries(result.stderr);
    expect(rest).toEqual([]);
    expect(retry).toMatchObject({ retry: 1, of: 3, url: `${server.url}${TARBALL}` });
    expect(retry?.failure).toMatch(/^failed \((ECONNRESET|UND_ERR_SOCKET)\)$/);
    expectFirstBackoff(retry?.waitMs);
  });

  it.each([408, 500, 502, 503, 504])("a %i is retried", async (status) => {
    const server = await startServer(failTimes(1, status, staticHandler(registry.out), { path: PACKUMENT }));
    const { project, result } = await addAlphaWithoutWaiting(server.url, ["--verbose"]);
    expect(result.code).toBe(0);
    await expectInstalled(project);
    expect(requestsTo(server, PACKUMENT).map((r) => r.status)).toEqual([status, 200]);
    const [retry, ...rest] = reportedRetries(result.stderr);
    expect(rest).toEqual([]);
    expect(retry).toMatchObject({ retry: 1, of: 3, url: `${server.url}${PACKUMENT}`, failure: `answered HTTP ${status}` });
    expectFirstBackoff(retry?.waitMs);
  });

  it("a Retry-After of an hour is capped (at 10 s) instead of stalling the install", async () => {
    const server = await startServer(failTimes(1, 503, staticHandler(registry.out), { path: PACKUMENT, headers: { "Retry-After": "3600" } }));
    const { project, result } = await addAlphaWithoutWaiting(server.url, ["--verbose"]);
    expect(result.code).toBe(0);
    await expectInstalled(project);
    expect(requestsTo(server, PACKUMENT).map((r) => r.status)).toEqual([503, 200]);
    // It honours the header up to the cap, rather than ignoring it (125-250 ms) or waiting the hour.
    expect(reportedRetries(result.stderr)).toEqual([{ retry: 1, of: 3, waitMs: 10_000, url: `${server.url}${PACKUMENT}`, failure: "answered HTTP 503 with Retry-After: 3600" }]);
  });
});

describe("faults that outlast the retries fail with E_NETWORK and write nothing", () => {
  it("a reset every time", async () => {
    const tarball = await readFile(join(registry.out, TARBALL));
    const server = await startServer(resetMidBody(TARBALL, tarball, staticHandler(registry.out)));
    const { project, cache, result } = await addAlphaWithoutWaiting(server.url);
    expectCliError(result, "E_NETWORK");
    expect(result.stderr).toContain(`${server.url}${TARBALL}`);
    expect(requestsTo(server, TARBALL)).toHaveLength(4);
    expect(await snapshotTree(project)).toEqual({});
    expect((await listCache(cache, project)).tarballs).toEqual([]);
  });

  it("a hung server times out after --fetch-timeout, once per attempt", async () => {
    const server = await startServer(hang());
    const { project, result } = await addAlphaWithoutWaiting(server.url, ["--fetch-timeout", "300", "--fetch-retries", "1"]);
    expectCliError(result, "E_NETWORK");
    expect(result.stderr).toContain(`${server.url}${PACKUMENT}`);
    expect(result.stderr).toContain("timed out");
    expect(requestsTo(server, PACKUMENT)).toHaveLength(2);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("a 500 on the tarball: no agent file, no lock, no cached tarball", async () => {
    const server = await startServer(failPath(TARBALL, 500, staticHandler(registry.out)));
    const { project, cache, result } = await addAlphaWithoutWaiting(server.url);
    expectCliError(result, "E_NETWORK");
    expect(result.stderr).toContain("HTTP 500");
    expect(requestsTo(server, TARBALL)).toHaveLength(4);
    expect(await snapshotTree(project)).toEqual({});
    expect((await listCache(cache, project)).tarballs).toEqual([]);
  });

  it("with --fetch-retries 0 a single 503 is final", async () => {
    const server = await startServer(failTimes(1, 503, staticHandler(registry.out), { path: PACKUMENT }));
    const { project, result } = await addAlpha(server.url, ["--fetch-retries", "0"]);
    expectCliError(result, "E_NETWORK");
    expect(result.stderr).toContain("HTTP 503");
    expect(requestsTo(server, PACKUMENT)).toHaveLength(1);
    expect(await snapshotTree(project)).toEqual({});
  });
});

describe("faults that are never retried", () => {
  it.each([401, 403])("%i with a wrong token is E_AUTH naming the registry and the variable, after one request", async (status) => {
    const server = await startServer(status === 401 ? requireToken("right-token", staticHandler(registry.out)) : failTimes(Number.POSITIVE_INFINITY, 403, staticHandler(registry.out)));
    const project = await makeTempDir();
    const config = await writeProjectConfig(project, { registries: { probe: { url: server.url, headers: { Authorization: "Bearer ${AGENTREG_PROBE_TOKEN}" } } } });

    const result = await runWithCache(["add", "@probe/alpha"], { cwd: project, cache: await makeTempDir("cache"), env: { AGENTREG_PROBE_TOKEN: "wrong-token" } });
    expectCliError(result, "E_AUTH");
    expect(result.stderr).toMatch(new RegExp(`^agentreg: E_AUTH .*registry probe .*HTTP ${status}`));
    expect(result.stderr).toContain("AGENTREG_PROBE_TOKEN");
    expect(result.stderr).not.toContain("wrong-token");
    expect(server.requests).toHaveLength(1);
    expect(await snapshotTree(project)).toEqual({ "agentreg.json": config });
  });

  it.each([400, 405, 422])("a %i is E_REGISTRY after one request", async (status) => {
    const server = await startServer(failTimes(Number.POSITIVE_INFINITY, status, staticHandler(registry.out), { path: PACKUMENT }));
    const { project, result } = await addAlpha(server.url);
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain(`HTTP ${status}`);
    expect(requestsTo(server, PACKUMENT)).toHaveLength(1);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("404 on the packument is E_NOT_FOUND", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const result = await runWithCache(["add", "ghost", "--registry", server.url], { cwd: project, cache: await makeTempDir("cache") });
    expectCliError(result, "E_NOT_FOUND");
    expect(result.stderr).toContain("no agent named ghost");
    expect(requestsTo(server, "/agents/ghost.json")).toHaveLength(1);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("a refused connection (nothing listening) is E_NETWORK naming the URL", async () => {
    const server = await startServer(staticHandler(registry.out));
    await server.close();
    const { project, result } = await addAlpha(server.url);
    expectCliError(result, "E_NETWORK");
    expect(result.stderr).toContain(`${server.url}${PACKUMENT}`);
    expect(await snapshotTree(project)).toEqual({});
  });
});
