import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRegistryIndexFast } from "./parse-index.js";
import { registryIndexSchema } from "./protocol-schemas.js";

const entry = {
  name: "reviewer",
  description: "Reviews diffs.",
  latest: "1.2.0",
  keywords: ["review"],
  tools: ["Read", "Grep"],
  model: "sonnet",
  updatedAt: "2026-11-26T00:00:00.000Z",
};
const index = { schemaVersion: 1, name: "acme", serial: 3, generatedAt: "2026-11-26T00:00:00.000Z", agents: [entry] };

/** The fast path either declines or answers exactly what zod answers; it never accepts what zod refuses. */
function expectSameAnswer(json: unknown): void {
  const fast = parseRegistryIndexFast(json);
  const zod = registryIndexSchema.safeParse(json);
  if (fast !== undefined) expect(fast).toEqual(zod.success ? zod.data : "zod refused this");
  if (!zod.success) expect(fast).toBeUndefined();
}

describe("parseRegistryIndexFast", () => {
  it("answers a valid index as the schema does: unknown keys dropped, keywords defaulted", () => {
    const json = { ...index, extra: true, signatures: [{ keyid: "k", sig: "s", more: 1 }], agents: [{ ...entry, keywords: undefined, extra: 1 }, { ...entry, tools: "all", model: undefined }] };
    const fast = parseRegistryIndexFast(JSON.parse(JSON.stringify(json)));
    expect(fast).toBeDefined();
    expect(fast).toEqual(registryIndexSchema.parse(JSON.parse(JSON.stringify(json))));
    expect(fast?.agents[0]?.keywords).toEqual([]);
    expect(fast?.agents[0]).not.toHaveProperty("extra");
  });

  it.each([
    ["a wrong schema version", { ...index, schemaVersion: 2 }],
    ["a negative serial", { ...index, serial: -1 }],
    ["a fractional serial", { ...index, serial: 1.5 }],
    ["a serial past 2^53", { ...index, serial: 2 ** 53 }],
    ["a bad date", { ...index, generatedAt: "yesterday" }],
    ["a bad expiry", { ...index, expires: 5 }],
    ["agents not a list", { ...index, agents: {} }],
    ["an entry without a name", { ...index, agents: [{ ...entry, name: undefined }] }],
    ["tools neither 'all' nor a list", { ...index, agents: [{ ...entry, tools: "Read" }] }],
    ["a keyword that is not a string", { ...index, agents: [{ ...entry, keywords: [1] }] }],
    ["a latest with a leading v", { ...index, agents: [{ ...entry, latest: "v1.2.0" }] }],
    ["a latest with a leading =", { ...index, agents: [{ ...entry, latest: "=1.2.0" }] }],
    ["a latest with spaces", { ...index, agents: [{ ...entry, latest: " 1.2.0 " }] }],
    ["a latest that is not semver", { ...index, agents: [{ ...entry, latest: "1.2" }] }],
    ["a bad signature", { ...index, signatures: [{ keyid: "k" }] }],
    ["null", null],
    ["a list", [index]],
  ])("declines %s, as zod refuses it", (_label, json) => {
    expect(parseRegistryIndexFast(json)).toBeUndefined();
    expect(registryIndexSchema.safeParse(json).success).toBe(false);
  });

  it("never disagrees with the schema on mutated indexes (property)", () => {
    const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant("all"), fc.array(fc.string(), { maxLength: 3 }), fc.constant("2026-01-01T00:00:00Z"), fc.constantFrom("1.2.0", "2.0.0-rc.1", "v1.2.0", "=1.2.0", " 1.2.0", "1.2.0+b", "1.2", "01.2.0"));
    const mutatedEntry = fc.record({ key: fc.constantFrom(...Object.keys(entry), "other"), value: anyValue, drop: fc.boolean() }).map(({ key, value, drop }) => {
      const copy: Record<string, unknown> = { ...entry };
      if (drop) delete copy[key];
      else copy[key] = value;
      return copy;
    });
    const mutatedIndex = fc
      .record({ key: fc.constantFrom(...Object.keys(index), "expires", "signatures"), value: anyValue, agents: fc.array(mutatedEntry, { maxLength: 3 }) })
      .map(({ key, value, agents }) => ({ ...index, agents, [key]: value }));
    fc.assert(fc.property(fc.oneof(mutatedIndex, fc.array(mutatedEntry, { maxLength: 4 }).map((agents) => ({ ...index, agents }))), (json) => expectSameAnswer(JSON.parse(JSON.stringify(json)))), { numRuns: 2000 });
  });
});
