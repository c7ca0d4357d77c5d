// Generates registry source folders of N agents × M versions, written directly in the source format
// (`registry/` of this repository, packages/sdk/src/authoring/source-schema.ts):
//
//     registry.json                       name, description, keys, serial
//     agents/<name>/agent.json            keywords, license, author, versions, deprecations, yanks
//     agents/<name>/<version>/<name>.md   the agent file itself
//
// Running `agentreg publish` 30,000 times would take longer than the build it prepares; writing the
// files is a second or two, and `agentreg registry build` validates every file anyway.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Words agents are about; `search` looks for one of them, so a search has ~1/16 of agents as hits. */
export const TOPICS = ["api", "backend", "database", "frontend", "security", "testing", "docs", "release", "kubernetes", "terraform", "python", "rust", "react", "mobile", "data", "review"];

export function agentName(index) {
  return `bench-agent-${String(index).padStart(5, "0")}`;
}

export function versionList(count) {
  return Array.from({ length: count }, (_, minor) => `1.${minor}.0`);
}

/**
 * A valid Claude Code subagent of about 1.5 KiB (a typical small agent): frontmatter with name,
 * description and tools, then the system prompt. Deterministic, so every registry build is the same.
 */
export function agentFile(index, version = "1.0.0") {
  const name = agentName(index);
  const topic = TOPICS[index % TOPICS.length];
  const lines = [
    "---",
    `name: ${name}`,
    `description: Use this agent for ${topic} work in this repository; it reviews ${topic} changes, explains trade-offs and proposes small, tested patches. Benchmark fixture ${index}, version ${version}.`,
    "tools: Read, Grep, Glob, Bash",
    "model: sonnet",
    "---",
    "",
    `You are a careful ${topic} engineer working inside an existing codebase.`,
    "",
  ];
  for (let rule = 1; rule <= 12; rule++) {
    lines.push(`${rule}. Read the relevant ${topic} code before proposing a change, and keep every change small enough to review in one sitting.`);
  }
  lines.push("", "When you are done, summarise what you changed, what you tested and what is left to do.", "");
  return lines.join("\n");
}

/**
 * Writes a registry source folder with `agents` agents of `versions` versions each.
 *
 * @example
 * generateRegistrySource({ dir: "/tmp/src", name: "bench-100", agents: 100, versions: 1 });
 */
export function generateRegistrySource({ dir, name, agents, versions }) {
  const list = versionList(versions);
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, "registry.json"), { description: `agentreg benchmark registry: ${agents} agents × ${versions} versions`, keys: [], name, serial: 1 });
  for (let index = 0; index < agents; index++) {
    const agent = agentName(index);
    const agentDir = join(dir, "agents", agent);
    const published = {};
    for (const [position, version] of list.entries()) {
      mkdirSync(join(agentDir, version), { recursive: true });
      writeFileSync(join(agentDir, version, `${agent}.md`), agentFile(index, version));
      published[version] = { publishedAt: new Date(Date.UTC(2026, 0, 1 + position)).toISOString() };
    }
    writeJson(join(agentDir, "agent.json"), {
      author: "agentreg-bench",
      deprecations: {},
      keywords: ["bench", TOPICS[index % TOPICS.length]],
      license: "MIT",
      versions: published,
      yanks: [],
    });
  }
  return { dir, agents, versions };
}

function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
