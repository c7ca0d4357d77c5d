import type { TargetId } from "./agent-targets.js";

/**
 * What each Claude Code frontmatter field becomes in each target's file, as translate-agent.ts
 * writes it; docs/targets.md is generated from this table (the golden files in
 * tests/fixtures/targets hold the translators to it).
 */
export const FIELD_TRANSLATIONS: ReadonlyArray<{ field: string } & Record<Exclude<TargetId, "claude">, string>> = [
  {
    field: "name",
    opencode: "the file name (`.opencode/agents/<name>.md`)",
    copilot: "`name`, and the file name",
    gemini: "`name` (`.` becomes `-`: Gemini allows `a-z 0-9 - _`; a finding says so)",
    codex: "`name`",
    cursor: "`name`",
    qwen: "`name`",
  },
  { field: "description", opencode: "`description`", copilot: "`description`", gemini: "`description`", codex: "`description`", cursor: "`description`", qwen: "`description`" },
  { field: "body (system prompt)", opencode: "the body", copilot: "the body", gemini: "the body", codex: "`developer_instructions` (a multi-line string)", cursor: "the body", qwen: "the body" },
  {
    field: "tools",
    opencode: "`permission`: `\"*\": deny`, then `allow` for each granted tool (table below); missing `tools`: no `permission` (every tool)",
    copilot: "`tools`: Copilot's aliases (table below); missing: every tool",
    gemini: "`tools`: Gemini CLI's tool names (table below); missing: every tool",
    codex: "`sandbox_mode`: `workspace-write` when the agent has Edit, Write and Bash (or every tool), else `read-only`; `web_search = \"disabled\"` without WebSearch",
    cursor: "`readonly: true` unless the agent has Edit, Write and Bash (or every tool)",
    qwen: "`tools`: Qwen Code's tool names (table below); missing: every tool",
  },
  {
    field: "disallowedTools",
    opencode: "every tool agentreg knows but those, listed as above (MCP tools are then left out)",
    copilot: "as for OpenCode",
    gemini: "as for OpenCode",
    codex: "taken into the sandbox choice",
    cursor: "taken into `readonly`",
    qwen: "as for OpenCode",
  },
  { field: "model", opencode: "`anthropic/<id>`", copilot: "Copilot's name (`claude-sonnet-4.5`)", gemini: "left out (finding)", codex: "left out (finding)", cursor: "left out (finding)", qwen: "left out (finding)" },
  { field: "mode", opencode: "`mode: subagent`", copilot: "-", gemini: "-", codex: "-", cursor: "-", qwen: "-" },
  ...(["permissionMode", "hooks", "mcpServers", "color", "skills", "any other field"] as const).map((field) => ({
    field,
    opencode: "left out (finding)",
    copilot: "left out (finding)",
    gemini: "left out (finding)",
    codex: "left out (finding)",
    cursor: "left out (finding)",
    qwen: "left out (finding)",
  })),
];
