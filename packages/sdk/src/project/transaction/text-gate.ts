import { isBlockingFinding, readAgentText } from "../../agent/lint-agent-text.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { installPathFor } from "../state/agent-files.js";
import { AGENT_TARGETS, targetPath } from "../../targets/agent-targets.js";
import type { FetchedAgent } from "./fetch-agent.js";
import type { InstallEvent } from "./install-events.js";

/**
 * The agent-text gate, run on the exact bytes before anything is written (the bytes are never
 * changed). Hidden Unicode and bidi controls, in the bytes or in what the frontmatter's YAML escapes
 * decode to, can carry instructions the human reviewer cannot see, so they block unless
 * `allowHiddenUnicode`; control characters, invalid UTF-8 and non-ASCII tool or agent names always
 * block; mojibake, a BOM and blank-looking characters are reported as warnings. A frontmatter over
 * the resource limits (size, nesting, aliases) is refused as `E_INVALID_AGENT` before any of that.
 *
 * @example
 * assertSafeText({ agents: fetched, allowHiddenUnicode: false, onEvent });
 */
export function assertSafeText(options: { agents: FetchedAgent[]; allowHiddenUnicode: boolean; onEvent?: ((event: InstallEvent) => void) | undefined }): void {
  const problems: string[] = [];
  let overridable = true;
  for (const agent of options.agents) {
    // The registry's file, and the publisher's own Markdown files for other tools: every other file is a translation.
    const published: Array<readonly [string, Uint8Array]> = [[installPathFor(agent.name), agent.source], ...[...agent.handWritten].filter(([target]) => AGENT_TARGETS[target].fileName(agent.name).endsWith(".md")).map(([target, bytes]) => [targetPath(target, agent.name), bytes] as const)];
    for (const [path, bytes] of published) {
      const subject = `${agent.key}@${agent.lockEntry.version}`;
      // One read per file: it parses the frontmatter, blocks and warns.
      const { findings, frontmatter } = readAgentText(bytes);
      if (!frontmatter.ok && frontmatter.ruleId === "frontmatter-limit") {
        throw new AgentregError(ErrorCode.INVALID_AGENT, `${subject} ${path}: ${frontmatter.message}`, {
          subject,
          hint: "No agent needs frontmatter this large or deep; report the file to its publisher. Nothing was written.",
        });
      }
      for (const finding of findings.filter((f) => isBlockingFinding(f, { allowHiddenUnicode: options.allowHiddenUnicode }))) {
        if (isBlockingFinding(finding, { allowHiddenUnicode: true })) overridable = false;
        problems.push(`${subject} ${path}:${finding.line}${finding.column === undefined ? "" : `:${finding.column}`} ${finding.ruleId}: ${finding.message}`);
      }
      for (const finding of findings.filter((f) => f.severity === "warning")) {
        options.onEvent?.({ type: "text-warning", key: agent.key, version: agent.lockEntry.version, message: `${path}:${finding.line} ${finding.ruleId}: ${finding.message}` });
      }
    }
  }
  if (problems.length > 0) {
    const inspect = "Hidden characters can smuggle instructions past a human reviewer, and look-alike letters make a name match nothing. Inspect the file with `agentreg validate`;";
    throw new AgentregError(ErrorCode.UNSAFE_TEXT, `refusing text a reviewer cannot see or tell apart:\n${problems.slice(0, 20).join("\n")}${problems.length > 20 ? `\n… and ${problems.length - 20} more` : ""}`, {
      subject: problems[0]?.split(" ")[0],
      hint: overridable
        ? `${inspect} install anyway only if you trust it, with --allow-hidden-unicode. Nothing was written.`
        : `${inspect} control characters, invalid UTF-8 and non-ASCII tool or agent names block even with --allow-hidden-unicode, so the file itself must change. Nothing was written.`,
      details: { problems },
    });
  }
}
