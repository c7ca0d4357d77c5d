// The retry loop of the HTTP client against a real loopback server, with the clock injected
// (`NetworkOptions.wait`): what it retries, how long it asks to wait each time, and what it reports
// through `onRetry`. The end-to-end tests (tests/e2e/http-retries.test.ts) check the same through the CLI.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpRetry } from "./network-options.js";
import { createHttpClient } from "./http-client.js";
import { MAX_RETRY_AFTER_MS } from "./retry-policy.js";

type Answer = (response: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server that gives the n-th request the n-th answer (the last one from then on), and counts them. */
async function serve(answers: Answer[]): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  const server = createServer((_request: IncomingMessage, response: ServerResponse) => {
    const answer = answers[Math.min(count++, answers.length - 1)] as Answer;
    answer(response);
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { url: `http://127.0.0.1:${address.port}/index.json`, requests: () => count };
}

const status = (code: number, headers: Record<string, string> = {}): Answer => (response) => response.writeHead(code, headers).end();
const ok: Answer = (response) => response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
/** Headers promising ten bytes, then a cut connection. */
const reset: Answer = (response) => {
  response.writeHead(200, { "Content-Length": "10" });
  response.write("12345", () => response.socket?.destroy());
};

/** A client whose waits return at once, recording what it asked for and what it reported. */
async function clientRecording(retries?: number): Promise<{ get: (url: string) => Promise<unknown>; waits: number[]; reports: HttpRetry[] }> {
  const waits: number[] = [];
  const reports: HttpRetry[] = [];
  const http = await createHttpClient({ ...(retries === undefined ? {} : { retries }), wait: async (ms) => void waits.push(ms), onRetry: (retry) => reports.push(retry) });
  const get = async (url: string): Promise<unknown> => {
    try {
      return await http.get({ url, displayUrl: url, registry: "test", maxBytes: 1 << 20 });
    } finally {
      await http.close();
    }
  };
  return { get, waits, reports };
}

describe("the waits before retries", () => {
  it("backs off exponentially with jitter: 125-250 ms, then 250-500 ms", async () => {
    const server = await serve([status(503), status(503), ok]);
    const client = await clientRecording();
    await expect(client.get(server.url)).resolves.toMatchObject({ status: 200 });
    expect(server.requests()).toBe(3);
    expect(client.waits).toHaveLength(2);
    expect(client.waits[0]).toBeGreaterThanOrEqual(125);
    expect(client.waits[0]).toBeLessThanOrEqual(250);
    expect(client.waits[1]).toBeGreaterThanOrEqual(250);
    expect(client.waits[1]).toBeLessThanOrEqual(500);
    expect(client.reports.map(({ retry, retries, reason, delayMs }) => ({ retry, retries, reason, delayMs }))).toEqual([
      { retry: 1, retries: 3, reason: "HTTP 503", delayMs: client.waits[0] },
      { retry: 2, retries: 3, reason: "HTTP 503", delayMs: client.waits[1] },
    ]);
  });

  it("waits what Retry-After says, and reports the header", async () => {
    const server = await serve([status(429, { "Retry-After": "2" }), ok]);
    const client = await clientRecording();
    await expect(client.get(server.url)).resolves.toMatchObject({ status: 200 });
    expect(client.waits).toEqual([2000]);
    expect(client.reports).toEqual([{ url: server.url, retry: 1, retries: 3, delayMs: 2000, reason: "HTTP 429", retryAfter: "2" }]);
  });

  it("caps a Retry-After of an hour at 10 s", async () => {
    const server = await serve([status(503, { "Retry-After": "3600" }), ok]);
    const client = await clientRecording();
    await expect(client.get(server.url)).resolves.toMatchObject({ status: 200 });
    expect(client.waits).toEqual([MAX_RETRY_AFTER_MS]);
    expect(MAX_RETRY_AFTER_MS).toBe(10_000);
  });

  it("retries a connection cut mid-body, naming the transport error", async () => {
    const server = await serve([reset, ok]);
    const client = await clientRecording();
    await expect(client.get(server.url)).resolves.toMatchObject({ status: 200 });
    expect(server.requests()).toBe(2);
    expect(client.reports).toHaveLength(1);
    expect(client.reports[0]?.reason).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
  });

  it("waits before each of the allowed retries and no more, then fails", async () => {
    const server = await serve([status(500)]);
    const client = await clientRecording(2);
    await expect(client.get(server.url)).rejects.toMatchObject({ code: "E_NETWORK", message: expect.stringContaining("HTTP 500 after 2 retries") });
    expect(server.requests()).toBe(3);
    expect(client.reports.map((report) => `${report.retry}/${report.retries}`)).toEqual(["1/2", "2/2"]);
  });

  it.each([400, 404, 501])("never waits for a %i", async (code) => {
    const server = await serve([status(code), ok]);
    const client = await clientRecording();
    await client.get(server.url).catch(() => undefined);
    expect(server.requests()).toBe(1);
    expect(client.waits).toEqual([]);
  });
});
