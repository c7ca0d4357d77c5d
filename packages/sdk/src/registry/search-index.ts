import type { RegistryIndex, RegistryIndexEntry } from "./protocol.js";

/**
 * One index entry that matched. Everything in it is what the index claims: its `tools` and `model`
 * are not read from the agent's file, so they must not be shown as the agent's grants (DESIGN §8);
 * `getAgentInfo` reads those from the verified file.
 */
export interface SearchHit extends RegistryIndexEntry {
  score: number;
}

/**
 * The entries of a registry's index that match every word of `query`: names weigh most, then
 * keywords, then descriptions; ties sort by name. An empty query matches everything equally.
 */
export function searchIndex(index: RegistryIndex, query: string, limit = 20): SearchHit[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  // Scored in place and only the shown hits copied: an index can hold 10,000 agents, all matching.
  const hits: Array<{ agent: RegistryIndexEntry; score: number }> = [];
  for (const agent of index.agents) {
    const score = scoreAgent(agent, terms);
    if (score > 0) hits.push({ agent, score });
  }
  hits.sort((a, b) => b.score - a.score || (a.agent.name < b.agent.name ? -1 : 1));
  return hits.slice(0, limit).map(({ agent, score }) => ({ ...agent, score }));
}

/** 0 when some term matches nothing. */
function scoreAgent(agent: RegistryIndexEntry, terms: string[]): number {
  if (terms.length === 0) return 1;
  const description = agent.description.toLowerCase();
  const keywords = agent.keywords.map((keyword) => keyword.toLowerCase());
  let total = 0;
  for (const term of terms) {
    const score =
      (agent.name === term ? 100 : agent.name.startsWith(term) ? 50 : agent.name.includes(term) ? 30 : 0) +
      (keywords.includes(term) ? 20 : keywords.some((keyword) => keyword.includes(term)) ? 10 : 0) +
      (description.includes(term) ? 5 : 0);
    if (score === 0) return 0;
    total += score;
  }
  return total;
}
