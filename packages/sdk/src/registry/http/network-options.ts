import { checkOptions, type OptionsSpec } from "../../check-arguments.js";
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
  /** Told before each retry what failed and how long the client will wait (the CLI shows it with `--verbose`). */
  onRetry?: ((retry: HttpRetry) => void) | undefined;
  /**
   * Told of a failure that does not stop the command but weakens a later one: the cache could not
   * record a signed registry's index serial, so a rollback to an older index may go unnoticed. The
   * SDK never prints; without this callback such a failure is not reported at all.
   */
  onWarning?: ((warning: NetworkWarning) => void) | undefined;
  /**
   * How the client waits before a retry: a timer unless given. A test passes a clock of its own, so
   * it can check the waits the retry policy asks for (backoff, `Retry-After`) without spending them.
   */
  wait?: ((ms: number) => Promise<void>) | undefined;
}

/** A retry the HTTP client is about to make, as `NetworkOptions.onRetry` reports it. */
export interface HttpRetry {
  /** The URL as the user wrote it (unexpanded): secrets never reach a log. */
  url: string;
  /** Which retry this is (1 for the first) and how many are allowed. */
  retry: number;
  retries: number;
  /** What the client waits first: the server's `Retry-After` (capped), or else the jittered backoff. */
  delayMs: number;
  /** What failed: `HTTP 503`, `ECONNRESET`, … */
  reason: string;
  /** The `Retry-After` header as the server sent it (untrusted text: escape it before printing). */
  retryAfter?: string | undefined;
}

/** A failure `NetworkOptions.onWarning` reports: the command went on without what failed. */
export interface NetworkWarning {
  /** What failed and what it costs, in a sentence (it may hold paths and registry ids: escape it before printing). */
  message: string;
  /** The registry concerned, as the project names it. */
  subject: string;
  /** The error behind it. */
  cause: unknown;
}

export interface ProxySettings {
  httpProxy?: string | undefined;
  httpsProxy?: string | undefined;
  /** Comma-separated hosts (and `*`) that bypass the proxy, as in `NO_PROXY`. */
  noProxy?: string | undefined;
}

const NETWORK_OPTIONS_SPEC: OptionsSpec<NetworkOptions> = {
  cacheDir: "path?",
  offline: "boolean?",
  preferOffline: "boolean?",
  variables: "object?",
  allowedVariables: "object?",
  proxy: "object?",
  timeoutMs: "number?",
  deadlineMs: "number?",
  retries: "number?",
  concurrency: "number?",
  onRetry: "function?",
  onWarning: "function?",
  wait: "function?",
};
const PROXY_SETTINGS_SPEC: OptionsSpec<ProxySettings> = { httpProxy: "string?", httpsProxy: "string?", noProxy: "string?" };
const VARIABLE_POLICY_SPEC: OptionsSpec<VariablePolicy> = { names: "string[]?", byOrigin: "object?" };

/**
 * Throws `E_USAGE` unless `network` (an exported function's `options.network`) is absent or well formed.
 *
 * @example
 * checkNetworkOptions("addAgents", options.network);
 */
export function checkNetworkOptions(fn: string, network: NetworkOptions | undefined): void {
  if (network === undefined) return;
  checkOptions(fn, network, NETWORK_OPTIONS_SPEC, "options.network");
  if (network.proxy !== undefined) checkOptions(fn, network.proxy, PROXY_SETTINGS_SPEC, "options.network.proxy");
  if (network.allowedVariables !== undefined) checkOptions(fn, network.allowedVariables, VARIABLE_POLICY_SPEC, "options.network.allowedVariables");
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_CONCURRENCY = 16;
