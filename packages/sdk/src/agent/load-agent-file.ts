import { interpretAgent, type AgentDefinition } from "./agent-definition.js";
import { parseFrontmatterOfBytes } from "./frontmatter-of-bytes.js";

export type LoadAgentFileResult = { ok: true; agent: AgentDefinition } | { ok: false; message: string };

/**
 * The agent Claude Code loads from a file's exact bytes, or, in one line, why it loads nothing (the
 * frontmatter does not parse even after the quoting retry, or `name`/`description` is missing). What
 * a reviewer is shown about an agent's power comes from here, never from registry metadata.
 *
 * @example
 * const loaded = loadAgentFile(new TextEncoder().encode("---\nname: reviewer\ndescription: Reviews.\ntools: Read\n---\nBody.\n"));
 * if (loaded.ok) loaded.agent.tools; // ["Read"]
 */
export function loadAgentFile(bytes: Uint8Array): LoadAgentFileResult {
  // The mark is kept here: parseFrontmatter drops one, as Claude Code does (DESIGN §1, step 5).
  // The same text readAgentText decodes (WHATWG UTF-8, mark kept), so an install's text gate and its
  // report of the grants share one parse.
  const parsed = parseFrontmatterOfBytes(bytes, new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
  if (!parsed.ok) return { ok: false, message: firstLine(parsed.message) };
  const agent = interpretAgent(parsed.data);
  return agent.ok ? agent : { ok: false, message: agent.message };
}

/** YAML errors can carry a multi-line excerpt; a reason that goes into a one-line report must not. */
function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}
