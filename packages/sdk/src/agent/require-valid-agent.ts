import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { AgentDefinition } from "./agent-definition.js";
import type { ValidationIssue } from "./validate-agent.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { PUBLISH_POLICY, validateForPublish } from "./publish-policy.js";

export interface ValidAgent {
  agent: AgentDefinition;
  frontmatter: Record<string, unknown>;
  issues: ValidationIssue[];
}

/**
 * Validates an agent file's bytes with the registry's publish policy (publish-policy.ts) and refuses,
 * as `E_INVALID_AGENT` naming `file:line`, one that has an error: what Claude Code would not load, or
 * what the policy does not accept, is never packed, published or built into a registry. The message
 * says which of the two it is.
 *
 * @example
 * const { agent } = requireValidAgent({ bytes, file: "reviewer.md", what: "published" });
 */
export function requireValidAgent(options: { bytes: Uint8Array; file: string; fileName?: string; label?: string; what: string }): ValidAgent {
  const checked = validateForPublish({ bytes: options.bytes, fileName: options.fileName ?? basename(options.file) });
  const errors = checked.issues.filter((issue) => issue.severity === "error");
  if (checked.ok && checked.agent && checked.frontmatter && errors.length === 0) {
    return { agent: checked.agent, frontmatter: checked.frontmatter, issues: checked.issues };
  }
  // A file Claude Code refuses is reported as such first; a policy finding only when it is all there is.
  const first = errors.find((issue) => !Object.hasOwn(PUBLISH_POLICY, issue.ruleId)) ?? errors[0];
  const where = first?.line === undefined ? options.file : `${options.file}:${first.line}`;
  const subject = options.label === undefined ? where : `${options.label} (${where})`;
  const verdict = first !== undefined && Object.hasOwn(PUBLISH_POLICY, first.ruleId) ? "is refused" : "is not a valid agent";
  throw new AgentregError(ErrorCode.INVALID_AGENT, `${subject} ${verdict}: ${first?.message ?? "invalid"}`, {
    subject: where,
    hint: `Run \`agentreg validate --for-publish ${options.file}\` for every problem; nothing was ${options.what}.`,
    details: { issues: errors },
  });
}

/**
 * Reads an agent file named on the command line; a missing one is `E_NOT_FOUND` naming it.
 *
 * @example
 * const bytes = await readAgentFile("reviewer.md");
 */
export async function readAgentFile(file: string): Promise<Uint8Array> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new AgentregError(ErrorCode.NOT_FOUND, `cannot read ${file}: ${error.code ?? error.message}`, { subject: file, hint: "Check the path of the agent file." });
  });
}
