// examples/search-agents.mjs: find agents by words in their name, keywords or description.
import { searchAgents } from "@agentreg/sdk";

const { registry, results } = await searchAgents({ dir: process.cwd(), query: "review", limit: 3 });
console.log(`${results.length} result(s) in ${registry}`);
for (const hit of results) console.log(`${hit.name}@${hit.latest}: ${hit.description.split(/(?<=[.!?])\s/)[0]}`);
