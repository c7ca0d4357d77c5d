import { describe, expect, it } from "vitest";
import { interpretAgent, type AgentDefinition } from "./agent-definition.js";
import { describeGrants, findWidenings, formatWidenings, listGrants, type Widening } from "./permission-widening.js";

const base = { name: "reviewer", description: "Reviews code." };

function agentOf(data: Record<string, unknown>): AgentDefinition {
  const result = interpretAgent({ ...base, ...data });
  if (!result.ok) throw new Error(`expected an agent, got ${result.ruleId}`);
  return result.agent;
}

const github = { type: "stdio", command: "npx", args: ["-y", "@modelcontextprotocol/server-github"] };
const lintHook = { matcher: "Bash", hooks: [{ type: "command", command: "./lint.sh" }] };
const auditHook = { type: "command", command: "./audit.sh" };
const everything = {
  tools: "Read, Bash(git *)",
  disallowedTools: "Write",
  model: "opus",
  permissionMode: "acceptEdits",
  mcpServers: { github },
  hooks: { Stop: [lintHook] },
};

describe("findWidenings: each way an update grants more", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, Widening[]]>([
    ["a tool is added", { tools: "Read" }, { tools: "Read, Bash" }, [{ kind: "tools-added", message: "adds tools: Bash" }]],
    [
      "added tools are listed sorted",
      { tools: "Read" },
      { tools: "Write, Read, Bash" },
      [{ kind: "tools-added", message: "adds tools: Bash, Write" }],
    ],
    [
      "a broader rule is a new tool, compared as Claude Code compares names",
      { tools: ["Bash(git *)"] },
      { tools: ["Bash"] },
      [{ kind: "tools-added", message: "adds tools: Bash" }],
    ],
    ["an empty list gains a tool", { tools: [] }, { tools: "Read" }, [{ kind: "tools-added", message: "adds tools: Read" }]],
    [
      "the tools line is removed",
      { tools: "Read" },
      {},
      [{ kind: "tools-all", message: "removes the tools line (grants every tool)" }],
    ],
    [
      "`*` is added to the tools",
      { tools: "Read" },
      { tools: "Read, *" },
      [{ kind: "tools-all", message: "removes the tools line (grants every tool)" }],
    ],
    [
      "a disallowed tool is allowed again",
      { disallowedTools: "Bash, Write" },
      { disallowedTools: "Write" },
      [{ kind: "disallowed-removed", message: "allows previously disallowed tools: Bash" }],
    ],
    [
      "the permission mode changes",
      { permissionMode: "default" },
      { permissionMode: "bypassPermissions" },
      [{ kind: "permission-mode", message: "changes permissionMode: default → bypassPermissions" }],
    ],
    [
      "a permission mode appears",
      {},
      { permissionMode: "acceptEdits" },
      [{ kind: "permission-mode", message: "changes permissionMode: (none) → acceptEdits" }],
    ],
    [
      "a permission mode disappears",
      { permissionMode: "plan" },
      {},
      [{ kind: "permission-mode", message: "changes permissionMode: plan → (none)" }],
    ],
    [
      "an MCP server is added (mapping)",
      {},
      { mcpServers: { github } },
      [{ kind: "mcp-servers-added", message: "adds mcpServers: github" }],
    ],
    [
      "an MCP server reference is added (list)",
      { mcpServers: ["slack"] },
      { mcpServers: ["slack", "github"] },
      [{ kind: "mcp-servers-added", message: "adds mcpServers: github" }],
    ],
    [
      "an inline MCP server is added (list)",
      { mcpServers: ["slack"] },
      { mcpServers: ["slack", { github }] },
      [{ kind: "mcp-servers-added", message: "adds mcpServers: github" }],
    ],
    [
      "an MCP server with a `name` field is added (list)",
      {},
      { mcpServers: [{ name: "github", ...github }] },
      [{ kind: "mcp-servers-added", message: "adds mcpServers: github" }],
    ],
    [
      "a known MCP server gets a different command",
      { mcpServers: { github } },
      { mcpServers: { github: { ...github, command: "./github-server" } } },
      [{ kind: "mcp-servers-added", message: "adds mcpServers: github" }],
    ],
    [
      "a server reference becomes an inline definition",
      { mcpServers: ["github"] },
      { mcpServers: [{ github }] },
      [{ kind: "mcp-servers-added", message: "adds mcpServers: github" }],
    ],
    [
      "a hook event is added",
      {},
      { hooks: { PreToolUse: [lintHook] } },
      [{ kind: "hooks-added", message: "adds hooks: PreToolUse" }],
    ],
    [
      "a hook group is added to an existing event",
      { hooks: { PreToolUse: [lintHook] } },
      { hooks: { PreToolUse: [lintHook, { matcher: "Write", hooks: [auditHook] }] } },
      [{ kind: "hooks-added", message: "adds hooks: PreToolUse" }],
    ],
    [
      "a command is added to an existing hook group",
      { hooks: { PreToolUse: [lintHook] } },
      { hooks: { PreToolUse: [{ ...lintHook, hooks: [...lintHook.hooks, auditHook] }] } },
      [{ kind: "hooks-added", message: "adds hooks: PreToolUse" }],
    ],
    [
      "a hook's matcher is widened",
      { hooks: { PreToolUse: [lintHook] } },
      { hooks: { PreToolUse: [{ ...lintHook, matcher: "*" }] } },
      [{ kind: "hooks-added", message: "adds hooks: PreToolUse" }],
    ],
    ["the model changes", { model: "sonnet" }, { model: "opus" }, [{ kind: "model-changed", message: "changes model: sonnet → opus" }]],
    ["a model appears", {}, { model: "opus" }, [{ kind: "model-changed", message: "changes model: (inherit) → opus" }]],
    ["a model disappears", { model: "haiku" }, {}, [{ kind: "model-changed", message: "changes model: haiku → (inherit)" }]],
  ])("when %s", (_rule, before, after, widenings) => {
    expect(findWidenings(agentOf(before), agentOf(after))).toEqual(widenings);
  });
});

describe("findWidenings: what is not a widening", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["identical agents", everything, { ...everything }],
    ["a tool is removed", { tools: "Read, Bash" }, { tools: "Read" }],
    ["tools are only reordered or repeated", { tools: "Read, Grep" }, { tools: "Grep, Read, Grep" }],
    ["every tool becomes a list", {}, { tools: "Read, Grep" }],
    ["every tool stays every tool", { tools: "*" }, {}],
    ["a disallowed tool is added", { disallowedTools: "Write" }, { disallowedTools: "Write, Bash" }],
    ["an MCP server is removed", { mcpServers: { github, slack: {} } }, { mcpServers: { github } }],
    ["MCP servers move from a mapping to the same inline list", { mcpServers: { github } }, { mcpServers: [{ github }] }],
    ["MCP servers move from an inline list to the same mapping", { mcpServers: [{ github }] }, { mcpServers: { github } }],
    [
      "an MCP config only changes key order",
      { mcpServers: { github } },
      { mcpServers: { github: { args: github.args, command: "npx", type: "stdio" } } },
    ],
    [
      "a hook event is removed",
      { hooks: { PreToolUse: [lintHook], Stop: [lintHook] } },
      { hooks: { PreToolUse: [lintHook] } },
    ],
    [
      "a command is removed from a hook group",
      { hooks: { PreToolUse: [{ ...lintHook, hooks: [...lintHook.hooks, auditHook] }] } },
      { hooks: { PreToolUse: [lintHook] } },
    ],
    ["a hook event with no commands is added", {}, { hooks: { PreToolUse: [] } }],
    ["a missing model becomes `inherit`, which Claude Code does anyway", {}, { model: "inherit" }],
    ["the description and colour change", { color: "red" }, { color: "blue", description: "Reviews code, now in blue." }],
  ])("when %s", (_rule, before, after) => {
    expect(findWidenings(agentOf(before), agentOf(after))).toEqual([]);
  });
});

describe("findWidenings: several at once", () => {
  it("reports every widening, ordered by kind", () => {
    const before = agentOf({ tools: "Read", disallowedTools: "Bash", model: "sonnet", permissionMode: "default" });
    const after = agentOf({
      tools: "Read, Write, Edit",
      model: "opus",
      permissionMode: "bypassPermissions",
      mcpServers: ["github"],
      hooks: { Stop: [lintHook], PreToolUse: [lintHook] },
    });
    expect(findWidenings(before, after)).toEqual([
      { kind: "tools-added", message: "adds tools: Edit, Write" },
      { kind: "disallowed-removed", message: "allows previously disallowed tools: Bash" },
      { kind: "permission-mode", message: "changes permissionMode: default → bypassPermissions" },
      { kind: "mcp-servers-added", message: "adds mcpServers: github" },
      { kind: "hooks-added", message: "adds hooks: PreToolUse, Stop" },
      { kind: "model-changed", message: "changes model: sonnet → opus" },
    ]);
  });

  it("shows control characters from the agent file as escapes", () => {
    const [widening] = findWidenings(agentOf({ tools: "Read" }), agentOf({ tools: ["Read", "Bash\u001b[8m"] }));
    expect(widening?.message).toBe("adds tools: Bash\\u{1b}[8m");
  });

  it("shows zero-width and bidi characters as escapes, so a look-alike tool name cannot pass for a granted one", () => {
    const [widening] = findWidenings(agentOf({ tools: "Read" }), agentOf({ tools: ["Read\u200b", "Bash\u202e"] }));
    expect(widening?.message).toBe("adds tools: Bash\\u{202e}, Read\\u{200b}");
  });
});

describe("formatWidenings", () => {
  it("puts every message on one line after the name and versions", () => {
    const before = agentOf({ tools: "Read", model: "sonnet" });
    const widenings = findWidenings(before, agentOf({ tools: "Read, Bash", model: "opus" }));
    expect(formatWidenings("senior-backend-engineer", "1.0.0", "1.1.0", widenings)).toBe(
      "widen senior-backend-engineer 1.0.0 → 1.1.0 adds tools: Bash; changes model: sonnet → opus",
    );
  });

  it("is empty when nothing widens", () => {
    expect(formatWidenings("reviewer", "1.0.0", "1.0.1", [])).toBe("");
  });
});

describe("describeGrants", () => {
  it.each<[Record<string, unknown>, string]>([
    [{}, "tools: all"],
    [{ tools: "Read, Grep" }, "tools: Read, Grep"],
    [{ tools: [] }, "tools: none"],
    [{ disallowedTools: "Write, Edit" }, "tools: all; disallowedTools: Write, Edit"],
    [{ tools: "Read", permissionMode: "plan" }, "tools: Read; permissionMode: plan"],
    [{ mcpServers: { github, slack: {} } }, "tools: all; mcpServers: github, slack"],
    [{ mcpServers: ["slack", { github }] }, "tools: all; mcpServers: slack, github"],
    [{ hooks: { PreToolUse: [lintHook], Stop: [] } }, "tools: all; hooks: PreToolUse"],
    [
      everything,
      "tools: Read, Bash(git *); disallowedTools: Write; permissionMode: acceptEdits; mcpServers: github; hooks: Stop",
    ],
  ])("describes %j as %j", (data, summary) => {
    expect(describeGrants(agentOf(data))).toBe(summary);
  });
});

describe("listGrants", () => {
  it.each<[Record<string, unknown>, ReturnType<typeof listGrants>]>([
    [{}, { tools: "all", disallowedTools: [], mcpServers: [], hooks: [] }],
    [{ tools: "Read, Grep", permissionMode: "plan" }, { tools: ["Read", "Grep"], disallowedTools: [], permissionMode: "plan", mcpServers: [], hooks: [] }],
    [{ mcpServers: ["slack", { github }], hooks: { PreToolUse: [lintHook], Stop: [] } }, { tools: "all", disallowedTools: [], mcpServers: ["slack", "github"], hooks: ["PreToolUse"] }],
    [everything, { tools: ["Read", "Bash(git *)"], disallowedTools: ["Write"], permissionMode: "acceptEdits", mcpServers: ["github"], hooks: ["Stop"] }],
    // Raw values: escaping is the printer's job, and JSON output must carry the file's exact names.
    [{ tools: ["Bash\u202e"] }, { tools: ["Bash\u202e"], disallowedTools: [], mcpServers: [], hooks: [] }],
  ])("lists the grants of %j", (data, grants) => {
    expect(listGrants(agentOf(data))).toEqual(grants);
  });
});
