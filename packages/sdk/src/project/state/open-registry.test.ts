import { describe, expect, it } from "vitest";
import { createRegistryOpener, registryIdForLocation } from "./open-registry.js";

describe("registryIdForLocation", () => {
  it.each([
    ["builtin", "/work/app", "builtin"],
    ["https://agents.example.com", "/work/app", "https://agents.example.com"],
    ["/work/registry", "/work/app", "../registry"],
    ["/work/app/vendor/reg", "/work/app", "./vendor/reg"],
    ["/work/app", "/work/app", "."],
  ])("%s seen from %s is recorded as %s", (location, dir, id) => {
    expect(registryIdForLocation(location, dir)).toBe(id);
  });
});

describe("createRegistryOpener().idFor", () => {
  const config = { agents: {}, registries: { acme: { url: "../acme" } } };

  it("sends unscoped names to builtin by default", () => {
    expect(createRegistryOpener({ dir: "/p", config }).idFor(undefined)).toBe("builtin");
  });

  it("sends unscoped names to a configured default registry", () => {
    const withDefault = { agents: {}, registries: { default: { url: "../mirror" } } };
    expect(createRegistryOpener({ dir: "/p", config: withDefault }).idFor(undefined)).toBe("default");
  });

  it("lets --registry win for unscoped names, recorded relative to the project", () => {
    expect(createRegistryOpener({ dir: "/p", config, override: "/reg" }).idFor(undefined)).toBe("../reg");
  });

  it("sends @ns/name to the registry named ns", () => {
    expect(createRegistryOpener({ dir: "/p", config, override: "/reg" }).idFor("acme")).toBe("acme");
  });

  it("refuses a scope no registry is configured for, with E_CONFIG", () => {
    expect(() => createRegistryOpener({ dir: "/p", config }).idFor("nope")).toThrow(expect.objectContaining({ code: "E_CONFIG" }));
  });

  it("refuses to open a registry id the lockfile names but the config does not define", async () => {
    await expect(createRegistryOpener({ dir: "/p", config }).open("gone")).rejects.toMatchObject({ code: "E_CONFIG" });
  });
});
