import { checkAgentName } from "../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { stringifyStable } from "../stable-json.js";
import { marketplacePaths } from "../registry/marketplace-layout.js";

/*
 * The Claude Code plugin marketplace a built registry also is (issue 7): `marketplace.json` lists one
 * plugin per agent, and each plugin folder holds the agent's latest file, so
 * `/plugin marketplace add <dir-or-git-repo>` then `/plugin install <agent>@<registry>` works on any
 * agentreg registry without agentreg. The layout is registry/marketplace-layout.ts.
 */

export interface MarketplaceRegistry {
  /** Becomes the marketplace name users type after `@`; it must pass `checkMarketplaceName`. */
  name: string;
  /** The marketplace's `metadata.description`; a sentence naming the registry when absent. */
  description?: string | undefined;
  /** The marketplace's `owner.name`, and the author of agents that name none; the registry name when absent. */
  owner?: string | undefined;
}

/** One agent at its `latest` version: what its plugin holds. */
export interface MarketplaceAgent {
  name: string;
  version: string;
  /** The exact bytes of `<name>.md` at `version`. */
  bytes: Uint8Array;
  /** The one-line summary (no `<example>` blocks), as in the index. */
  description: string;
  keywords: readonly string[];
  license?: string | undefined;
  author?: string | undefined;
}

export interface ExportMarketplaceOptions {
  registry: MarketplaceRegistry;
  agents: readonly MarketplaceAgent[];
}

export interface ExportMarketplaceResult {
  /** The marketplace name: install with `<agent>@<name>`. */
  name: string;
  /** Registry-relative POSIX path -> bytes. */
  files: Map<string, Uint8Array>;
}

/**
 * Names Claude Code keeps for itself, matched without regard to case. Taken from Claude Code
 * 2.1.328's marketplace schema; `claude plugin validate` in tests/e2e/marketplace-export.test.ts
 * is the final word when it changes.
 */
const RESERVED_NAMES: Record<string, string> = {
  inline: "--plugin-dir session plugins",
  builtin: "built-in plugins",
  "skills-dir": "plugins loaded from .claude/skills/",
  synced: "plugins synced from claude.ai",
  "claude-plugin-test": "`claude plugin test`",
};

/** Names of official Anthropic marketplaces, which Claude Code accepts only from Anthropic's GitHub. */
const OFFICIAL_NAMES = new Set([
  "agent-skills",
  "anthropic-agent-skills",
  "anthropic-marketplace",
  "anthropic-plugin-directory",
  "anthropic-plugins",
  "claude-code-marketplace",
  "claude-code-plugins",
  "claude-community",
  "claude-for-financial-services",
  "claude-for-legal",
  "claude-plugin-directory",
  "claude-plugins-community",
  "claude-plugins-official",
  "claude-tag-plugins",
  "financial-services-plugins",
  "first-party-plugins",
  "healthcare",
  "knowledge-work-plugins",
  "life-sciences",
]);

/** Claude Code's look-alike test, on the name with everything but letters and digits removed. */
const OFFICIAL_LOOK_ALIKE = /official(?:anthropic|claude)|(?:anthropic|claude)official|^(?:anthropic|claude)(?:marketplace|plugins|official|director)/;

/**
 * Checks a registry name against the rules Claude Code enforces on marketplace names: no spaces,
 * printable ASCII only (it treats anything else as a possible look-alike), no `/`, `\` or `..`, not
 * `.`, not a reserved name, and nothing that passes for an official Anthropic marketplace.
 *
 * @returns `undefined` when the name is valid, otherwise a sentence saying what is wrong.
 * @example
 * checkMarketplaceName("acme-agents"); // undefined
 * checkMarketplaceName("builtin");     // "\"builtin\" is reserved by Claude Code for built-in plugins"
 */
export function checkMarketplaceName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (name === "") return "the name is empty";
  if (name.includes(" ")) return `"${name}" contains a space`;
  if (/[^\x21-\x7e]/.test(name)) return `${JSON.stringify(name)} contains a character outside printable ASCII`;
  if (/[/\\]/.test(name) || name.includes("..") || name === ".") return `"${name}" contains a path separator or "..", or is "."`;
  const reservedFor = Object.hasOwn(RESERVED_NAMES, lower) ? RESERVED_NAMES[lower] : undefined;
  if (reservedFor !== undefined) return `"${name}" is reserved by Claude Code for ${reservedFor}`;
  if (OFFICIAL_NAMES.has(lower)) return `"${name}" is reserved for an official Anthropic marketplace`;
  if (OFFICIAL_LOOK_ALIKE.test(lower.replace(/[^a-z0-9]+/g, ""))) return `"${name}" looks like an official Anthropic marketplace name`;
  return undefined;
}

/**
 * The marketplace files for a built registry. Pure and deterministic: sorted keys, plugins sorted by
 * name, and each agent file copied byte for byte.
 *
 * The registry name is used as it is, never rewritten: it is what users type in
 * `<agent>@<marketplace>` and what Claude Code stores, so a name Claude Code would refuse fails the
 * build with `E_REGISTRY` instead of turning silently into a different one.
 *
 * @throws {AgentregError} `E_REGISTRY` for a name Claude Code refuses, or an agent name that is
 * invalid or listed twice.
 * @example
 * const { name, files } = exportMarketplace({ registry: { name: "acme" }, agents: [reviewer] });
 * files.get(".claude-plugin/marketplace.json");
 */
export function exportMarketplace(options: ExportMarketplaceOptions): ExportMarketplaceResult {
  const { registry } = options;
  const problem = checkMarketplaceName(registry.name);
  if (problem !== undefined) {
    throw new AgentregError(ErrorCode.REGISTRY, `the registry name cannot be a Claude Code marketplace name: ${problem}`, {
      subject: registry.name,
      hint: 'Rename the registry in registry.json (lowercase letters, digits and hyphens, e.g. "acme-agents"), or build without the marketplace with --no-marketplace.',
    });
  }

  const owner = registry.owner || registry.name;
  const agents = [...options.agents].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files = new Map<string, Uint8Array>();
  const plugins: Record<string, unknown>[] = [];
  for (const agent of agents) {
    assertPluginName(agent.name, files);
    const plugin = pluginManifest(agent, owner);
    files.set(marketplacePaths.pluginManifest(agent.name), encode(stringifyStable(plugin)));
    files.set(marketplacePaths.pluginAgent(agent.name), agent.bytes);
    // The entry repeats the plugin's facts so `/plugin` can list them without opening every plugin.
    plugins.push({ ...plugin, source: marketplacePaths.pluginSource(agent.name) });
  }
  const manifest = {
    name: registry.name,
    owner: { name: owner },
    // Claude Code warns about a marketplace without a description (an error under --strict).
    metadata: { description: registry.description || `Claude Code subagents from the ${registry.name} agentreg registry.` },
    plugins,
  };
  files.set(marketplacePaths.manifest, encode(stringifyStable(manifest)));
  return { name: registry.name, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/**
 * plugin.json: only fields Claude Code's plugin schema knows, so `claude plugin validate --strict`
 * passes. An agent without an author is attributed to the registry's owner, who publishes it.
 */
function pluginManifest(agent: MarketplaceAgent, owner: string): Record<string, unknown> {
  return {
    name: agent.name,
    version: agent.version,
    ...(agent.description === "" ? {} : { description: agent.description }),
    ...(agent.keywords.length === 0 ? {} : { keywords: [...agent.keywords].sort() }),
    ...(agent.license === undefined ? {} : { license: agent.license }),
    author: { name: agent.author || owner },
  };
}

/** The name becomes a folder and a plugin id; a build only holds valid, distinct ones, so this is a guard. */
function assertPluginName(name: string, files: Map<string, Uint8Array>): void {
  const problem = checkAgentName(name) ?? (files.has(marketplacePaths.pluginManifest(name)) ? `"${name}" is listed twice` : undefined);
  if (problem !== undefined) {
    throw new AgentregError(ErrorCode.REGISTRY, `cannot export agent ${name} as a Claude Code plugin: ${problem}`, {
      subject: name,
      hint: "Name each agent folder of the registry source after its agent: lowercase letters, digits, `-` and `.`.",
    });
  }
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
