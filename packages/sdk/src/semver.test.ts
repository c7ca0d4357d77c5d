import fc from "fast-check";
import realCompare from "semver/functions/compare.js";
import realPrerelease from "semver/functions/prerelease.js";
import realValid from "semver/functions/valid.js";
import { describe, expect, it } from "vitest";
import semver from "./semver.js";

// semver.ts answers plain x.y.z versions itself; it must answer exactly as semver does, for those and
// for everything else (which it hands to semver).
const part = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(999_999_999_999_999, 1_000_000_000_000_000));
const plain = fc.tuple(part, part, part).map(([a, b, c]) => `${a}.${b}.${c}`);
const version = fc.oneof(
  plain,
  plain.map((v) => `v${v}`),
  plain.map((v) => `${v}-rc.1`),
  plain.map((v) => `${v}+build`),
  plain.map((v) => ` ${v}`),
  plain.map((v) => `0${v}`),
  fc.constantFrom("1.2", "1.2.3.4", "", "latest", "01.2.3", "1.02.3", "1.2.03", "=1.2.3", "1.2.3-0", "0.0.0-20260102030405-abcdefabcdef"),
);

describe("semver.ts", () => {
  it("valid and prerelease answer as semver does", () => {
    fc.assert(
      fc.property(version, (v) => {
        expect(semver.valid(v)).toBe(realValid(v));
        expect(semver.prerelease(v)).toEqual(realPrerelease(v));
      }),
      { numRuns: 2000 },
    );
  });

  it("compare and rcompare order as semver does", () => {
    const valid = version.filter((v) => realValid(v) === v);
    fc.assert(
      fc.property(valid, valid, (a, b) => {
        expect(semver.compare(a, b)).toBe(realCompare(a, b));
        expect(semver.rcompare(a, b)).toBe(realCompare(b, a));
      }),
      { numRuns: 2000 },
    );
  });
});
