import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { AgentDefinition } from "../agent/agent-definition.js";
import { validateAgent, type ValidationIssue } from "../agent/validate-agent.js";
import { AgentregError, ErrorCode } from "../errors.js";

export interface ValidAgent {
  agent: AgentDefinition;
  frontmatter: Record<string, unknown>;
  issues: ValidationIssue[];
}

/**
 * Validates an agent file's bytes and refuses, as `E_INVALID_AGENT` naming `file:line`, one that has
 * an error: what Claude Code would not load is never packed, published or built into a registry.
 *
 * @example
 * const { agent } = requireValidAgent({ bytes, file: "reviewer.md", what: "published" });
 */
export function requireValidAgent(options: { bytes: Uint8Array; file: string; fileName?: string; label?: string; what: string }): ValidAgent {
  const checked = validateAgent({ bytes: options.bytes, fileName: options.fileName ?? basename(options.file) });
  const errors = checked.issues.filter((issue) => issue.severity === "error");
  if (checked.ok && checked.agent && checked.frontmatter && errors.length === 0) {
    return { agent: checked.agent, frontmatter: checked.frontmatter, issues: checked.issues };
  }
  const first = errors[0];
  const where = first?.line === undefined ? options.file : `${options.file}:${first.line}`;
  throw new AgentregError(ErrorCode.INVALID_AGENT, `${options.label === undefined ? where : `${options.label} (${where})`} is not a valid agent: ${first?.message ?? "invalid"}`, {
    subject: where,
    hint: `Run \`agentreg validate ${options.file}\` for every problem; nothing was ${options.what}.`,
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
