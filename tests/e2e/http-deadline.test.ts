// Issue 12: every HTTP request has a total deadline. undici's timeouts measure silence, and a server
// that sends one byte every few hundred milliseconds is never silent for long: without a deadline it
// held a command (and the project lock) for as long as it liked.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKUMENT, useAlphaRegistry } from "../helpers/alpha-registry.js";
import { expectCliError, snapshotTree } from "../helpers/fixtures.js";
import { runWithCache } from "../helpers/http-cli.js";
import { type Handler, requestsTo, staticHandler, useServers } from "../helpers/http-fixtures.js";

const startServer = useServers();
const { registry, makeTempDir, expectInstalled } = useAlphaRegistry();

/**
 * For `path`: the headers at once (with the full Content-Length), then one byte of `body` every
 * `everyMs`. Calls `onStart` when the request arrives, so a test can look at the world meanwhile.
 */
function drip(path: string, body: Uint8Array, everyMs: number, handler: Handler, onStart: () => void = () => undefined): Handler {
  return (request, response) => {
    if ((request.url ?? "").split("?")[0] !== path) return handler(request, response);
    onStart();
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length) response.write(body.subarray(sent, ++sent));
      else response.end();
    }, everyMs);
    response.on("close", () => clearInterval(timer));
  };
}

describe("a request that never finishes in time", () => {
  it("a packument dripped a byte at a time is E_NETWORK at the deadline, and the project lock is released", async () => {
    const project = await makeTempDir();
    const packument = await readFile(join(registry.out, PACKUMENT));
    let lockHeldDuringFetch: boolean | undefined;
    // ~700 bytes at one every 100 ms would take over a minute; the deadline is one second.
    const server = await startServer(drip(PACKUMENT, packument, 100, staticHandler(registry.out), () => (lockHeldDuringFetch = existsSync(join(project, ".agentreg-lock")))));

    const result = await runWithCache(["add", "alpha", "--registry", server.url, "--fetch-deadline", "1"], { cwd: project, cache: await makeTempDir("cache"), timeoutMs: 20_000 });
    expectCliError(result, "E_NETWORK");
    expect(result.stderr.split("\n")[0]).toBe(`agentreg: E_NETWORK GET ${server.url}/agents/alpha.json: did not finish within 1 second`);
    expect(result.stderr.split("\n")[1]).toBe(`  hint: The registry ${server.url} is sending too slowly; raise --fetch-deadline or try again later.`);
    // Not retried: a server too slow once is as slow again.
    expect(requestsTo(server, PACKUMENT)).toHaveLength(1);
    expect(lockHeldDuringFetch).toBe(true);
    // The error path released the lock and wrote nothing.
    expect(await snapshotTree(project)).toEqual({});
  });

  it("a slow but timely download is not cut short", async () => {
    const project = await makeTempDir();
    const packument = await readFile(join(registry.out, PACKUMENT));
    // The whole body in a few dozen chunks, well within a 60-second deadline.
    const chunked: Handler = (request, response) => {
      if ((request.url ?? "").split("?")[0] !== PACKUMENT) return staticHandler(registry.out)(request, response);
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": packument.length });
      let sent = 0;
      const timer = setInterval(() => {
        const next = Math.min(sent + 32, packument.length);
        response.write(packument.subarray(sent, next));
        sent = next;
        if (sent === packument.length) {
          clearInterval(timer);
          response.end();
        }
      }, 5);
      response.on("close", () => clearInterval(timer));
    };
    const server = await startServer(chunked);
    const result = await runWithCache(["add", "alpha", "--registry", server.url, "--fetch-deadline", "60"], { cwd: project, cache: await makeTempDir("cache") });
    expect(result.code).toBe(0);
    await expectInstalled(project);
  });

  it("--fetch-deadline 0 is a usage error", async () => {
    const project = await makeTempDir();
    const result = await runWithCache(["add", "alpha", "--registry", "http://127.0.0.1:9", "--fetch-deadline", "0"], { cwd: project, cache: await makeTempDir("cache") });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--fetch-deadline/);
    expect(await snapshotTree(project)).toEqual({});
  });
});
