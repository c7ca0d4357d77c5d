import { describe, expect, it } from "vitest";
import { registryToPrefetch } from "./early-prefetch.js";

describe("registryToPrefetch", () => {
  it.each([
    ["add", ["add", "reviewer", "--registry", "github:acme/agents"], "github:acme/agents"],
    ["info", ["info", "reviewer", "--registry", "git+file:///srv/agents.git"], "git+file:///srv/agents.git"],
    ["search, --registry=", ["search", "--registry=github:acme/agents", "lint"], "github:acme/agents"],
    ["the last --registry, as commander takes it", ["add", "x", "--registry", "github:a/one", "--registry", "github:a/two"], "github:a/two"],
    ["options before --registry", ["add", "--json", "--dir", "p", "x", "--registry", "github:a/b"], "github:a/b"],
    ["a registry that is not git (the SDK leaves it alone)", ["add", "x", "--registry", "https://r.example"], "https://r.example"],
  ])("reads the registry of %s", (_case, argv, registry) => {
    expect(registryToPrefetch(argv)).toBe(registry);
  });

  it.each([
    ["no --registry", ["add", "reviewer"]],
    ["a command that does not read --registry first", ["install", "--registry", "github:a/b"]],
    ["the command after a program option", ["--json", "add", "x", "--registry", "github:a/b"]],
    ["--help", ["add", "x", "--registry", "github:a/b", "--help"]],
    ["-h", ["add", "-h", "--registry", "github:a/b"]],
    ["--offline", ["add", "x", "--offline", "--registry", "github:a/b"]],
    ["--prefer-offline", ["search", "--prefer-offline", "--registry", "github:a/b"]],
    ["--registry after --", ["add", "x", "--", "--registry", "github:a/b"]],
    ["--registry without its value", ["add", "x", "--registry"]],
    ["no command at all", []],
  ])("starts nothing for %s", (_case, argv) => {
    expect(registryToPrefetch(argv)).toBeUndefined();
  });
});
