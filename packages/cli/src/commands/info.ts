import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { sdkWithRegistryStarted } from "../sdk-for-registry.js";
import { escapeTerminal, escapeValue } from "../render/escape-terminal.js";
import { grantLines } from "../render/render-grants.js";

export function registerInfo(program: Command): void {
  program
    .command("info")
    .alias("view")
    .description("show an agent's description, tool grants and every published version")
    .argument("<agent>", "name, name@range or @registry/name")
    .addHelpText("after", examples(["agentreg info senior-backend-engineer", "agentreg info senior-backend-engineer --json"]))
    .action(async (spec: string, _options: unknown, command: Command) => {
      const context = commandContext(command);
      const { getAgentInfo } = await sdkWithRegistryStarted(context);
      const info = await getAgentInfo({ dir: context.configDir, spec, ...(context.registry === undefined ? {} : { registry: context.registry }), network: context.network });
      context.output(info, () => {
        // The grants and model are read from the resolved version's verified file, not the registry's metadata.
        const grants =
          info.unloadable === undefined
            ? grantLines(info, "all (no tools line: inherits every tool)")
            : [`grants: none (Claude Code loads nothing from this file: ${escapeValue(info.unloadable)})`];
        const lines = [`${escapeValue(info.name)}@${escapeValue(info.resolved)}  (${escapeValue(info.registry)})`, escapeTerminal(info.description), ...grants];
        if (info.model) lines.push(`model: ${escapeValue(info.model)}`);
        if (info.license) lines.push(`license: ${escapeValue(info.license)}`);
        if (info.keywords.length > 0) lines.push(`keywords: ${info.keywords.map(escapeValue).join(", ")}`);
        lines.push(`dist-tags: ${Object.entries(info.distTags).map(([tag, v]) => `${escapeValue(tag)}=${escapeValue(v)}`).join(" ")}`, "versions:");
        for (const v of info.versions) {
          const flags = [v.yanked ? "yanked" : "", v.deprecated ? `deprecated: ${escapeTerminal(v.deprecated)}` : ""].filter(Boolean).join("; ");
          lines.push(`  ${escapeValue(v.version)}  ${escapeValue(v.publishedAt.slice(0, 10))}  ${escapeValue(v.integrity.slice(0, 24))}…${flags ? `  (${flags})` : ""}`);
        }
        return `${lines.join("\n")}\n`;
      });
    });
}
