import { isBlockingFinding, lintAgentText } from "../agent/lint-agent-text.js";
import { AgentregError, ErrorCode } from "../errors.js";
import type { FetchedAgent } from "./fetch-agent.js";
import type { InstallEvent } from "./install-events.js";

/**
 * The agent-text gate, run on the exact bytes before anything is written (the bytes are never
 * changed). Hidden Unicode and bidi controls can carry instructions the human reviewer cannot see,
 * so they block unless `allowHiddenUnicode`; control characters and invalid UTF-8 always block;
 * mojibake and a BOM are reported as warnings.
 *
 * @example
 * assertSafeText({ agents: fetched, allowHiddenUnicode: false, onEvent });
 */
export function assertSafeText(options: { agents: FetchedAgent[]; allowHiddenUnicode: boolean; onEvent?: ((event: InstallEvent) => void) | undefined }): void {
  const problems: string[] = [];
  for (const agent of options.agents) {
    for (const [path, bytes] of agent.files) {
      const subject = `${agent.key}@${agent.lockEntry.version}`;
      // One lint per file: it both blocks and warns.
      const findings = lintAgentText(bytes);
      for (const finding of findings.filter((f) => isBlockingFinding(f, { allowHiddenUnicode: options.allowHiddenUnicode }))) {
        problems.push(`${subject} ${path}:${finding.line}${finding.column === undefined ? "" : `:${finding.column}`} ${finding.ruleId}: ${finding.message}`);
      }
      for (const finding of findings.filter((f) => f.severity === "warning")) {
        options.onEvent?.({ type: "text-warning", key: agent.key, version: agent.lockEntry.version, message: `${path}:${finding.line} ${finding.ruleId}: ${finding.message}` });
      }
    }
  }
  if (problems.length > 0) {
    throw new AgentregError(ErrorCode.UNSAFE_TEXT, `refusing text a reviewer cannot see:\n${problems.slice(0, 20).join("\n")}${problems.length > 20 ? `\n… and ${problems.length - 20} more` : ""}`, {
      subject: problems[0]?.split(" ")[0],
      hint: "Hidden characters can smuggle instructions past a human reviewer. Inspect the file with `agentreg validate`; install anyway only if you trust it, with --allow-hidden-unicode. Nothing was written.",
      details: { problems },
    });
  }
}
