/**
 * Integrity strings in the W3C Subresource Integrity format (https://www.w3.org/TR/SRI/), the same
 * format npm writes in `package-lock.json`: `sha512-` followed by the base64 of the 64-byte digest.
 * agentreg only ever writes and accepts sha512, so one string always has one meaning.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { AgentregError, ErrorCode } from "../errors.js";
import { checkArgument } from "../check-arguments.js";

const SHA512_BYTES = 64;

// 64 bytes are 86 base64 characters plus `==` padding. SRI's optional `?options` suffix and lists of
// several hashes are refused: agentreg writes exactly one sha512 per file, so anything else is not ours.
const SRI_SHA512 = /^sha512-([A-Za-z0-9+/]{86}==)$/;

/**
 * Computes the sha512 integrity of some bytes.
 *
 * @example
 * computeIntegrity(new TextEncoder().encode("hello")); // "sha512-m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw=="
 */
export function computeIntegrity(bytes: Uint8Array): string {
  checkArgument("computeIntegrity", "bytes", bytes, "bytes");
  return `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
}

/**
 * Tells whether a value is a well-formed sha512 SRI string (one hash, no options).
 *
 * @example
 * isIntegrity(computeIntegrity(bytes)); // true
 * isIntegrity("sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk="); // false
 */
export function isIntegrity(value: string): boolean {
  return typeof value === "string" && SRI_SHA512.test(value);
}

/**
 * Throws unless `bytes` hash to `expected`. A missing, empty or malformed `expected` is a failure,
 * never a reason to skip the check (DESIGN §8: "no missing integrity means skip").
 *
 * @param subject - What the bytes are, for the error: `name@version`, a path or a URL.
 * @throws AgentregError `E_INTEGRITY` when `expected` is unusable or the digests differ.
 *
 * @example
 * verifyIntegrity(tarball, version.integrity, "senior-backend-engineer@1.0.0");
 */
export function verifyIntegrity(bytes: Uint8Array, expected: string | undefined, subject: string): void {
  checkArgument("verifyIntegrity", "bytes", bytes, "bytes");
  checkArgument("verifyIntegrity", "expected", expected, "string?");
  checkArgument("verifyIntegrity", "subject", subject, "string");
  const wanted = decodeExpected(expected, subject);
  const actual = createHash("sha512").update(bytes).digest();
  // A constant-time comparison costs nothing here and leaves no timing oracle if this ever guards a
  // value an attacker can probe repeatedly (e.g. a registry server checking uploads).
  if (!timingSafeEqual(actual, wanted)) {
    const got = `sha512-${actual.toString("base64")}`;
    throw new AgentregError(ErrorCode.INTEGRITY, `integrity mismatch: expected ${expected} but got ${got}`, {
      subject,
      hint: `The bytes were corrupted or tampered with; nothing was installed. Compare with \`agentreg info ${subject} --json\`, restore agentreg.lock if it was edited, or report the registry to its owner.`,
      details: { expected, actual: got },
    });
  }
}

function decodeExpected(expected: string | undefined, subject: string): Buffer {
  if (expected === undefined || expected === "") {
    throw new AgentregError(ErrorCode.INTEGRITY, "no integrity to check the bytes against", {
      subject,
      hint: "agentreg never installs unverified bytes. Ask the registry owner to publish a sha512 integrity.",
    });
  }
  const match = SRI_SHA512.exec(expected);
  const digest = match?.[1] === undefined ? undefined : Buffer.from(match[1], "base64");
  if (digest === undefined || digest.length !== SHA512_BYTES) {
    throw new AgentregError(ErrorCode.INTEGRITY, `unusable integrity '${expected}': ${describeBadIntegrity(expected)}`, {
      subject,
      hint: "Integrity must be one `sha512-<base64>` value (W3C SRI). Restore agentreg.lock from version control, or delete the agent's entry from it and run `agentreg install` to resolve it again.",
      details: { expected },
    });
  }
  return digest;
}

function describeBadIntegrity(value: string): string {
  const algorithm = /^(md5|sha1|sha[0-9]{3})-/i.exec(value)?.[1]?.toLowerCase();
  if (algorithm === "sha1" || algorithm === "md5") return `${algorithm} is too weak; only sha512 is accepted`;
  if (algorithm !== undefined && algorithm !== "sha512") return `${algorithm} is not supported; only sha512 is accepted`;
  return "expected one `sha512-` value followed by 88 base64 characters";
}
