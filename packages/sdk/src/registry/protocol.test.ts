import fc from "fast-check";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { resolveVersion } from "../resolve/resolve-version.js";
import { isCanonicalVersion } from "./protocol.js";
import { packumentSchema } from "./protocol-schemas.js";

const entry = { integrity: "sha512-x", tarball: "tarballs/demo/demo-1.0.0.tgz", size: 1, publishedAt: "2026-01-01T00:00:00.000Z", frontmatter: { name: "demo" } };
const packument = { name: "demo", distTags: { latest: "1.0.0" }, versions: { "1.0.0": entry } };

/** A packument as it arrives: JSON text parsed, so `__proto__` is an ordinary key. */
function parsed(json: string): ReturnType<typeof packumentSchema.safeParse> {
  return packumentSchema.safeParse(JSON.parse(json));
}

describe("isCanonicalVersion", () => {
  it.each([
    ["1.0.0", true],
    ["0.0.0", true],
    ["10.20.30", true],
    ["2.0.0-rc.1", true],
    ["1.0.0-alpha-1.0", true],
    ["999999999999999.0.0", true],
    ["v1.0.0", false],
    ["=1.0.0", false],
    [" 1.0.0", false],
    ["1.0.0 ", false],
    ["1.0", false],
    ["01.0.0", false],
    ["1.0.0+build.5", false],
    ["1.0.0-01", false],
    ["99999999999999999.0.0", false],
    ["latest", false],
    ["", false],
  ])("%j → %s", (value, expected) => {
    expect(isCanonicalVersion(value)).toBe(expected);
  });

  it("agrees with semver's own canonical form (property)", () => {
    const part = fc.oneof(fc.nat({ max: 20 }).map(String), fc.constantFrom("0", "00", "01", "9007199254740991", "9007199254740992", "999999999999999", "1000000000000000"));
    const version = fc
      .tuple(fc.constantFrom("", "v", "=", " "), part, part, part, fc.constantFrom("", "-rc.1", "-0", "-01", "-a.b", "+b", "-x+y", " "))
      .map(([prefix, major, minor, patch, suffix]) => `${prefix}${major}.${minor}.${patch}${suffix}`);
    fc.assert(fc.property(fc.oneof(version, fc.string()), (value) => isCanonicalVersion(value) === (semver.valid(value) === value)), { numRuns: 3000 });
  });
});

describe("packumentSchema", () => {
  it.each([
    ["a version key with a leading v", { ...packument, versions: { "v1.0.0": entry } }, /versions\.v1\.0\.0: the key is not a semver version/],
    ["a version key with spaces", { ...packument, versions: { " 1.0.0": entry } }, /the key is not a semver version/],
    ["a version key that is not semver", { ...packument, versions: { latest: entry } }, /the key is not a semver version/],
    ["a dist-tag naming v1.0.0", { ...packument, distTags: { latest: "v1.0.0" } }, /distTags\.latest: not a semver version/],
    ["a dist-tag naming =1.0.0", { ...packument, distTags: { latest: "=1.0.0" } }, /distTags\.latest: not a semver version/],
    ["a dist-tag naming a range", { ...packument, distTags: { next: "^1.0.0" } }, /distTags\.next: not a semver version/],
  ])("refuses %s", (_label, json, message) => {
    const result = packumentSchema.safeParse(json);
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n");
    expect(issues).toMatch(message);
  });

  it("makes records that answer only what the document holds (no Object.prototype names)", () => {
    const result = parsed(JSON.stringify(packument));
    expect(result.success).toBe(true);
    const { distTags, versions } = result.data!;
    for (const record of [distTags, versions, versions["1.0.0"]!.frontmatter]) {
      expect(Object.getPrototypeOf(record)).toBeNull();
      expect(record["constructor"]).toBeUndefined();
      expect(record["toString"]).toBeUndefined();
      expect(record["__proto__"]).toBeUndefined();
    }
    expect({ ...distTags }).toEqual({ latest: "1.0.0" });
  });

  it.each([
    ["distTags", '{"latest":"1.0.0","__proto__":"1.0.0"}', '{"1.0.0":ENTRY}'],
    ["versions", '{"latest":"1.0.0"}', '{"1.0.0":ENTRY,"__proto__":ENTRY}'],
  ])("refuses a __proto__ key in %s rather than dropping it", (_label, distTags, versions) => {
    const json = `{"name":"demo","distTags":${distTags},"versions":${versions}}`.replaceAll("ENTRY", JSON.stringify(entry));
    expect(parsed(json).success).toBe(false);
  });

  // Before the records had no prototype, `distTags["constructor"]` was Object's constructor function.
  it.each(["constructor", "toString", "hasOwnProperty", "valueOf"])("answers x@%s in a parsed packument as any unknown dist-tag (x@nightly)", (tag) => {
    const doc = packumentSchema.parse(structuredClone(packument));
    const unknownTag = { code: "E_USAGE", message: `"${tag}" is neither a semver range nor a dist-tag of demo`, hint: "Use a range like ^1.0.0, an exact version, or one of: latest." };
    expect(() => resolveVersion({ packument: doc, range: "nightly" })).toThrow(expect.objectContaining({ ...unknownTag, message: unknownTag.message.replace(tag, "nightly") }));
    expect(() => resolveVersion({ packument: doc, range: tag })).toThrow(expect.objectContaining(unknownTag));
  });
});
