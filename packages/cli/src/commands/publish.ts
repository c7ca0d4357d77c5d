import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeTerminal, escapeValue } from "../render/escape-terminal.js";

export function registerPublish(program: Command): void {
  program
    .command("publish")
    .description("validate an agent file and add it as a new version to a registry source folder")
    .argument("<file>", "the agent file (its name must match the agent's name)")
    .requiredOption("--to <source-dir>", "the registry source folder (see `agentreg registry init`)")
    .option("--version <x.y.z>", "the version to publish; an existing version is refused")
    .option("--bump <level>", "patch, minor or major: the next version after the highest published one")
    .option("--license <spdx>", "record the agent's license (e.g. MIT) in the source")
    .option("--keywords <list>", "record comma-separated search keywords in the source")
    .addHelpText(
      "after",
      examples(["agentreg publish reviewer.md --to ./my-registry --version 1.0.0 --license MIT --keywords review,quality", "agentreg publish reviewer.md --to ./my-registry --bump minor", "agentreg publish reviewer.md --to ./my-registry --bump patch --dry-run"]),
    )
    .action(async (file: string, options: { to: string; version?: string; bump?: "patch" | "minor" | "major"; license?: string; keywords?: string }, command: Command) => {
      const context = commandContext(command);
      const { publishAgent } = await import("@agentreg/sdk");
      const result = await publishAgent({ file, to: options.to, version: options.version, bump: options.bump, license: options.license, keywords: options.keywords?.split(","), dryRun: context.dryRun });
      for (const issue of result.issues.filter((i) => i.severity === "warning")) {
        context.note(`warning: ${escapeValue(file)}${issue.line === undefined ? "" : `:${issue.line}`}: ${escapeValue(issue.ruleId)}: ${escapeTerminal(issue.message)}`);
      }
      context.output({ ...result, dryRun: context.dryRun }, () => {
        const what = `${escapeValue(result.name)}@${escapeValue(result.version)}${result.previous === undefined ? "" : ` (after ${escapeValue(result.previous)})`}`;
        const to = escapeValue(options.to);
        if (!context.dryRun) return `published ${what} to ${to}\nnext: agentreg registry build ${to} --out <dir>\n`;
        return `would publish ${what} to ${to}, writing:\n${result.files.map((path) => `  ${escapeValue(path)}`).join("\n")}\ndry run: nothing was written\n`;
      });
    });
}
