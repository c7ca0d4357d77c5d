import { checkArgument } from "../check-arguments.js";
import { AgentregError, ErrorCode } from "../errors.js";

/** Every coding tool agentreg installs agents for (issue 17). `claude` is the registry's own format. */
export const TARGET_IDS = ["claude", "opencode", "copilot", "gemini", "codex", "cursor", "qwen"] as const;

export type TargetId = (typeof TARGET_IDS)[number];

/** A coding tool an agent can be installed for: where its agent files live and what they can say. */
export interface AgentTarget {
  id: TargetId;
  /** The tool's name, for output and docs. */
  label: string;
  /** The folder of project agents, relative to the project root. */
  projectFolder: string;
  /** The folder of the user's agents, relative to the home folder (`-g`). */
  userFolder: string;
  /** The file name of agent `name` in that folder. */
  fileName(name: string): string;
  /** How the file can limit an agent's tools: one by one, or only as a read-only or writing agent. */
  grants: "tools" | "permissions" | "sandbox" | "readonly";
  /** Whether a Claude model can be named for the agent, and how. */
  models: string;
  /** Where the format was read (the tool's own source or docs), for docs/targets.md. */
  source: string;
}

const markdown = (name: string): string => `${name}.md`;

/**
 * The targets, each as its own tool reads agents (sources in docs/targets.md). Paths are POSIX and
 * relative: the project root for a project install, the home folder for `-g`.
 */
export const AGENT_TARGETS: Readonly<Record<TargetId, AgentTarget>> = {
  claude: {
    id: "claude",
    label: "Claude Code",
    projectFolder: ".claude/agents",
    userFolder: ".claude/agents",
    fileName: markdown,
    grants: "tools",
    models: "as written",
    source: "https://code.claude.com/docs/en/sub-agents",
  },
  opencode: {
    id: "opencode",
    label: "OpenCode",
    projectFolder: ".opencode/agents",
    userFolder: ".config/opencode/agents",
    fileName: markdown,
    grants: "permissions",
    models: "anthropic/<model id>",
    source: "anomalyco/opencode packages/core/src/v1/config/agent.ts, permission.ts",
  },
  copilot: {
    id: "copilot",
    label: "GitHub Copilot",
    projectFolder: ".github/agents",
    userFolder: ".copilot/agents",
    fileName: (name) => `${name}.agent.md`,
    grants: "tools",
    models: "Copilot model names (claude-sonnet-4.5)",
    source: "github/docs content/copilot/reference/custom-agents-configuration.md",
  },
  gemini: {
    id: "gemini",
    label: "Gemini CLI",
    projectFolder: ".gemini/agents",
    userFolder: ".gemini/agents",
    fileName: markdown,
    grants: "tools",
    models: "Gemini models only (a Claude model is left out)",
    source: "google-gemini/gemini-cli packages/core/src/agents/agentLoader.ts",
  },
  codex: {
    id: "codex",
    label: "OpenAI Codex",
    projectFolder: ".codex/agents",
    userFolder: ".codex/agents",
    fileName: (name) => `${name}.toml`,
    grants: "sandbox",
    models: "OpenAI models only (a Claude model is left out)",
    source: "openai/codex codex-rs/core/src/config/agent_roles.rs",
  },
  cursor: {
    id: "cursor",
    label: "Cursor",
    projectFolder: ".cursor/agents",
    userFolder: ".cursor/agents",
    fileName: markdown,
    grants: "readonly",
    models: "left out (Cursor's model names differ)",
    source: "https://cursor.com/docs/subagents",
  },
  qwen: {
    id: "qwen",
    label: "Qwen Code",
    projectFolder: ".qwen/agents",
    userFolder: ".qwen/agents",
    fileName: markdown,
    grants: "tools",
    models: "left out (a Claude alias would be read as a model id)",
    source: "@qwen-code/qwen-code 0.24.4: subagent-manager.ts, tools/tool-names.ts; docs/features/sub-agents.md",
  },
};

/**
 * Where agent `name` installs for `target`, relative to the project root (or, for `scope: "user"`,
 * the home folder).
 *
 * @example
 * targetPath("opencode", "reviewer"); // ".opencode/agents/reviewer.md"
 * targetPath("codex", "reviewer", "user"); // ".codex/agents/reviewer.toml"
 */
export function targetPath(target: TargetId, name: string, scope: "project" | "user" = "project"): string {
  checkArgument("targetPath", "target", target, "string");
  checkArgument("targetPath", "name", name, "string");
  if (!isTargetId(target)) throw new AgentregError(ErrorCode.USAGE, `targetPath: unknown target ${JSON.stringify(target)}`, { subject: target, hint: `Targets are ${TARGET_IDS.join(", ")}.` });
  const definition = AGENT_TARGETS[target];
  return `${scope === "user" ? definition.userFolder : definition.projectFolder}/${definition.fileName(name)}`;
}

/** Whether `value` names a target. */
export function isTargetId(value: unknown): value is TargetId {
  return typeof value === "string" && (TARGET_IDS as readonly string[]).includes(value);
}

/**
 * A list of targets as a user writes it (`--target opencode,copilot`, or `agentreg.json`'s
 * `targets`), checked, without repeats, in the order of `TARGET_IDS`.
 *
 * @example
 * parseTargets("copilot, claude"); // ["claude", "copilot"]
 */
export function parseTargets(value: string | readonly string[]): TargetId[] {
  if (!Array.isArray(value)) checkArgument("parseTargets", "value", value, "string");
  else checkArgument("parseTargets", "value", value, "string[]");
  const items = (typeof value === "string" ? value.split(",") : [...value]).map((item) => item.trim()).filter((item) => item !== "");
  const unknown = items.filter((item) => !isTargetId(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new AgentregError(ErrorCode.USAGE, items.length === 0 ? "no target named" : `unknown target ${unknown.map((item) => JSON.stringify(item)).join(", ")}`, {
      subject: unknown[0] ?? "targets",
      hint: `Targets are ${TARGET_IDS.join(", ")} (see \`agentreg targets\`).`,
    });
  }
  return TARGET_IDS.filter((id) => items.includes(id));
}

/**
 * Where a publisher's own file for `target` sits in an agent's package (and in a registry source's
 * version folder): `targets/<target>/<file name>`. It is installed for that target instead of the
 * translation (issue 17).
 *
 * @example
 * handWrittenPath("opencode", "reviewer"); // "targets/opencode/reviewer.md"
 */
export function handWrittenPath(target: Exclude<TargetId, "claude">, name: string): string {
  return `targets/${target}/${AGENT_TARGETS[target].fileName(name)}`;
}

/** The targets a publisher can ship a file of their own for: every one but Claude Code, whose file is the agent. */
export const OTHER_TARGET_IDS = TARGET_IDS.filter((id): id is Exclude<TargetId, "claude"> => id !== "claude");
