import { InvalidArgumentError, type Command } from "commander";
import { commandContext, examples } from "../context.js";
import { notePublishWarnings, renderPublished } from "../render/render-published.js";

interface PublishFlags {
  to: string;
  version?: string;
  bump?: "patch" | "minor" | "major";
  license?: string;
  keywords?: string;
  rename?: boolean;
  targetFile?: string[];
}

export function registerPublish(program: Command): void {
  program
    .command("publish")
    .description("validate agent files and add them as new versions to a registry source folder")
    .argument("<paths...>", "agent files, folders of them (searched at any depth), or a Claude Code plugin marketplace folder")
    .requiredOption("--to <source-dir>", "the registry source folder (see `agentreg registry init`)")
    .option("--version <x.y.z>", "the version to publish; an existing version is refused (skipped when it holds the same bytes)")
    .option("--bump <level>", "patch, minor or major: the next version after the highest published one")
    .option("--license <spdx>", "record the agents' license (e.g. MIT) in the source")
    .option("--keywords <list>", "record comma-separated search keywords in the source")
    .option("--rename", "publish a file named otherwise under its frontmatter name (fastapi-pro.md holding python-development-fastapi-pro)")
    .option("--target-file <target=file>", "ship your own file for another coding tool, installed instead of the translation (repeatable; one agent only)", collectTargetFile)
    .addHelpText(
      "after",
      examples([
        "agentreg publish reviewer.md --to ./my-registry --version 1.0.0 --license MIT --keywords review,quality",
        "agentreg publish reviewer.md --to ./my-registry --bump minor",
        "agentreg publish .claude/agents --to ./my-registry --version 1.0.0",
        "agentreg publish ./claude-code-workflows --to ./my-registry --version 1.0.0 --rename --dry-run",
        "agentreg publish reviewer.md --to ./my-registry --version 1.1.0 --target-file codex=reviewer.toml",
      ]),
    )
    .action(async (paths: string[], options: PublishFlags, command: Command) => {
      const context = commandContext(command);
      const { publishAgents, AgentregError } = await import("@agentreg/sdk");
      const result = await publishAgents({ paths, to: options.to, version: options.version, bump: options.bump, license: options.license, keywords: options.keywords?.split(","), rename: options.rename === true, ...targetFilesOf(options.targetFile), dryRun: context.dryRun });
      // One named file keeps the one-file contract: its refusal is the command's error, its result the output.
      const single = paths.length === 1 && result.files.length === 1 && result.files[0]?.file === paths[0] ? result.files[0] : undefined;
      if (single?.status === "refused") throw single.error;
      notePublishWarnings(context, result);
      context.output({ ...(single ?? result), dryRun: context.dryRun }, () => renderPublished(result, { to: options.to, dryRun: context.dryRun, single: single !== undefined }));
      const refused = result.files.flatMap((file) => (file.status === "refused" ? [file.error] : []));
      if (refused[0] !== undefined) {
        // One shared hint (a missing --rename, say) is worth repeating; a mix of problems is listed above.
        const hints = new Set(refused.map((error) => error.hint));
        const hint = hints.size === 1 ? refused[0].hint : undefined;
        throw new AgentregError(refused[0].code, `${result.refused} of ${result.files.length} files refused; ${result.published} ${context.dryRun ? "would be" : result.published === 1 ? "was" : "were"} published`, {
          hint: hint ?? "Fix the files refused above and publish them again.",
        });
      }
    });
}

/** One `--target-file <target>=<file>`, checked as it is parsed, added to the ones before it. */
function collectTargetFile(value: string, previous: string[] = []): string[] {
  const at = value.indexOf("=");
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError(`expected <target>=<file>, e.g. codex=reviewer.toml`);
  return [...previous, value];
}

/** `--target-file codex=reviewer.toml`, repeated, as `{ targetFiles: { codex: "reviewer.toml" } }`. */
function targetFilesOf(values: string[] | undefined): { targetFiles?: Record<string, string> } {
  if (values === undefined || values.length === 0) return {};
  return { targetFiles: Object.fromEntries(values.map((value) => [value.slice(0, value.indexOf("=")), value.slice(value.indexOf("=") + 1)])) };
}
