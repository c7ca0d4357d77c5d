import type { HttpRetry, NetworkOptions, NetworkWarning } from "@agentreg/sdk";
import { defaultCacheDir } from "./cache-dir.js";
import { escapeValue } from "./render/escape-terminal.js";
import { aboveProgressLine } from "./render/progress-line.js";
import { stackTracesWanted } from "./stack-traces.js";
import { retryWaitHook } from "./test-hooks.js";
import { allowedVariablesByOrigin } from "./user-settings.js";

/**
 * The CLI is where the environment is read (the SDK never does): the cache folder, proxies and the
 * values of `${VAR}` in registry settings all come from here.
 */
export function networkOptions(
  flags: { offline?: boolean; preferOffline?: boolean; fetchTimeout?: number; fetchDeadline?: number; fetchRetries?: number; allowEnv?: string[]; verbose?: boolean },
  userConfigDir: string,
): NetworkOptions {
  const env = process.env;
  const proxy = {
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  };
  return {
    cacheDir: defaultCacheDir(),
    offline: flags.offline === true,
    preferOffline: flags.preferOffline === true,
    variables: env,
    // Which of them registries may send: AGENTREG_* always, others only where the user says so.
    allowedVariables: { names: flags.allowEnv ?? [], byOrigin: allowedVariablesByOrigin(userConfigDir, (text) => process.stderr.write(`${text}\n`)) },
    ...(proxy.httpProxy || proxy.httpsProxy ? { proxy } : {}),
    ...(flags.fetchTimeout === undefined ? {} : { timeoutMs: flags.fetchTimeout }),
    // Seconds on the command line: a deadline is minutes long, where a silence timeout is milliseconds.
    ...(flags.fetchDeadline === undefined ? {} : { deadlineMs: flags.fetchDeadline * 1000 }),
    ...(flags.fetchRetries === undefined ? {} : { retries: flags.fetchRetries }),
    // --verbose (or DEBUG=agentreg, as for stack traces) shows why a command is waiting on a registry.
    ...(flags.verbose === true || stackTracesWanted([]) ? { onRetry: (retry: HttpRetry) => aboveProgressLine(() => process.stderr.write(`${describeRetry(retry)}\n`)) } : {}),
    // Always shown: a warning is something the user should act on (a cache that cannot be written).
    onWarning: (warning: NetworkWarning) => aboveProgressLine(() => process.stderr.write(`warning: ${escapeValue(warning.message)}\n`)),
    ...retryWaitHook(),
  };
}

/**
 * One line per retry, on stderr: which retry, how long agentreg waits first, and what failed.
 *
 * @example
 * describeRetry({ url: "https://r.example/index.json", retry: 1, retries: 3, delayMs: 187.4, reason: "HTTP 503" });
 * // "retry 1 of 3 in 187 ms: GET https://r.example/index.json answered HTTP 503"
 */
export function describeRetry(retry: HttpRetry): string {
  const failure = retry.reason.startsWith("HTTP ") ? `answered ${retry.reason}` : `failed (${retry.reason})`;
  // The URL is the user's own; Retry-After is whatever the server sent: both are escaped.
  const retryAfter = retry.retryAfter === undefined ? "" : ` with Retry-After: ${escapeValue(retry.retryAfter)}`;
  return `retry ${retry.retry} of ${retry.retries} in ${Math.round(retry.delayMs)} ms: GET ${escapeValue(retry.url)} ${failure}${retryAfter}`;
}
