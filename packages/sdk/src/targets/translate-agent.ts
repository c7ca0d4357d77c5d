import { loadAgentFile } from "../agent/load-agent-file.js";
import type { AgentDefinition } from "../agent/agent-definition.js";
import { splitFrontmatter } from "../agent/frontmatter-split.js";
import { checkArgument } from "../check-arguments.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { AGENT_TARGETS, isTargetId, type TargetId } from "./agent-targets.js";
import { markdownFile, tomlFile, type EmittedValue } from "./emit-files.js";
import { translateModel } from "./model-names.js";
import { grantsWriting, translateGrants, type ListTarget } from "./tool-grants.js";

/** Something of the agent the target's file does not carry, or carries differently, and why. */
export interface TranslationFinding {
  target: TargetId;
  /** The Claude frontmatter field (`tools`, `model`, `hooks`, …). */
  field: string;
  message: string;
}

export interface TranslatedAgent {
  target: TargetId;
  /** The file name in the target's agents folder (`reviewer.agent.md`, `reviewer.toml`). */
  fileName: string;
  bytes: Uint8Array;
  findings: TranslationFinding[];
}

/** Names Qwen Code keeps for itself (validation.ts). */
const QWEN_RESERVED = new Set(["self", "system", "user", "model", "tool", "config", "default", "main"]);

/** Claude fields no other tool has an equivalent for; each one present is a finding, never dropped silently. */
const CLAUDE_ONLY = ["permissionMode", "hooks", "mcpServers", "color", "skills"] as const;

/**
 * An agent file (Claude Code's format, as registries hold it) in another tool's format: the same
 * name, description and system prompt; tools, model and permissions as far as the target can say
 * them, narrowed and never widened; and a finding for everything it cannot carry. Pure and
 * deterministic: the same bytes give the same file. For `claude` the bytes are returned as they are.
 *
 * @example
 * const { fileName, bytes, findings } = translateAgent(agentBytes, "opencode");
 * // fileName "reviewer.md", to write in .opencode/agents/
 */
export function translateAgent(source: Uint8Array, target: TargetId): TranslatedAgent {
  checkArgument("translateAgent", "source", source, "bytes");
  if (!isTargetId(target)) throw new AgentregError(ErrorCode.USAGE, `translateAgent: unknown target ${JSON.stringify(target)}`, { subject: String(target), hint: "Use one of TARGET_IDS." });
  const loaded = loadAgentFile(source);
  if (!loaded.ok) throw new AgentregError(ErrorCode.INVALID_AGENT, `cannot translate an agent Claude Code would not load: ${loaded.message}`, { subject: "agent", hint: "Run `agentreg validate` on the file, or install it for Claude Code only." });
  const agent = loaded.agent;
  const fileName = AGENT_TARGETS[target].fileName(agent.name);
  if (target === "claude") return { target, fileName, bytes: source, findings: [] };
  const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(source);
  const block = splitFrontmatter(text);
  const body = block.ok ? block.body : "";
  const findings: TranslationFinding[] = [];
  const note = (field: string, message: string): void => {
    findings.push({ target, field, message });
  };
  for (const field of CLAUDE_ONLY) if (agent[field] !== undefined) note(field, `${AGENT_TARGETS[target].label} has no equivalent; left out`);
  for (const field of Object.keys(agent.extra)) note(field, `not a Claude Code field; left out`);
  const output = TRANSLATORS[target](agent, body, note);
  return { target, fileName, bytes: new TextEncoder().encode(output), findings };
}

type Note = (field: string, message: string) => void;

const TRANSLATORS: Record<Exclude<TargetId, "claude">, (agent: AgentDefinition, body: string, note: Note) => string> = {
  opencode(agent, body, note) {
    const grants = toolList(agent, "opencode", note);
    // Everything denied first, then what the agent has: later rules win in OpenCode.
    const permission = grants === "all" ? undefined : Object.fromEntries([["*", "deny"], ...grants.map((tool) => [tool, "allow"])]);
    return markdownFile(
      [
        ["description", agent.description],
        ["mode", "subagent"],
        ["model", model(agent, "opencode", note)],
        ["permission", permission],
      ],
      body,
    );
  },
  copilot(agent, body, note) {
    const grants = toolList(agent, "copilot", note);
    return markdownFile(
      [
        ["name", agent.name],
        ["description", agent.description],
        ["tools", grants === "all" ? undefined : grants],
        ["model", model(agent, "copilot", note)],
      ],
      body,
    );
  },
  gemini(agent, body, note) {
    const grants = toolList(agent, "gemini", note);
    let name = agent.name;
    if (!/^[a-z0-9_-]+$/.test(name)) {
      name = name.replace(/[^a-z0-9_-]/g, "-");
      note("name", `Gemini CLI agent names are lowercase letters, digits, - and _; named ${name}`);
    }
    model(agent, "gemini", note);
    const entries: Array<readonly [string, EmittedValue | undefined]> = [
      ["name", name],
      ["description", agent.description],
      ["tools", grants === "all" ? undefined : grants],
    ];
    return markdownFile(entries, body);
  },
  codex(agent, body, note) {
    model(agent, "codex", note);
    const writes = grantsWriting(agent);
    if (agent.tools !== "all" || agent.disallowedTools.length > 0) {
      note("tools", `Codex has no list of tools per agent: it runs in the ${writes ? "workspace-write" : "read-only"} sandbox${writes ? "" : " (the agent does not have Edit, Write and Bash all three)"}, with Codex's own tools`);
    }
    const web = agent.tools === "all" ? !agent.disallowedTools.includes("WebSearch") : agent.tools.includes("WebSearch");
    return tomlFile(
      [
        ["name", agent.name],
        ["description", agent.description],
        ["sandbox_mode", writes ? "workspace-write" : "read-only"],
        ["web_search", web ? undefined : "disabled"],
        ["developer_instructions", body.replace(/^\s*\n/, "")],
      ],
      ["developer_instructions"],
    );
  },
  qwen(agent, body, note) {
    const grants = toolList(agent, "qwen", note);
    model(agent, "qwen", note);
    // Qwen Code's names: letters, digits, _ and -, 2 to 50 of them, and none of a few words it reserves.
    let name = agent.name;
    if (!/^[\p{L}\p{N}_-]+$/u.test(name)) {
      name = name.replace(/[^\p{L}\p{N}_-]/gu, "-");
      note("name", `Qwen Code agent names are letters, digits, - and _; named ${name}`);
    }
    if (QWEN_RESERVED.has(name.toLowerCase()) || name.length < 2 || name.length > 50) note("name", `Qwen Code does not load an agent named ${name} (a reserved word, or not 2 to 50 characters)`);
    return markdownFile(
      [
        ["name", name],
        ["description", agent.description],
        ["tools", grants === "all" ? undefined : grants],
      ],
      body,
    );
  },
  cursor(agent, body, note) {
    model(agent, "cursor", note);
    const writes = grantsWriting(agent);
    if (agent.tools !== "all" || agent.disallowedTools.length > 0) {
      note("tools", `Cursor has no list of tools per agent: the agent is ${writes ? "a writing agent" : "read-only (it does not have Edit, Write and Bash all three)"}, with Cursor's own tools`);
    }
    return markdownFile(
      [
        ["name", agent.name],
        ["description", agent.description],
        ["readonly", writes ? undefined : true],
      ],
      body,
    );
  },
};

function toolList(agent: AgentDefinition, target: ListTarget, note: Note): string[] | "all" {
  const { tools, dropped } = translateGrants(agent, target);
  for (const { grant, why } of dropped) note("tools", `${grant} not granted: ${why}`);
  return tools;
}

function model(agent: AgentDefinition, target: Exclude<TargetId, "claude">, note: Note): string | undefined {
  const translated = translateModel(agent.model, target);
  if (translated.model === undefined && translated.why !== undefined) note("model", translated.why);
  return translated.model;
}
