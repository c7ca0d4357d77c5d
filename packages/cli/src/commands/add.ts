import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { sdkWithRegistryStarted } from "../sdk-for-registry.js";
import { renderChanges } from "../render/render-changes.js";
import { reportSkipped } from "../render/report-skipped.js";
import { runInstalling } from "./installing.js";

export function registerAdd(program: Command): void {
  program
    .command("add")
    .description("resolve, verify and install agents, pinning them in agentreg.json and agentreg.lock")
    .argument("<agents...>", "name, name@range or @registry/name@range")
    .option("--force", "replace a file that was edited or not installed by agentreg (a backup copy is kept)")
    .option("--adopt", "take over a file agentreg did not install if it equals a published version")
    .option("--allow-new-permissions", "accept a version that grants more tools or permissions than the installed one")
    .option("--allow-hidden-unicode", "install agents whose text has hidden Unicode (tag characters, bidi controls, zero-width characters)")
    .option("--target <tools>", "install for these coding tools this time, comma-separated (claude, opencode, copilot, gemini, codex, cursor, qwen; default: targets in agentreg.json)")
    .addHelpText(
      "after",
      examples([
        "agentreg add senior-backend-engineer",
        "agentreg add senior-backend-engineer@1.0.0",
        "agentreg add @acme/reviewer@~2.1.0",
        "agentreg add my-agent --registry ./my-registry",
        "agentreg add code-reviewer --target opencode,copilot",
      ]),
    )
    .action(async (specs: string[], options: { force?: boolean; adopt?: boolean; allowNewPermissions?: boolean; allowHiddenUnicode?: boolean; target?: string }, command: Command) => {
      const context = commandContext(command);
      const { addAgents, skippedError } = await sdkWithRegistryStarted(context);
      const result = await runInstalling(context, options, (request) => addAgents({ ...request, specs, adopt: options.adopt === true }));
      context.output(result, () => renderChanges(result.agents, { dryRun: result.dryRun, showPath: context.showPath }));
      reportSkipped(context, result, skippedError);
    });
}
