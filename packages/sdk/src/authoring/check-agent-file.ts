import { basename } from "node:path";
import { parseFrontmatter } from "../agent/parse-frontmatter.js";
import type { ValidationIssue } from "../agent/validate-agent.js";
import { AgentregError, ErrorCode } from "../errors.js";
import type { FoundAgentFile, FoundAgentMetadata } from "./list-agent-tree.js";
import { readAgentFile, requireValidAgent } from "../agent/require-valid-agent.js";

/** A file that passed the publish checks: its bytes and the name it is published under. */
export interface CheckedAgentFile {
  kind: "agent";
  file: string;
  bytes: Uint8Array;
  name: string;
  /** The file name differs from `name` and `rename` allowed it. */
  renamed: boolean;
  issues: ValidationIssue[];
  metadata?: FoundAgentMetadata;
}

/**
 * A file that is not published, and why: skipped (not an agent: `reason`) or refused (an agent with a
 * problem: the `error` a one-file publish throws).
 */
export type FileOutcome = { kind: "skipped"; file: string; reason: string } | { kind: "refused"; file: string; error: AgentregError };

/**
 * The rules whose error means "this Markdown file is not an agent at all": a file found in a folder
 * that breaks them is skipped, not refused. A file named on the command line is refused for them.
 */
const NOT_AN_AGENT: Record<string, string> = {
  "frontmatter-missing": "no frontmatter: not an agent",
  "name-missing": "its frontmatter has no name: not an agent",
};

const RENAME_HINT = "Rename the file after the `name` in its frontmatter (that name plus .md), or publish with --rename to publish it under that name.";

/**
 * Reads and validates one file for publishing with the registry's policy (`requireValidAgent`). The
 * agent is published under its frontmatter `name`; a file named otherwise (`fastapi-pro.md` holding
 * `python-development-fastapi-pro`, as collections namespace their agents) is refused with
 * `name-mismatch` unless `rename` is set.
 *
 * @example
 * const checked = await checkAgentFile({ path: "agents/fastapi-pro.md", explicit: false }, { rename: true });
 * if (checked.kind === "agent") checked.name; // "python-development-fastapi-pro"
 */
export async function checkAgentFile(found: FoundAgentFile, options: { rename: boolean }): Promise<CheckedAgentFile | FileOutcome> {
  const file = found.path;
  if (found.error !== undefined) return { kind: "refused", file, error: found.error };
  if (found.skip !== undefined) return { kind: "skipped", file, reason: found.skip };
  let bytes: Uint8Array;
  try {
    bytes = await readAgentFile(file);
  } catch (error) {
    if (error instanceof AgentregError) return { kind: "refused", file, error };
    throw error;
  }
  const fileName = basename(file);
  let checked;
  try {
    // With rename, the validator compares the name with the name the file is published as.
    checked = requireValidAgent({ bytes, file, fileName: options.rename ? (frontmatterFileName(bytes) ?? fileName) : fileName, what: "published" });
  } catch (error) {
    if (!(error instanceof AgentregError)) throw error;
    const rules = issuesOf(error).map((issue) => issue.ruleId);
    const notAgent = rules.map((rule) => NOT_AN_AGENT[rule]).find((reason) => reason !== undefined);
    if (!found.explicit && notAgent !== undefined) return { kind: "skipped", file, reason: notAgent };
    const hinted = rules.includes("name-mismatch") ? new AgentregError(error.code, error.message, { subject: error.subject, hint: RENAME_HINT, details: error.details }) : error;
    return { kind: "refused", file, error: hinted };
  }
  const name = checked.agent.name;
  const renamed = fileName !== `${name}.md`;
  // The registry installs `<name>.md`. Whatever severity the validator gives a differing file name,
  // publishing under another name than the file's is what --rename asks for, never a default.
  if (renamed && !options.rename) return { kind: "refused", file, error: nameMismatch(file, name, checked.issues) };
  return { kind: "agent", file, bytes, name, renamed, issues: checked.issues, ...(found.metadata === undefined ? {} : { metadata: found.metadata }) };
}

/** The file name `<name>.md` the frontmatter asks for, or undefined when it has no string name. */
function frontmatterFileName(bytes: Uint8Array): string | undefined {
  // TextDecoder drops a leading byte order mark, which Claude Code reads past too.
  const parsed = parseFrontmatter(new TextDecoder().decode(bytes));
  return parsed.ok && typeof parsed.data.name === "string" ? `${parsed.data.name}.md` : undefined;
}

function issuesOf(error: AgentregError): ValidationIssue[] {
  const issues = error.details?.issues;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
}

function nameMismatch(file: string, name: string, issues: ValidationIssue[]): AgentregError {
  const issue = issues.find((i) => i.ruleId === "name-mismatch") ?? { ruleId: "name-mismatch", severity: "error", message: `\`name\` is "${name}" but the file is ${basename(file)}` };
  const where = issue.line === undefined ? file : `${file}:${issue.line}`;
  return new AgentregError(ErrorCode.INVALID_AGENT, `${where}: the agent is named ${name}, the file ${basename(file)}; the registry would install it as ${name}.md`, {
    subject: where,
    hint: RENAME_HINT,
    details: { issues: [{ ...issue, severity: "error" }] },
  });
}
