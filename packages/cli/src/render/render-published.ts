import type { PublishAgentsResult, PublishFileResult } from "@agentreg/sdk";
import type { CommandContext } from "../context.js";
import { escapeTerminal, escapeValue } from "./escape-terminal.js";

/**
 * What `publish` prints: one line per file found (published, skipped with the reason, refused with
 * the rule and message), then the counts and the next command. A publish of one named file keeps
 * its one-line form. Type-only SDK import: rendering must not load the SDK.
 */
export function renderPublished(result: PublishAgentsResult, options: { to: string; dryRun: boolean; single: boolean }): string {
  const to = escapeValue(options.to);
  const only = result.files[0];
  if (options.single && only?.status === "published") return renderOne(only, to, options.dryRun);
  const lines = result.files.map((file) => fileLine(file, options.dryRun));
  if (!options.single) {
    lines.push(`${result.published} ${options.dryRun ? "would be published" : "published"}, ${result.skipped} skipped, ${result.refused} refused (${to})`);
  }
  if (options.dryRun) lines.push("dry run: nothing was written");
  else if (result.published > 0) lines.push(`next: agentreg registry build ${to} --out <dir>`);
  return `${lines.join("\n")}\n`;
}

/** Validation warnings of the published files, on stderr, as `validate` shows them. */
export function notePublishWarnings(context: CommandContext, result: PublishAgentsResult): void {
  for (const file of result.files) {
    if (file.status !== "published") continue;
    for (const issue of file.issues.filter((i) => i.severity === "warning")) {
      context.note(`warning: ${escapeValue(file.file)}${issue.line === undefined ? "" : `:${issue.line}`}: ${escapeValue(issue.ruleId)}: ${escapeTerminal(issue.message)}`);
    }
  }
}

function renderOne(file: Extract<PublishFileResult, { status: "published" }>, to: string, dryRun: boolean): string {
  const what = `${escapeValue(file.name)}@${escapeValue(file.version)}${file.previous === undefined ? "" : ` (after ${escapeValue(file.previous)})`}`;
  if (!dryRun) return `published ${what} to ${to}\nnext: agentreg registry build ${to} --out <dir>\n`;
  return `would publish ${what} to ${to}, writing:\n${file.written.map((path) => `  ${escapeValue(path)}`).join("\n")}\ndry run: nothing was written\n`;
}

function fileLine(file: PublishFileResult, dryRun: boolean): string {
  const path = escapeValue(file.file);
  switch (file.status) {
    case "published": {
      const after = file.previous === undefined ? "" : ` (after ${escapeValue(file.previous)})`;
      const renamed = file.renamed ? ", renamed" : "";
      return `${dryRun ? "would publish" : "published"} ${escapeValue(file.name)}@${escapeValue(file.version)}${after} from ${path}${renamed}`;
    }
    case "skipped":
      return `skipped ${path}: ${escapeValue(file.reason)}`;
    case "refused":
      return `refused ${path}: ${file.error.code}${file.ruleId === undefined ? "" : ` ${escapeValue(file.ruleId)}`}: ${escapeValue(file.error.message)}`;
  }
}
