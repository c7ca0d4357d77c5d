// Loopback HTTP servers for the end-to-end tests of HTTP registries: a static server for a built
// registry and small handler wrappers that inject one fault each (a 503, a reset, a hang, a redirect,
// an oversized body). Every server listens on 127.0.0.1 port 0 and records what it saw, so tests can
// assert the requests a command made.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { afterAll, afterEach } from "vitest";

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface SeenRequest {
  method: string;
  /** The request target as sent: a path, or an absolute URL when it came through a proxy. */
  url: string;
  /** `url` without its query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Arrival time (performance.now() of the test process), to measure gaps between retries. */
  at: number;
  /** The status the server answered; undefined while the answer is unfinished or was cut off. */
  status?: number;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`: what a registry url or `--registry` takes. */
  url: string;
  origin: string;
  requests: SeenRequest[];
  /** Idempotent: stops listening and drops every open connection (hung requests included). */
  close(): Promise<void>;
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? "/").split("?")[0] ?? "/";
}

/** The requests a server saw for one path (query strings ignored). */
export function requestsTo(server: TestServer, path: string): SeenRequest[] {
  return server.requests.filter((request) => request.path === path);
}

export async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the test server has no port");
  return `http://127.0.0.1:${address.port}`;
}

export function closer(server: Server): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
}

/** Registers `cleanup`s to run after each test (`"test"`) or after the whole file (`"file"`, for beforeAll). */
export function useCleanups(scope: "test" | "file"): (cleanup: () => Promise<void>) => void {
  const cleanups: Array<() => Promise<void>> = [];
  (scope === "test" ? afterEach : afterAll)(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return (cleanup) => cleanups.push(cleanup);
}

/**
 * Loopback servers, closed after each test (or after the file). The handler sees every request after
 * it has been recorded; a handler that throws answers 500.
 *
 * @example
 * const startServer = useServers();
 * const server = await startServer(failTimes(2, 503, staticHandler(registry.out)));
 */
export function useServers(scope: "test" | "file" = "test"): (handler: Handler) => Promise<TestServer> {
  const register = useCleanups(scope);
  return async (handler) => {
    const requests: SeenRequest[] = [];
    const server = createServer((request, response) => {
      const seen: SeenRequest = { method: request.method ?? "", url: request.url ?? "", path: pathOf(request), headers: request.headers, at: performance.now() };
      requests.push(seen);
      response.on("finish", () => (seen.status = response.statusCode));
      response.on("error", () => undefined);
      Promise.resolve(handler(request, response)).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    const url = await listen(server);
    const close = closer(server);
    register(close);
    return { url, origin: url, requests, close };
  };
}

const CONTENT_TYPES: Record<string, string> = { ".json": "application/json", ".tgz": "application/gzip" };

/** The bytes a static registry serves for a request path, or undefined (never outside `dir`). */
async function registryFile(dir: string, path: string): Promise<Buffer | undefined> {
  const segments = path.split("/").slice(1).map(decodeURIComponent);
  if (segments.some((segment) => segment === "" || segment === "." || segment === ".." || segment.includes("\\"))) return undefined;
  return readFile(join(dir, ...segments)).catch(() => undefined);
}

/**
 * Serves a built registry's files as a CDN would: `ETag` (sha256 of the bytes) and 304 for a
 * matching `If-None-Match`. Files are read per request, so a test may change them between runs.
 */
export function staticHandler(dir: string): Handler {
  return async (request, response) => {
    const bytes = request.method === "GET" ? await registryFile(dir, pathOf(request)) : undefined;
    if (bytes === undefined) {
      response.writeHead(request.method === "GET" ? 404 : 405).end();
      return;
    }
    const etag = `"${createHash("sha256").update(bytes).digest("hex")}"`;
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, { ETag: etag }).end();
      return;
    }
    response.writeHead(200, { ETag: etag, "Content-Type": CONTENT_TYPES[extname(pathOf(request))] ?? "application/octet-stream", "Content-Length": bytes.length });
    response.end(bytes);
  };
}

/** Answers `status` (with `headers`) to the first `times` requests for `path` (any path when omitted). */
export function failTimes(times: number, status: number, handler: Handler, options: { path?: string; headers?: Record<string, string> } = {}): Handler {
  let failed = 0;
  return (request, response) => {
    if (failed >= times || (options.path !== undefined && pathOf(request) !== options.path)) return handler(request, response);
    failed++;
    response.writeHead(status, options.headers).end(`fault ${status}\n`);
  };
}

/** Answers `status` to every request for `path`. */
export function failPath(path: string, status: number, handler: Handler): Handler {
  return failTimes(Number.POSITIVE_INFINITY, status, handler, { path });
}

/**
 * For the first `times` requests for `path`: sends the headers (with the full Content-Length of
 * `body`) and half of `body`, then destroys the socket, as a crashing server or a dropped link does.
 */
export function resetMidBody(path: string, body: Uint8Array, handler: Handler, times = Number.POSITIVE_INFINITY): Handler {
  let reset = 0;
  return (request, response) => {
    if (reset >= times || pathOf(request) !== path) return handler(request, response);
    reset++;
    response.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": body.length });
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => request.socket.destroy());
  };
}

/** Never answers requests for `path` (every request when omitted); `close()` drops them. */
export function hang(handler?: Handler, path?: string): Handler {
  return (request, response) => {
    if (handler !== undefined && path !== undefined && pathOf(request) !== path) return handler(request, response);
  };
}

/** Answers 401 unless the request carries `Authorization: Bearer <token>`. */
export function requireToken(token: string, handler: Handler): Handler {
  return (request, response) => {
    if (request.headers.authorization === `Bearer ${token}`) return handler(request, response);
    response.writeHead(401, { "WWW-Authenticate": 'Bearer realm="agentreg"' }).end("unauthorized\n");
  };
}

/** Redirects every request to the same path on `origin` (another server: a CDN, an object store). */
export function redirectTo(origin: string, status = 302): Handler {
  return (request, response) => {
    response.writeHead(status, { Location: `${origin}${request.url ?? "/"}` }).end();
  };
}

/** Redirects every request to itself with a new query string: a loop that never ends. */
export function redirectForever(): Handler {
  let hop = 0;
  return (request, response) => {
    response.writeHead(302, { Location: `${pathOf(request)}?hop=${++hop}` }).end();
  };
}

/** Answers `body` with `status` for `path`; other paths go to `handler`. */
export function serveBody(path: string, body: string | Uint8Array, handler: Handler, status = 200): Handler {
  return (request, response) => {
    if (pathOf(request) !== path) return handler(request, response);
    response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }).end(body);
  };
}

/**
 * Streams `prefix` and then spaces up to `bytes` in total for `path`, chunked (no Content-Length,
 * so the client must count). With a valid JSON `prefix` the body is still valid JSON: only a size cap
 * can refuse it.
 */
export function oversize(path: string, bytes: number, handler: Handler, prefix: Uint8Array = new Uint8Array()): Handler {
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  return (request, response) => {
    if (pathOf(request) !== path) return handler(request, response);
    response.writeHead(200, { "Content-Type": "application/json" });
    let sent = 0;
    let open = true;
    response.on("close", () => {
      open = false;
    });
    const pump = (): void => {
      if (sent === 0 && prefix.length > 0) {
        sent = prefix.length;
        response.write(prefix);
      }
      while (open && sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!response.write(piece)) {
          response.once("drain", pump);
          return;
        }
      }
      if (open) response.end();
    };
    pump();
  };
}

/** Delays every answer by `ms`: lets concurrent requests pile up so a limit on them shows. */
export function delay(ms: number, handler: Handler): Handler {
  return (request, response) =>
    new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => handler(request, response));
}

/** Counts requests in flight (received, response not yet finished) and the most seen at once. */
export function trackInFlight(handler: Handler): { handler: Handler; inFlight: { now: number; max: number } } {
  const inFlight = { now: 0, max: 0 };
  return {
    inFlight,
    handler: (request, response) => {
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      response.on("close", () => inFlight.now--);
      return handler(request, response);
    },
  };
}
