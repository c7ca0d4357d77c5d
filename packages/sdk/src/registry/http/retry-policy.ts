/**
 * When a failed request is worth repeating, and how long to wait first. Retrying what cannot succeed
 * (a 401, a 404, a name that does not resolve) only delays the error; retrying a 503 or a reset
 * connection is how clients survive a registry's bad minute.
 */

/** Statuses that mean "try again later" (RFC 9110 §15.5.9, §15.6; RFC 6585 §4). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Transport failures worth a retry: resets, timeouts, a socket closed mid-body. */
const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/** Failures that say "you are offline"; retrying them for long helps nobody. */
const OFFLINE_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

export function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}

export function isRetryableError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

export function isOfflineError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== undefined && OFFLINE_CODES.has(code);
}

/** Longest wait a server's `Retry-After` may impose before we give up waiting. */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * The wait before retry number `attempt` (0-based): the server's `Retry-After` when it gives one
 * (seconds or an HTTP date, RFC 9110 §10.2.3), capped; otherwise exponential backoff from 250 ms with
 * "equal jitter", so many clients do not retry in lockstep.
 */
export function retryDelayMs(attempt: number, retryAfter: string | undefined, now = Date.now(), random = Math.random): number {
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter.trim());
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
  }
  const ceiling = Math.min(250 * 2 ** attempt, 4_000);
  return ceiling / 2 + random() * (ceiling / 2);
}
