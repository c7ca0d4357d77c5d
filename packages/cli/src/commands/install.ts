import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";
import { renderChanges } from "../render/render-changes.js";
import { reportSkipped } from "../render/report-skipped.js";
import { runInstalling } from "./installing.js";

export function registerInstall(program: Command): void {
  program
    .command("install")
    .alias("i")
    .description("make .claude/agents match agentreg.json and agentreg.lock")
    .option("--frozen", "install exactly what agentreg.lock says; fail if it does not match agentreg.json (CI)")
    .option("--force", "replace files that were edited or not installed by agentreg (backup copies are kept)")
    .option("--allow-new-permissions", "accept versions that grant more tools or permissions than the installed ones")
    .option("--allow-hidden-unicode", "install agents whose text has hidden Unicode (tag characters, bidi controls, zero-width characters)")
    .option("--target <tools>", "install for these coding tools this time, comma-separated (claude, opencode, copilot, gemini, codex, cursor, qwen; default: targets in agentreg.json)")
    .addHelpText("after", examples(["agentreg install", "agentreg install --frozen"]))
    .action(async (options: { frozen?: boolean; force?: boolean; allowNewPermissions?: boolean; allowHiddenUnicode?: boolean; target?: string }, command: Command) => {
      const context = commandContext(command);
      const { installAgents, skippedError } = await import("@agentreg/sdk");
      const result = await runInstalling(context, options, (request) => installAgents({ ...request, frozen: options.frozen === true }));
      context.output(result, () => {
        const lines = [renderChanges(result.agents, { dryRun: result.dryRun, showPath: context.showPath })];
        for (const key of result.removed) lines.push(`- ${escapeValue(key)} (no longer in agentreg.json)\n`);
        return lines.join("");
      });
      reportSkipped(context, result, skippedError);
    });
}
