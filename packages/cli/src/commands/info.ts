import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeTerminal } from "../render/escape-terminal.js";

export function registerInfo(program: Command): void {
  program
    .command("info")
    .alias("view")
    .description("show an agent's description, tool grants and every published version")
    .argument("<agent>", "name, name@range or @registry/name")
    .addHelpText("after", examples(["agentreg info senior-backend-engineer", "agentreg info senior-backend-engineer --json"]))
    .action(async (spec: string, _options: unknown, command: Command) => {
      const context = commandContext(command);
      const { getAgentInfo } = await import("@agentreg/sdk");
      const info = await getAgentInfo({ dir: context.configDir, spec, ...(context.registry === undefined ? {} : { registry: context.registry }), network: context.network });
      context.output(info, () => {
        const lines = [
          `${escapeTerminal(info.name)}@${info.resolved}  (${escapeTerminal(info.registry)})`,
          escapeTerminal(info.description),
          `tools: ${info.tools === "all" ? "all (no tools line: inherits every tool)" : info.tools.map(escapeTerminal).join(", ") || "none"}`,
        ];
        if (info.model) lines.push(`model: ${escapeTerminal(info.model)}`);
        if (info.license) lines.push(`license: ${escapeTerminal(info.license)}`);
        if (info.keywords.length > 0) lines.push(`keywords: ${info.keywords.map(escapeTerminal).join(", ")}`);
        lines.push(`dist-tags: ${Object.entries(info.distTags).map(([tag, v]) => `${escapeTerminal(tag)}=${escapeTerminal(v)}`).join(" ")}`, "versions:");
        for (const v of info.versions) {
          const flags = [v.yanked ? "yanked" : "", v.deprecated ? `deprecated: ${escapeTerminal(v.deprecated)}` : ""].filter(Boolean).join("; ");
          lines.push(`  ${v.version}  ${v.publishedAt.slice(0, 10)}  ${v.integrity.slice(0, 24)}…${flags ? `  (${flags})` : ""}`);
        }
        return `${lines.join("\n")}\n`;
      });
    });
}
