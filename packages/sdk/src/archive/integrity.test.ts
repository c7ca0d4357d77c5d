import { describe, expect, it } from "vitest";
import { AgentregError } from "../errors.js";
import { computeIntegrity, isIntegrity, verifyIntegrity } from "./integrity.js";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

// Known sha512 digests (e.g. `printf hello | openssl dgst -sha512 -binary | base64`).
const HELLO = "sha512-m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==";
const EMPTY = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";

function failure(run: () => void): AgentregError {
  try {
    run();
  } catch (error) {
    if (error instanceof AgentregError) return error;
    throw error;
  }
  throw new Error("expected an AgentregError");
}

describe("computeIntegrity", () => {
  it.each([
    ["hello", HELLO],
    ["", EMPTY],
  ])("hashes %j to its W3C SRI sha512", (text, expected) => {
    expect(computeIntegrity(bytes(text))).toBe(expected);
  });
});

describe("isIntegrity", () => {
  it.each([
    [HELLO, true],
    [EMPTY, true],
    ["", false],
    ["sha512-", false],
    ["sha512-abc", false],
    [`${HELLO} ${EMPTY}`, false],
    [`${HELLO}?ct=application/gzip`, false],
    [` ${HELLO}`, false],
    [HELLO.replace("sha512", "SHA512"), false],
    ["sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00=", false],
    ["sha256-LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", false],
  ])("%j is %s", (value, expected) => {
    expect(isIntegrity(value)).toBe(expected);
  });
});

describe("verifyIntegrity", () => {
  it("accepts bytes that match", () => {
    expect(() => verifyIntegrity(bytes("hello"), HELLO, "x@1.0.0")).not.toThrow();
  });

  it("refuses bytes with one byte changed, naming both digests", () => {
    const tampered = bytes("hellp");
    const error = failure(() => verifyIntegrity(tampered, HELLO, "x@1.0.0"));
    expect(error.code).toBe("E_INTEGRITY");
    expect(error.subject).toBe("x@1.0.0");
    expect(error.message).toContain(HELLO);
    expect(error.message).toContain(computeIntegrity(tampered));
    expect(error.hint).toBeTruthy();
  });

  it.each([
    ["missing", undefined, /no integrity/],
    ["empty", "", /no integrity/],
    ["sha1", "sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00=", /sha1 is too weak/],
    ["md5", "md5-XUFAKrxLKna5cZ2REBfFkg==", /md5 is too weak/],
    ["sha256", "sha256-LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=", /sha256 is not supported/],
    ["sha384", "sha384-WeF0h3dEjGnea4ANejO7+5/xtGPkQ1TDVTvNucZm+pASWjx5+QOXvfX2oT3oKGhP", /sha384 is not supported/],
    ["truncated sha512", HELLO.slice(0, -4), /88 base64/],
    ["two hashes", `${HELLO} ${EMPTY}`, /88 base64/],
    ["SRI options", `${HELLO}?opt`, /88 base64/],
    ["garbage", "not-an-integrity", /88 base64/],
  ])("refuses a %s integrity instead of skipping the check", (_case, expected, reason) => {
    const error = failure(() => verifyIntegrity(bytes("hello"), expected, "x@1.0.0"));
    expect(error.code).toBe("E_INTEGRITY");
    expect(error.subject).toBe("x@1.0.0");
    expect(error.message).toMatch(reason);
    expect(error.hint).toBeTruthy();
  });

  it("refuses the integrity of other bytes", () => {
    const error = failure(() => verifyIntegrity(bytes("hello"), EMPTY, "x@1.0.0"));
    expect(error.code).toBe("E_INTEGRITY");
    expect(error.details).toEqual({ expected: EMPTY, actual: HELLO });
  });
});
