import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";
import { reportSkipped } from "../render/report-skipped.js";
import { runInstalling } from "./installing.js";

export function registerUpdate(program: Command): void {
  program
    .command("update")
    .alias("up")
    .description("move agents to the highest version their range allows (--latest: to latest, rewriting the range)")
    .argument("[agents...]", "names as written in agentreg.json; all when none")
    .option("--latest", "move to the latest version and record ^latest as the range")
    .option("--force", "replace files you edited (a backup copy is kept)")
    .option("--allow-new-permissions", "accept versions that grant more tools or permissions than the installed ones")
    .option("--target <tools>", "install for these coding tools this time, comma-separated (claude, opencode, copilot, gemini, codex, cursor, qwen; default: targets in agentreg.json)")
    .option("--allow-hidden-unicode", "install agents whose text has hidden Unicode (tag characters, bidi controls, zero-width characters)")
    .addHelpText("after", examples(["agentreg update", "agentreg update senior-backend-engineer --latest", "agentreg update --dry-run"]))
    .action(async (names: string[], options: { latest?: boolean; force?: boolean; allowNewPermissions?: boolean; allowHiddenUnicode?: boolean; target?: string }, command: Command) => {
      const context = commandContext(command);
      const { updateAgents, skippedError } = await import("@agentreg/sdk");
      const result = await runInstalling(context, options, (request) => updateAgents({ ...request, names, latest: options.latest === true }));
      context.output(result, () => {
        const moved = result.agents.filter((agent) => agent.previousVersion !== undefined);
        const lines = moved.map((agent) => `${escapeValue(agent.key)} ${escapeValue(agent.previousVersion ?? "")} → ${escapeValue(agent.version)}`);
        if (lines.length === 0) lines.push(result.skipped.length > 0 ? "nothing updated" : "all agents are up to date");
        if (result.dryRun && moved.length > 0) lines.push("dry run: nothing was written");
        return `${lines.join("\n")}\n`;
      });
      reportSkipped(context, result, skippedError);
    });
}
