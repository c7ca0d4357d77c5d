import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeTerminal, escapeValue } from "../render/escape-terminal.js";
import { renderSarif } from "../render/render-sarif.js";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .alias("lint")
    .description("check agent files the way Claude Code reads them; exit 1 on errors")
    .argument("[paths...]", "agent files or folders of them", [".claude/agents"])
    .option("--fix-encoding", "repair double-encoded text (UTF-8 read as cp1252) in place, changing nothing else")
    .option("--format <format>", "text, json or sarif (SARIF 2.1.0, for code scanning)", "text")
    .option("--for-publish", "also apply the registry's publish policy, as publish and registry build do")
    .addHelpText("after", examples(["agentreg validate", "agentreg validate my-agent.md", "agentreg validate agents/ --json", "agentreg validate agents/ --for-publish", "agentreg validate my-agent.md --fix-encoding", "agentreg validate .claude/agents --format sarif > agentreg.sarif"]))
    .action(async (paths: string[], options: { fixEncoding?: boolean; format: string; forPublish?: boolean }, command: Command) => {
      const context = commandContext(command);
      const { validatePaths, AgentregError, RULES } = await import("@agentreg/sdk");
      if (!["text", "json", "sarif"].includes(options.format)) {
        throw new AgentregError("E_USAGE", `--format must be text, json or sarif, not ${JSON.stringify(options.format)}`, { hint: "For example: --format sarif > agentreg.sarif" });
      }
      const { files, errors, warnings, repairs } = await validatePaths({ paths, forPublish: options.forPublish === true, fixEncoding: options.fixEncoding === true, dryRun: context.dryRun });
      for (const repair of repairs) context.note(`${context.dryRun ? "would fix" : "fixed"} ${escapeValue(repair.path)}:${repair.line}:${repair.column} ${escapeValue(repair.from)} → ${escapeValue(repair.to)}`);
      if (options.format === "sarif") process.stdout.write(renderSarif(files, RULES, process.cwd()));
      else context.output({ files, errors, warnings }, () => {
        const lines: string[] = [];
        for (const file of files) {
          for (const issue of file.issues) {
            const where = `${escapeValue(file.path)}${issue.line === undefined ? "" : `:${issue.line}${issue.column === undefined ? "" : `:${issue.column}`}`}`;
            const repaired = issue.repaired === undefined ? "" : ` (repaired: ${escapeValue(issue.repaired)})`;
            lines.push(`${where}: ${issue.severity} ${escapeValue(issue.ruleId)}: ${escapeTerminal(issue.message)}${repaired}`);
          }
        }
        lines.push(`${files.length} file${files.length === 1 ? "" : "s"} checked: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
        return `${lines.join("\n")}\n`;
      });
      if (errors > 0) {
        throw new AgentregError("E_INVALID_AGENT", `${errors} error${errors === 1 ? "" : "s"} in ${files.filter((f) => !f.ok).length} file(s)`, {
          hint: "Fix the errors listed above (rule ids are in docs/validate.md).",
        });
      }
    });
}
