import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeTerminal } from "../render/escape-terminal.js";

export function registerPublish(program: Command): void {
  program
    .command("publish")
    .description("validate an agent file and add it as a new version to a registry source folder")
    .argument("<file>", "the agent file (its name must match the agent's name)")
    .requiredOption("--to <source-dir>", "the registry source folder (see `agentreg registry init`)")
    .requiredOption("--version <x.y.z>", "the version to publish; an existing version is refused")
    .addHelpText("after", examples(["agentreg publish reviewer.md --to ./my-registry --version 1.0.0"]))
    .action(async (file: string, options: { to: string; version: string }, command: Command) => {
      const context = commandContext(command);
      const { publishAgent } = await import("@agentreg/sdk");
      const result = await publishAgent({ file, to: options.to, version: options.version, dryRun: context.dryRun });
      for (const issue of result.issues.filter((i) => i.severity === "warning")) {
        context.note(`warning: ${file}${issue.line === undefined ? "" : `:${issue.line}`}: ${issue.ruleId}: ${escapeTerminal(issue.message)}`);
      }
      context.output(result, () =>
        `${context.dryRun ? "would publish" : "published"} ${escapeTerminal(result.name)}@${result.version} to ${options.to}\n${context.dryRun ? "dry run: nothing was written\n" : `next: agentreg registry build ${options.to} --out <dir>\n`}`,
      );
    });
}
