import { describe, expect, it } from "vitest";
import { interpretAgent, type AgentDefinition } from "./agent-definition.js";

const base = { name: "reviewer", description: "Reviews code." };

function agentOf(data: Record<string, unknown>): AgentDefinition {
  const result = interpretAgent(data);
  if (!result.ok) throw new Error(`expected an agent, got ${result.ruleId}`);
  return result.agent;
}

describe("interpretAgent: what Claude Code skips", () => {
  it.each([
    [{ description: "d" }, "name-missing"],
    [{ name: null, description: "d" }, "name-missing"],
    [{ name: "", description: "d" }, "name-missing"],
    [{ name: 42, description: "d" }, "name-invalid"],
    [{ name: ["a"], description: "d" }, "name-invalid"],
    [{ name: "-a", description: "d" }, "name-invalid"],
    [{ name: "plugin:a", description: "d" }, "name-invalid"],
    [{ name: "a: b", description: "d" }, "name-invalid"],
    [{ name: "a\uFF1Ab", description: "d" }, "name-invalid"],
    [{ name: "a".repeat(257), description: "d" }, "name-invalid"],
    [{ name: "a" }, "description-missing"],
    [{ name: "a", description: null }, "description-missing"],
    [{ name: "a", description: "" }, "description-missing"],
    [{ name: "a", description: false }, "description-missing"],
    [{ name: "a", description: 42 }, "description-invalid"],
    [{ name: "a", description: true }, "description-invalid"],
    [{ name: "a", description: ["a"] }, "description-invalid"],
    [{ name: "a", description: { a: "b" } }, "description-invalid"],
  ])("skips %j as %s", (data, ruleId) => {
    expect(interpretAgent(data)).toMatchObject({ ok: false, ruleId, message: /Claude Code skips this file/ });
  });
});

describe("interpretAgent: how Claude Code reads the fields", () => {
  it.each([
    ["no tools line inherits every tool", {}, "all"],
    ["a comma-separated string is split and trimmed", { tools: " Read, Grep ,Glob " }, ["Read", "Grep", "Glob"]],
    ["empty entries are dropped", { tools: "Read,, Grep," }, ["Read", "Grep"]],
    ["a list is taken as it is", { tools: ["Read", "Bash(git log:*)"] }, ["Read", "Bash(git log:*)"]],
    ["`*` in a string means every tool", { tools: "Read, *" }, "all"],
    ["`*` in a list means every tool", { tools: ["*"] }, "all"],
    ["an empty list grants no tool", { tools: [] }, []],
  ])("tools: %s", (_rule, data, tools) => {
    expect(agentOf({ ...base, ...data }).tools).toEqual(tools);
  });

  it.each([
    ["Code Reviewer", "spaces and capitals"],
    ["python-3.12.expert", "dots"],
    ["a".repeat(256), "256 characters"],
    ["a\u2236b", "a ratio sign, which is no colon under NFKC"],
  ])("loads the name %j (%s), as Claude Code does", (name) => {
    expect(agentOf({ ...base, name }).name).toBe(name);
  });

  it.each([
    ["sonnet", "sonnet"],
    [" sonnet\n", "sonnet"],
    ["inherit", "inherit"],
    ["  INHERIT ", "inherit"],
    ["claude-opus-4-1-20250805", "claude-opus-4-1-20250805"],
    ["", undefined],
    ["  ", undefined],
    [4, undefined],
    [["opus"], undefined],
  ])("reads model %j as %j", (model, read) => {
    expect(agentOf({ ...base, model }).model).toBe(read);
  });

  it("keeps the description as written, spaces included", () => {
    expect(agentOf({ ...base, description: " " }).description).toBe(" ");
  });

  it("turns a literal \\n in the description into a newline", () => {
    expect(agentOf({ ...base, description: String.raw`First.\n\nSecond.` }).description).toBe("First.\n\nSecond.");
  });

  it.each([
    ["cyan", "cyan"],
    ["purple", "purple"],
    ["magenta", undefined],
    ["Cyan", undefined],
  ])("keeps color %j only if Claude Code knows it", (color, kept) => {
    expect(agentOf({ ...base, color }).color).toBe(kept);
  });

  it("reads disallowedTools and skills like tools, and keeps the rest as given", () => {
    const hooks = { PreToolUse: [] };
    const agent = agentOf({
      ...base,
      disallowedTools: "Write, Edit",
      skills: ["pdf"],
      model: "opus",
      permissionMode: "plan",
      mcpServers: ["github"],
      hooks,
      effort: "high",
    });
    expect(agent).toEqual({
      name: "reviewer",
      description: "Reviews code.",
      tools: "all",
      disallowedTools: ["Write", "Edit"],
      skills: ["pdf"],
      model: "opus",
      permissionMode: "plan",
      mcpServers: ["github"],
      hooks,
      extra: { effort: "high" },
    });
  });

  it("keeps a `__proto__` field as data, never as the prototype", () => {
    const data = JSON.parse('{"name":"a","description":"d","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const agent = agentOf(data);
    expect(Object.keys(agent.extra)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(agent.extra)).toBe(Object.prototype);
  });
});
