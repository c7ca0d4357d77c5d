import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { sdkWithRegistryStarted } from "../sdk-for-registry.js";
import { escapeValue } from "../render/escape-terminal.js";
import { wholeNumber } from "../parse-number.js";

export function registerSearch(program: Command): void {
  program
    .command("search")
    .description("find agents by name, keyword or description")
    .argument("[words...]", "words that must all match; none lists every agent")
    .option("--limit <n>", "show at most n results", wholeNumber({ min: 1 }), 20)
    .addHelpText("after", examples(["agentreg search backend", "agentreg search code review --json"]))
    .action(async (words: string[], options: { limit: number }, command: Command) => {
      const context = commandContext(command);
      const { limit } = options;
      const { searchAgents } = await sdkWithRegistryStarted(context);
      const result = await searchAgents({ dir: context.configDir, query: words.join(" "), limit, ...(context.registry === undefined ? {} : { registry: context.registry }), network: context.network });
      context.output(result, () => {
        if (result.results.length === 0) return `no agents match ${escapeValue(JSON.stringify(words.join(" ")))}\n`;
        // No tools here: the index's are the registry's claim, and grants are shown only from an
        // agent's own file (DESIGN §8), which `info` fetches and verifies.
        return result.results
          .map((hit) => `${escapeValue(hit.name)}@${escapeValue(hit.latest)}  ${escapeValue(hit.description)}\n${hit.keywords.length ? `    keywords: ${hit.keywords.map(escapeValue).join(", ")}\n` : ""}`)
          .join("");
      });
      if (!context.json && result.results.length > 0) context.note(`tool grants: \`agentreg info ${escapeValue(result.results[0]?.name ?? "")}\` reads them from the agent's own file`);
    });
}
