import { interpretAgent } from "../agent/agent-definition.js";
import { parseFrontmatter } from "../agent/parse-frontmatter.js";

const SAMPLE_AGENT = "---\nname: sample\ndescription: A sample.\ntools: Read, Grep\nmodel: sonnet\n---\nBody.\n";

let warmed = false;

/**
 * Runs, once per process, the parsers that reading an agent from a registry uses next: YAML for its
 * frontmatter, and how Claude Code reads that frontmatter (the packument needs no warming: a
 * hand-written check reads it, parse-packument.ts). Each has a one-time
 * cost on its first document (zod builds its schemas and compiles its checks, V8 compiles the YAML
 * parser's functions: ~20 ms on a slow machine) that does not depend on the document. A caller about
 * to wait for the network (a git fetch, an `ls-remote`) runs this first, so that cost is paid
 * while it waits instead of after the answer arrives. Nothing is kept but the warmed code.
 */
export function warmParsers(): void {
  if (warmed) return;
  warmed = true;
  const parsed = parseFrontmatter(SAMPLE_AGENT);
  interpretAgent(parsed.ok ? parsed.data : {});
}
