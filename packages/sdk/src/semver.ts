import * as real from "./semver-functions.js";

/**
 * `x.y.z` written the one way semver writes it (no leading zeros), each part at most 15 digits so it
 * stays a safe integer: what nearly every version is. These are answered here, exactly as semver
 * answers them (semver.test.ts checks), without loading semver, whose modules and patterns cost a
 * command's start-up several milliseconds; the rest goes to semver itself.
 */
const PLAIN = /^(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,14})$/;

function plainParts(version: string): [number, number, number] | undefined {
  const match = PLAIN.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: string, b: string): -1 | 0 | 1 {
  const x = plainParts(a);
  const y = plainParts(b);
  if (!x || !y) return real.compare(a, b);
  for (let i = 0; i < 3; i++) {
    if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  }
  return 0;
}

/** The semver functions agentreg uses (semver-functions.ts), with the plain-version cases answered here. */
const semver = {
  valid: (version: string): string | null => (PLAIN.test(version) ? version : real.valid(version)),
  compare,
  rcompare: (a: string, b: string): -1 | 0 | 1 => compare(b, a),
  prerelease: (version: string): ReadonlyArray<string | number> | null => (PLAIN.test(version) ? null : real.prerelease(version)),
  inc: real.inc,
  satisfies: (version: string, range: string, options?: { includePrerelease?: boolean }): boolean => real.satisfies(version, range, options),
  maxSatisfying: (versions: readonly string[], range: string): string | null => real.maxSatisfying(versions, range),
  validRange: (range: string): string | null => real.validRange(range),
};

export default semver;
