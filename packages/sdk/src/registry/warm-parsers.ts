import { interpretAgent } from "../agent/agent-definition.js";
import { parseFrontmatter } from "../agent/parse-frontmatter.js";
import { packumentSchemas } from "./protocol.js";

const SAMPLE_AGENT = "---\nname: sample\ndescription: A sample.\ntools: Read, Grep\nmodel: sonnet\n---\nBody.\n";

let warmed = false;

/**
 * Runs, once per process, the parsers that reading an agent from a registry uses next: YAML for its
 * frontmatter, how Claude Code reads that frontmatter, and the packument schema. Each has a one-time
 * cost on its first document (zod builds its schemas and compiles its checks, V8 compiles the YAML
 * parser's functions: ~20 ms on a slow machine) that does not depend on the document. A caller about
 * to wait for the network (a git fetch, an `ls-remote`) runs this first, so that cost is paid
 * while it waits instead of after the answer arrives. Nothing is kept but the warmed code.
 */
export function warmParsers(): void {
  if (warmed) return;
  warmed = true;
  const parsed = parseFrontmatter(SAMPLE_AGENT);
  const frontmatter = parsed.ok ? parsed.data : {};
  interpretAgent(frontmatter);
  const version = { integrity: "sha512-", tarball: "x", size: 1, publishedAt: "2026-01-01T00:00:00.000Z", frontmatter };
  packumentSchemas().packumentSchema.safeParse({ name: "sample", distTags: { latest: "1.0.0" }, versions: { "1.0.0": version } });
}
