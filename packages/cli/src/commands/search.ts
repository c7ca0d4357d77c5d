import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeTerminal } from "../render/escape-terminal.js";

export function registerSearch(program: Command): void {
  program
    .command("search")
    .description("find agents by name, keyword or description")
    .argument("[words...]", "words that must all match; none lists every agent")
    .option("--limit <n>", "show at most n results", "20")
    .addHelpText("after", examples(["agentreg search backend", "agentreg search code review --json"]))
    .action(async (words: string[], options: { limit: string }, command: Command) => {
      const context = commandContext(command);
      const limit = Number.parseInt(options.limit, 10);
      const { searchAgents, AgentregError } = await import("@agentreg/sdk");
      if (!Number.isInteger(limit) || limit < 1) {
        throw new AgentregError("E_USAGE", `--limit must be a positive whole number, not ${JSON.stringify(options.limit)}`, { hint: "For example: --limit 10." });
      }
      const result = await searchAgents({ dir: context.configDir, query: words.join(" "), limit, ...(context.registry === undefined ? {} : { registry: context.registry }), network: context.network });
      context.output(result, () => {
        if (result.results.length === 0) return `no agents match ${JSON.stringify(words.join(" "))}\n`;
        return result.results
          .map((hit) => {
            const tools = hit.tools === "all" ? "all tools" : hit.tools.join(", ");
            return `${escapeTerminal(hit.name)}@${escapeTerminal(hit.latest)}  ${escapeTerminal(hit.description)}\n    tools: ${escapeTerminal(tools)}${hit.keywords.length ? `  keywords: ${hit.keywords.map(escapeTerminal).join(", ")}` : ""}\n`;
          })
          .join("");
      });
    });
}
