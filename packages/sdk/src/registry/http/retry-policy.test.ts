import { describe, expect, it } from "vitest";
import { isOfflineError, isRetryableError, isRetryableStatus, MAX_RETRY_AFTER_MS, retryDelayMs } from "./retry-policy.js";

const withCode = (code: string): Error => Object.assign(new Error(code), { code });

describe("which failures are retried", () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [501, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
  ])("HTTP %i → retry %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  it.each([
    ["ECONNRESET", true],
    ["UND_ERR_SOCKET", true],
    ["UND_ERR_HEADERS_TIMEOUT", true],
    ["UND_ERR_BODY_TIMEOUT", true],
    ["UND_ERR_CONNECT_TIMEOUT", true],
    ["ENOTFOUND", false],
    ["ECONNREFUSED", false],
  ])("%s → retry %s", (code, expected) => {
    expect(isRetryableError(withCode(code))).toBe(expected);
  });

  it("finds the code on a wrapped cause", () => {
    expect(isRetryableError(new Error("fetch failed", { cause: withCode("ECONNRESET") }))).toBe(true);
  });

  it("calls DNS failures offline", () => {
    expect(isOfflineError(withCode("ENOTFOUND"))).toBe(true);
    expect(isOfflineError(withCode("EAI_AGAIN"))).toBe(true);
    expect(isOfflineError(withCode("ECONNRESET"))).toBe(false);
  });
});

describe("retryDelayMs", () => {
  it("honours Retry-After in seconds", () => {
    expect(retryDelayMs(0, "2")).toBe(2000);
  });

  it("honours Retry-After as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryDelayMs(0, "Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
  });

  it("caps a Retry-After that asks for too long", () => {
    expect(retryDelayMs(0, "3600")).toBe(MAX_RETRY_AFTER_MS);
  });

  it("backs off exponentially with jitter between half and all of the ceiling", () => {
    expect(retryDelayMs(0, undefined, 0, () => 0)).toBe(125);
    expect(retryDelayMs(0, undefined, 0, () => 1)).toBe(250);
    expect(retryDelayMs(2, undefined, 0, () => 1)).toBe(1000);
    expect(retryDelayMs(10, undefined, 0, () => 1)).toBe(4000);
  });

  it("ignores a Retry-After it cannot read", () => {
    expect(retryDelayMs(1, "soon", 0, () => 1)).toBe(500);
  });
});
