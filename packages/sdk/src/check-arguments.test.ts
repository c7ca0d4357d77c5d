import { describe, expect, it } from "vitest";
import { describeValue } from "./check-arguments.js";
import { isAgentregError } from "./errors.js";
import * as sdk from "./index.js";

/** Runs a call, sync or async, and returns what it threw. */
async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

const packument = { name: "x", distTags: { latest: "1.0.0" }, versions: {} };

// Wrong calls a programmer actually makes, and the message each must get: E_USAGE naming the
// parameter, never a TypeError from inside (issue 14).
const WRONG_CALLS: Array<[string, () => unknown, string]> = [
  ["positional arguments to an options function", () => (sdk.resolveVersion as (...args: unknown[]) => unknown)(["1.0.0"], "^1"), "resolveVersion: options must be an object { packument, range, displayName? }; got an array"],
  ["a version list as the packument", () => sdk.resolveVersion({ packument: ["1.0.0"] as never, range: "^1" }), "resolveVersion: options.packument must be a packument object { name, distTags, versions }; got an array"],
  ["a number as the range", () => sdk.resolveVersion({ packument, range: 1 as never }), "resolveVersion: options.range must be a string; got a number (1)"],
  ["a path instead of options", () => sdk.validatePath("x.md" as never), 'validatePath: options must be an object { path, forPublish? }; got a string ("x.md")'],
  ["a missing dir", () => sdk.addAgents({ specs: ["x"] } as never), "addAgents: options.dir must be a path (a non-empty string); got undefined"],
  ["an empty dir", () => sdk.installAgents({ dir: "" }), "installAgents: options.dir must be a path (a non-empty string); got an empty string"],
  ["one spec instead of a list", () => sdk.addAgents({ dir: ".", specs: "x" as never }), 'addAgents: options.specs must be an array of strings; got a string ("x")'],
  ["a non-string spec", () => sdk.getAgentInfo({ dir: ".", spec: 42 as never }), "getAgentInfo: options.spec must be a string; got a number (42)"],
  ["a non-string spec to parseAgentSpec", () => sdk.parseAgentSpec(undefined as never), "parseAgentSpec: spec must be a string; got undefined"],
  ["a timeout as text", () => sdk.installAgents({ dir: ".", network: { timeoutMs: "30" as never } }), 'installAgents: options.network.timeoutMs must be a number; got a string ("30")'],
  ["a proxy as a URL string", () => sdk.searchAgents({ dir: ".", query: "x", network: { proxy: "http://p" as never } }), 'searchAgents: options.network.proxy must be an object { … }; got a string ("http://p")'],
  ["an unknown scope", () => sdk.listAgents({ dir: ".", scope: "global" as never }), 'listAgents: options.scope must be one of "project", "user"; got a string ("global")'],
  ["an unknown bump", () => sdk.publishAgent({ file: "a.md", to: "r", bump: "huge" as never }), 'publishAgent: options.bump must be one of "patch", "minor", "major"; got a string ("huge")'],
  ["a date as text", () => sdk.publishAgents({ paths: ["a.md"], to: "r", now: "2026-01-01" as never }), 'publishAgents: options.now must be a valid Date; got a string ("2026-01-01")'],
  ["text where bytes belong", () => sdk.computeIntegrity("hello" as never), 'computeIntegrity: bytes must be bytes (a Uint8Array or Buffer); got a string ("hello")'],
  ["a missing subject", () => sdk.verifyIntegrity(new Uint8Array(), "sha512-x", undefined as never), "verifyIntegrity: subject must be a string; got undefined"],
  ["neither bytes nor text", () => sdk.validateAgent({} as never), "validateAgent: options must have options.bytes or options.text (exactly one); got neither"],
  ["both bytes and text", () => sdk.validateForPublish({ bytes: new Uint8Array(), text: "" } as never), "validateForPublish: options must have options.bytes or options.text (exactly one); got both"],
  ["a Buffer as text", () => sdk.validateAgent({ text: Buffer.from("x") as never }), "validateAgent: options.text must be a string; got a Buffer"],
  ["a registry name instead of a source", () => sdk.createRegistryClient("builtin" as never), 'createRegistryClient: source must be a registry source { id, location, read, resolveTarball, readTarball } (e.g. createBuiltinSource()); got a string ("builtin")'],
  ["raw frontmatter where an agent belongs", () => sdk.findWidenings({ name: "x" } as never, { name: "x" } as never), "findWidenings: before must be an agent definition (from interpretAgent); got an object"],
  ["a port as text", () => sdk.serveRegistry({ dir: "r", port: "8080" as never }), 'serveRegistry: options.port must be a number; got a string ("8080")'],
  ["a userScope without dir", () => sdk.listAgents({ dir: ".", userScope: {} as never }), "listAgents: options.userScope.dir must be a path (a non-empty string); got undefined"],
  ["null options", () => sdk.verifyProject(null as never), "verifyProject: options must be an object { dir, configDir?, strict? }; got null"],
];

describe("wrong arguments to the public API", () => {
  it.each(WRONG_CALLS)("%s is E_USAGE naming the parameter", async (_case, call, message) => {
    const error = await thrownBy(call);
    expect(isAgentregError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ code: "E_USAGE", message });
    expect((error as sdk.AgentregError).hint).toMatch(/see \w+ in the @agentreg\/sdk API reference\.$/i);
  });

  it("the hint shows the shape of the options object", async () => {
    const error = await thrownBy(() => sdk.getAgentInfo([] as never));
    expect(error).toMatchObject({ hint: "getAgentInfo takes one options object { dir, spec, registry?, network? }; see getAgentInfo in the @agentreg/sdk API reference." });
  });
});

/** Functions that take no argument, and predicates, which answer `false` for anything that is not theirs. */
const NO_ARGUMENTS = new Set(["createBuiltinSource", "generateSigningKey", "projectConfigJsonSchema"]);
const PREDICATES = new Set(["isAgentregError", "isIntegrity", "isPublicKey"]);

describe("every exported function checks its arguments", () => {
  const functions = Object.entries(sdk)
    .filter(([name, value]) => typeof value === "function" && name !== "AgentregError")
    .map(([name]) => name)
    .sort();

  it("covers the whole public API", () => {
    expect(functions.length).toBeGreaterThan(60);
  });

  it.each(functions.filter((name) => !NO_ARGUMENTS.has(name) && !PREDICATES.has(name)))("%s refuses a symbol for its first argument with E_USAGE", async (name) => {
    const fn = (sdk as unknown as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown;
    const error = await thrownBy(() => fn(Symbol("wrong"), Symbol("wrong"), Symbol("wrong"), Symbol("wrong")));
    expect(isAgentregError(error), `${name} threw ${String(error)}`).toBe(true);
    expect((error as sdk.AgentregError).code).toBe("E_USAGE");
    expect((error as sdk.AgentregError).message).toMatch(new RegExp(`^${name}: \\S+ must be .*; got a symbol$`));
  });

  it.each([...PREDICATES])("%s answers false for a value that is not a string", (name) => {
    const fn = (sdk as unknown as Record<string, (value: unknown) => boolean>)[name] as (value: unknown) => boolean;
    for (const value of [undefined, null, 42, {}, [], Symbol("wrong")]) expect(fn(value)).toBe(false);
  });
});

describe("describeValue", () => {
  it.each([
    [undefined, "undefined"],
    [null, "null"],
    [[], "an array"],
    ["", "an empty string"],
    ["x.md", 'a string ("x.md")'],
    ["a".repeat(50), `a string ("${"a".repeat(40)}…")`],
    [3, "a number (3)"],
    [true, "a boolean (true)"],
    [() => 1, "a function"],
    [{}, "an object"],
    [Object.create(null), "an object"],
    [new Map(), "a Map"],
    [new Uint8Array(1), "a Uint8Array"],
  ])("%j is %s", (value, words) => {
    expect(describeValue(value)).toBe(words);
  });
});
