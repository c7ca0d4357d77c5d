import type { Dispatcher } from "undici";
import { AgentregError, ErrorCode } from "../../errors.js";
import { DEFAULT_CONCURRENCY, DEFAULT_DEADLINE_MS, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, type NetworkOptions } from "./network-options.js";
import { errorCodeOf, isOfflineError, isRetryableError, isRetryableStatus, retryDelayMs } from "./retry-policy.js";

export interface HttpGetOptions {
  /** The URL to fetch, with `${VAR}`s already expanded. */
  url: string;
  /** The same URL as the user wrote it (unexpanded), for messages: secrets never reach a log. */
  displayUrl: string;
  /** Registry name, for messages. */
  registry: string;
  /** Credentials and other configured headers: sent only to `credentialOrigin`. */
  headers?: Record<string, string> | undefined;
  credentialOrigin?: string | undefined;
  /** Names of the variables the headers came from, for the `E_AUTH` hint. */
  headerVariables?: string[] | undefined;
  /** A larger body is refused: a hostile server must not be able to exhaust memory. */
  maxBytes: number;
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export interface HttpResponse {
  /** 304: the cached copy named by `etag`/`lastModified` is current; 404: no such document. */
  status: 200 | 304 | 404;
  body: Uint8Array;
  etag: string | undefined;
  lastModified: string | undefined;
  /** Seconds the server says the document stays fresh (`Cache-Control: max-age`), on 200 and 304. */
  maxAge?: number | undefined;
}

export interface HttpClient {
  get(options: HttpGetOptions): Promise<HttpResponse>;
  close(): Promise<void>;
}

const MAX_REDIRECTS = 5;

/**
 * The one HTTP module: a keep-alive pool per origin (undici), bounded concurrency, timeouts and a
 * total deadline per request, retries with backoff and `Retry-After`, manual redirects (credentials
 * dropped across origins, no https→http downgrade), size caps, and the mapping of HTTP statuses to
 * error codes.
 *
 * @example
 * const http = await createHttpClient({ timeoutMs: 10_000 });
 * const res = await http.get({ url, displayUrl: url, registry: "acme", maxBytes: 1 << 20 });
 */
export async function createHttpClient(options: NetworkOptions = {}): Promise<HttpClient> {
  const undici = await import("undici");
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const common = { connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout, keepAliveTimeout: 4_000 };
  const proxy = options.proxy;
  // Proxy settings are passed explicitly (empty = none) so undici never falls back to process.env.
  const dispatcher: Dispatcher =
    proxy?.httpProxy || proxy?.httpsProxy
      ? new undici.EnvHttpProxyAgent({ ...common, httpProxy: proxy.httpProxy ?? "", httpsProxy: proxy.httpsProxy ?? "", noProxy: proxy.noProxy ?? "" })
      : new undici.Agent(common);
  const slots = createSemaphore(options.concurrency ?? DEFAULT_CONCURRENCY);
  const wait = options.wait ?? sleep;
  // Says what is retried and why, then waits as long as the policy (retry-policy.ts) asks.
  const waitToRetry = (request: HttpGetOptions, attempt: number, reason: string, retryAfter?: string): Promise<void> => {
    const delayMs = retryDelayMs(attempt, retryAfter);
    options.onRetry?.({ url: request.displayUrl, retry: attempt + 1, retries, delayMs, reason, ...(retryAfter === undefined ? {} : { retryAfter }) });
    return wait(delayMs);
  };

  type Outcome = { status: number; location?: string; retryAfter?: string; maxAge?: number; response?: HttpResponse };
  // undici's timeouts measure silence; a server that drips a byte a second never trips them. The
  // deadline bounds one attempt from its slot to its last byte, and aborting it ends the body stream.
  const once = async (request: HttpGetOptions, url: URL): Promise<Outcome> => {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    try {
      return await send(request, url, deadline.signal);
    } catch (error) {
      if (deadline.signal.aborted) throw deadlineError(request, deadlineMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  const send = async (request: HttpGetOptions, url: URL, signal: AbortSignal): Promise<Outcome> => {
    const sendCredentials = request.credentialOrigin !== undefined && url.origin === request.credentialOrigin;
    const headers: Record<string, string> = {
      "user-agent": "agentreg",
      accept: "application/json, application/octet-stream;q=0.9, */*;q=0.1",
      ...(sendCredentials ? request.headers : {}),
      ...(request.etag ? { "if-none-match": request.etag } : {}),
      ...(request.lastModified ? { "if-modified-since": request.lastModified } : {}),
    };
    // The dispatcher's own request(): the bundled CLI carries only undici's dispatchers and this API.
    const res = await dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: "GET", headers, signal });
    const header = (name: string): string | undefined => {
      const value = res.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (res.statusCode !== 200) {
      // Draining only frees the connection for reuse; a body that fails to drain changes no answer.
      await res.body.dump().catch(() => undefined);
      const location = header("location");
      const retryAfter = header("retry-after");
      const maxAge = maxAgeOf(header("cache-control"));
      return { status: res.statusCode, ...(location ? { location } : {}), ...(retryAfter ? { retryAfter } : {}), ...(maxAge === undefined ? {} : { maxAge }) };
    }
    const declared = Number(header("content-length"));
    if (Number.isFinite(declared) && declared > request.maxBytes) {
      res.body.destroy();
      throw tooLarge(request);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > request.maxBytes) {
        res.body.destroy();
        throw tooLarge(request);
      }
      chunks.push(chunk);
    }
    const body = new Uint8Array(Buffer.concat(chunks));
    return { status: 200, response: { status: 200, body, etag: header("etag"), lastModified: header("last-modified"), maxAge: maxAgeOf(header("cache-control")) } };
  };

  const get = async (request: HttpGetOptions): Promise<HttpResponse> => {
    let url = new URL(request.url);
    let redirects = 0;
    for (let attempt = 0; ; attempt++) {
      let outcome: Outcome;
      try {
        outcome = await slots.run(() => once(request, url));
      } catch (error) {
        if (error instanceof AgentregError) throw error;
        if (isRetryableError(error) && attempt < retries) {
          await waitToRetry(request, attempt, errorCodeOf(error) ?? "a network error");
          continue;
        }
        throw networkError(request, error, attempt);
      }
      const { status } = outcome;
      if (outcome.response) return outcome.response;
      if (status === 304) return { status: 304, body: new Uint8Array(), etag: request.etag, lastModified: request.lastModified, maxAge: outcome.maxAge };
      if (status === 404 || status === 410) return { status: 404, body: new Uint8Array(), etag: undefined, lastModified: undefined };
      if ([301, 302, 303, 307, 308].includes(status) && outcome.location) {
        const next = new URL(outcome.location, url);
        if (++redirects > MAX_REDIRECTS) throw httpError(request, `more than ${MAX_REDIRECTS} redirects`, status);
        if (url.protocol === "https:" && next.protocol !== "https:") throw httpError(request, `refused a redirect from https to ${next.protocol.replace(":", "")}`, status);
        url = next;
        attempt--;
        continue;
      }
      if (status === 401 || status === 403) throw authError(request, status);
      if (isRetryableStatus(status) && attempt < retries) {
        await waitToRetry(request, attempt, `HTTP ${status}`, outcome.retryAfter);
        continue;
      }
      throw httpError(request, `the server answered HTTP ${status}${attempt > 0 ? ` after ${attempt} ${attempt === 1 ? "retry" : "retries"}` : ""}`, status);
    }
  };

  // destroy, not close: when a command fails, its error must not wait for another registry's slow
  // request; when it succeeds, nothing is in flight and idle sockets simply go.
  return { get, close: () => dispatcher.destroy() };
}

/**
 * `max-age` of a Cache-Control header, in seconds; undefined when the response may not be reused
 * without asking (`no-cache`, `no-store`) or says nothing.
 */
export function maxAgeOf(cacheControl: string | undefined): number | undefined {
  if (cacheControl === undefined || /(^|,)\s*(no-cache|no-store)\s*(,|=|$)/i.test(cacheControl)) return undefined;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)/i.exec(cacheControl);
  return match ? Number(match[1]) : undefined;
}

function tooLarge(request: HttpGetOptions): AgentregError {
  return new AgentregError(ErrorCode.REGISTRY, `${request.displayUrl} sent more than ${request.maxBytes} bytes`, {
    subject: request.displayUrl,
    hint: `The registry ${request.registry} is broken or hostile; nothing was written.`,
  });
}

/** Not retried: a server too slow to finish once will be as slow the next time. */
function deadlineError(request: HttpGetOptions, deadlineMs: number): AgentregError {
  const seconds = deadlineMs / 1000;
  return new AgentregError(ErrorCode.NETWORK, `GET ${request.displayUrl}: did not finish within ${seconds} ${seconds === 1 ? "second" : "seconds"}`, {
    subject: request.displayUrl,
    hint: `The registry ${request.registry} is sending too slowly; raise --fetch-deadline or try again later.`,
  });
}

function httpError(request: HttpGetOptions, what: string, status?: number): AgentregError {
  const serverSide = status === undefined || status >= 500 || status === 408 || status === 429;
  return new AgentregError(serverSide ? ErrorCode.NETWORK : ErrorCode.REGISTRY, `GET ${request.displayUrl}: ${what}`, {
    subject: request.displayUrl,
    hint: serverSide ? `The registry ${request.registry} is having trouble; try again later, or use --offline with a warm cache.` : `Check the url of registry ${request.registry}.`,
    ...(status === undefined ? {} : { details: { status } }),
  });
}

function authError(request: HttpGetOptions, status: number): AgentregError {
  const variables = request.headerVariables ?? [];
  const check = variables.length > 0 ? `Check ${variables.join(", ")} (used in the headers of registry ${request.registry} in agentreg.json).` : `Add credentials under "registries" → "${request.registry}" → "headers" in agentreg.json.`;
  return new AgentregError(ErrorCode.AUTH, `registry ${request.registry} refused the request (HTTP ${status}) for ${request.displayUrl}`, {
    subject: request.displayUrl,
    hint: check,
    details: { status },
  });
}

function networkError(request: HttpGetOptions, error: unknown, attempt: number): AgentregError {
  const code = errorCodeOf(error) ?? "unknown";
  const offline = isOfflineError(error);
  const timedOut = code.includes("TIMEOUT") || code === "ETIMEDOUT";
  const what = offline ? "cannot resolve the host (are you offline?)" : timedOut ? "timed out" : `connection failed (${code})`;
  return new AgentregError(ErrorCode.NETWORK, `GET ${request.displayUrl}: ${what}${attempt > 0 ? ` after ${attempt} ${attempt === 1 ? "retry" : "retries"}` : ""}`, {
    subject: request.displayUrl,
    hint: offline ? "Connect to the network, or run with --offline to use the cache." : timedOut ? "The registry is slow or unreachable; raise --fetch-timeout or try again later." : `Check that registry ${request.registry} is up and its url is right.`,
    cause: error,
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs at most `limit` tasks at once; the rest wait in order. */
function createSemaphore(limit: number): { run<T>(task: () => Promise<T>): Promise<T> } {
  let active = 0;
  const waiting: Array<() => void> = [];
  return {
    async run(task) {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}
