import { describe, expect, it } from "vitest";
import { formatProjectConfig, parseProjectConfig } from "./project-config.js";

describe("agentreg.json", () => {
  it("is written with $schema first and the rest sorted", () => {
    expect(formatProjectConfig({ agents: { b: "^1.0.0", a: "1.0.0" }, $schema: "./schema.json" })).toBe(
      '{\n  "$schema": "./schema.json",\n  "agents": {\n    "a": "1.0.0",\n    "b": "^1.0.0"\n  }\n}\n',
    );
  });

  it("keeps unknown top-level keys a user wrote", () => {
    const config = parseProjectConfig('{ "agents": {}, "x-team": "platform" }', "agentreg.json");
    expect(formatProjectConfig(config)).toContain('"x-team": "platform"');
  });

  it("accepts registries with url, headers and keys", () => {
    const config = parseProjectConfig(
      JSON.stringify({ registries: { acme: { url: "https://agents.acme.internal", headers: { Authorization: "Bearer ${ACME_TOKEN}" }, keys: ["ed25519:Q2zr6LCTkpOepa0uZ/fPxWfMjXFTmI09oCGP3thC9xw="] } }, agents: {} }),
      "agentreg.json",
    );
    expect(config.registries?.acme?.url).toBe("https://agents.acme.internal");
  });

  it("defaults a missing agents map to empty", () => {
    expect(parseProjectConfig("{}", "agentreg.json").agents).toEqual({});
  });

  it.each([
    ["a range that is not a string", '{ "agents": { "a": 1 } }'],
    ["a registry without url", '{ "registries": { "acme": {} } }'],
    ["an array", "[]"],
  ])("refuses %s with E_CONFIG", (_case, text) => {
    expect(() => parseProjectConfig(text, "agentreg.json")).toThrow(expect.objectContaining({ code: "E_CONFIG" }));
  });
});

describe("agentreg.json pinned keys", () => {
  it("refuses a key that is not ed25519:<32 bytes in base64>", () => {
    expect(() => parseProjectConfig(JSON.stringify({ registries: { acme: { url: "x", keys: ["ed25519:AAAA"] } } }), "agentreg.json")).toThrow(
      expect.objectContaining({ code: "E_CONFIG", message: expect.stringContaining("ed25519") }),
    );
  });
});
