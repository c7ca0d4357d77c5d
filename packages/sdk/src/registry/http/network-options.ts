import type { VariablePolicy } from "./expand-variables.js";

/**
 * How the SDK may use the network and the cache. The SDK reads no environment: the CLI fills these
 * from its flags and from `AGENTREG_CACHE`, `HTTPS_PROXY`, … and passes them in.
 */
export interface NetworkOptions {
  /** Folder for cached registry documents and tarballs; no cache when absent. */
  cacheDir?: string | undefined;
  /** No network at all: everything must come from the cache (`E_OFFLINE` otherwise). */
  offline?: boolean | undefined;
  /** Use cached documents without revalidating them; fetch only what the cache lacks. */
  preferOffline?: boolean | undefined;
  /** Values for `${VAR}` in registry URLs and headers (the CLI passes the environment). */
  variables?: Readonly<Record<string, string | undefined>> | undefined;
  /** Which of those may be sent where, besides `AGENTREG_*` (see `VariablePolicy`). */
  allowedVariables?: VariablePolicy | undefined;
  proxy?: ProxySettings | undefined;
  /** Per-request timeout for connecting and for each silent gap while waiting for data, in ms. */
  timeoutMs?: number | undefined;
  /**
   * The longest one request may take, from asking for a connection to the last byte, in ms. The
   * timeouts above only measure silence: a server that sends one byte a second never trips them.
   */
  deadlineMs?: number | undefined;
  /** Retries of a retryable failure (408, 429, 5xx, resets, timeouts). */
  retries?: number | undefined;
  /** Requests in flight at once, across all registries. */
  concurrency?: number | undefined;
}

export interface ProxySettings {
  httpProxy?: string | undefined;
  httpsProxy?: string | undefined;
  /** Comma-separated hosts (and `*`) that bypass the proxy, as in `NO_PROXY`. */
  noProxy?: string | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_CONCURRENCY = 16;
