import type { RegistryIndex } from "../registry/protocol.js";
import type { AgentFacts } from "./agent-facts.js";
import type { SiteRegistry } from "./site-parts.js";

/** Bits of a search row's `flags`. */
export const SEARCH_FLAGS = { deprecated: 1, yanked: 2, hooks: 4, mcpServers: 8 } as const;

/**
 * The compact search index (`site/search-index.js`), one row per agent in index order:
 * `[name, latest, summary, keywords, tool numbers or "*", model number or -1, flags, permissionMode or ""]`.
 * Tool and model names are listed once and numbered, so 10,000 rows stay about 2.5 MB and the
 * script filters them with number lookups. The script file assigns one global: a page loads it with
 * `<script src>`, which works from `file://` where fetching a JSON file does not.
 */
export function renderSearchScript(registry: SiteRegistry, facts: readonly AgentFacts[], tools: readonly string[], models: readonly string[]): string {
  const toolNumbers = new Map(tools.map((tool, i) => [tool, i]));
  const modelNumbers = new Map(models.map((model, i) => [model, i]));
  const rows = registry.index.agents.map((entry: RegistryIndex["agents"][number], i) => {
    const fact = facts[i] as AgentFacts;
    const version = registry.packuments.get(entry.name)?.versions[entry.latest];
    const flags =
      (version?.deprecated === undefined ? 0 : SEARCH_FLAGS.deprecated) |
      (version?.yanked ? SEARCH_FLAGS.yanked : 0) |
      (fact.hooks ? SEARCH_FLAGS.hooks : 0) |
      (fact.mcpServers ? SEARCH_FLAGS.mcpServers : 0);
    return [
      entry.name,
      entry.latest,
      entry.description,
      entry.keywords,
      fact.tools === "all" ? "*" : fact.tools.map((tool) => toolNumbers.get(tool) as number),
      fact.model === undefined ? -1 : (modelNumbers.get(fact.model) as number),
      flags,
      fact.permissionMode ?? "",
    ];
  });
  // A JSON text inside a string literal: V8 parses JSON.parse("…") faster than the same object
  // literal, and nothing in the data can end the literal early.
  return `"use strict";\nglobalThis.agentregSearchIndex = JSON.parse(${JSON.stringify(JSON.stringify({ tools, models, agents: rows }))});\n`;
}
