import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePackumentFast } from "./parse-packument.js";
import { packumentSchema } from "./protocol-schemas.js";

const version = {
  integrity: "sha512-AAAA",
  tarball: "tarballs/reviewer/reviewer-1.2.0.tgz",
  size: 1200,
  publishedAt: "2026-11-26T00:00:00.000Z",
  frontmatter: { name: "reviewer", description: "Reviews diffs.", tools: "Read, Grep" },
};
const packument = { name: "reviewer", description: "Reviews diffs.", distTags: { latest: "1.2.0" }, versions: { "1.2.0": version } };

/** The fast path either declines or answers exactly what zod answers; it never accepts what zod refuses. */
function expectSameAnswer(json: unknown): void {
  const fast = parsePackumentFast(json);
  const zod = packumentSchema.safeParse(json);
  if (fast !== undefined) expect(fast).toEqual(zod.success ? zod.data : "zod refused this");
  if (!zod.success) expect(fast).toBeUndefined();
}

/** Parsed twice from the same text, so neither answer can share objects with the other. */
const twice = (json: unknown): [unknown, unknown] => [JSON.parse(JSON.stringify(json)), JSON.parse(JSON.stringify(json))];

describe("parsePackumentFast", () => {
  it("answers a valid packument as the schema does: unknown keys dropped, records without a prototype", () => {
    const json = {
      ...packument,
      keywords: ["review"],
      license: "MIT",
      extra: true,
      distTags: { latest: "1.2.0", next: "2.0.0-rc.1" },
      versions: {
        "1.2.0": { ...version, deprecated: "use 2.x", yanked: false, files: ["README.md"], signatures: [{ keyid: "k", sig: "s", more: 1 }], more: 2 },
        "2.0.0-rc.1": { ...version, frontmatter: { constructor: "kept", nested: { a: [1, 2] } } },
      },
    };
    const [forFast, forZod] = twice(json);
    const fast = parsePackumentFast(forFast);
    expect(fast).toBeDefined();
    expect(fast).toEqual(packumentSchema.parse(forZod));
    expect(fast).not.toHaveProperty("extra");
    expect(fast?.versions["1.2.0"]).not.toHaveProperty("more");
    for (const record of [fast?.distTags, fast?.versions, fast?.versions["2.0.0-rc.1"]?.frontmatter]) expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.keys(fast ?? {})).toEqual(Object.keys(packumentSchema.parse(twice(json)[1])));
  });

  it.each([
    ["no name", { ...packument, name: undefined }],
    ["a description that is not a string", { ...packument, description: 1 }],
    ["a keyword that is not a string", { ...packument, keywords: [1] }],
    ["a dist-tag that is not a version", { ...packument, distTags: { latest: "v1.2.0" } }],
    ["dist-tags that are a list", { ...packument, distTags: ["1.2.0"] }],
    ["a version key that is not canonical", { ...packument, versions: { "=1.2.0": version } }],
    ["a version that is not an object", { ...packument, versions: { "1.2.0": "x" } }],
    ["a negative size", { ...packument, versions: { "1.2.0": { ...version, size: -1 } } }],
    ["a fractional size", { ...packument, versions: { "1.2.0": { ...version, size: 1.5 } } }],
    ["a size past 2^53", { ...packument, versions: { "1.2.0": { ...version, size: 2 ** 53 } } }],
    ["a bad date", { ...packument, versions: { "1.2.0": { ...version, publishedAt: "yesterday" } } }],
    ["yanked that is not a boolean", { ...packument, versions: { "1.2.0": { ...version, yanked: "yes" } } }],
    ["frontmatter that is a list", { ...packument, versions: { "1.2.0": { ...version, frontmatter: [] } } }],
    ["a bad signature", { ...packument, versions: { "1.2.0": { ...version, signatures: [{ keyid: "k" }] } } }],
    ["null", null],
    ["a list", [packument]],
  ])("declines %s, as zod refuses it", (_label, json) => {
    const [forFast, forZod] = twice(json);
    expect(parsePackumentFast(forFast)).toBeUndefined();
    expect(packumentSchema.safeParse(forZod).success).toBe(false);
  });

  it.each([
    ["dist-tags", '{"name":"a","distTags":{"__proto__":"1.0.0"},"versions":{}}'],
    ["versions", '{"name":"a","distTags":{},"versions":{"__proto__":{}}}'],
    ["a version's frontmatter", `{"name":"a","distTags":{},"versions":{"1.0.0":${JSON.stringify({ ...version, frontmatter: {} }).replace('"frontmatter":{}', '"frontmatter":{"__proto__":{"x":1}}')}}}`],
  ])("declines a __proto__ key in %s, as zod refuses it", (_label, text) => {
    expect(parsePackumentFast(JSON.parse(text))).toBeUndefined();
    expect(packumentSchema.safeParse(JSON.parse(text)).success).toBe(false);
  });

  it("never disagrees with the schema on mutated packuments (property)", () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constant([{ keyid: "k", sig: "s" }]),
      fc.dictionary(fc.constantFrom("a", "b", "constructor", "__proto__"), fc.oneof(fc.string(), fc.integer())),
      fc.constant("2026-01-01T00:00:00Z"),
      fc.constantFrom("1.2.0", "2.0.0-rc.1", "v1.2.0", "=1.2.0", " 1.2.0", "1.2.0+b", "1.2", "01.2.0"),
    );
    const versionKeys = [...Object.keys(version), "deprecated", "yanked", "files", "signatures", "other"];
    const mutatedVersion = fc.record({ key: fc.constantFrom(...versionKeys), value: anyValue, drop: fc.boolean() }).map(({ key, value, drop }) => {
      const copy: Record<string, unknown> = { ...version };
      if (drop) delete copy[key];
      else copy[key] = value;
      return copy;
    });
    const versionKey = fc.constantFrom("1.2.0", "2.0.0-rc.1", "v1.2.0", "1.2", "other");
    const mutatedPackument = fc
      .record({
        key: fc.constantFrom(...Object.keys(packument), "keywords", "license", "other"),
        value: anyValue,
        versions: fc.dictionary(versionKey, mutatedVersion, { maxKeys: 3 }),
        distTags: fc.dictionary(fc.constantFrom("latest", "next", "constructor"), anyValue, { maxKeys: 2 }),
      })
      .map(({ key, value, versions, distTags }) => ({ ...packument, versions, distTags, [key]: value }));
    // JSON text, as a registry serves it: `__proto__` keys become own keys, as they do there.
    fc.assert(fc.property(mutatedPackument, (json) => expectSameAnswer(JSON.parse(JSON.stringify(json)))), { numRuns: 2000 });
  });
});
