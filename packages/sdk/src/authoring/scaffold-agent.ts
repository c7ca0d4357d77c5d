import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { assertAgentName } from "../agent/agent-name.js";
import { validateAgent } from "../agent/validate-agent.js";
import { writeFileAtomic } from "../atomic-write.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { pathExists } from "../path-exists.js";
import { checkOptions } from "../check-arguments.js";

export interface ScaffoldAgentOptions {
  name: string;
  /** When Claude Code should hand work to the agent; it reads this to decide. */
  description: string;
  /** Tool names; defaults to the read-only Read, Grep, Glob (least privilege). */
  tools?: readonly string[] | undefined;
  model?: string | undefined;
  color?: string | undefined;
  /** The folder for `<name>.md`; defaults to the current folder. */
  out?: string | undefined;
  /** Replace an existing file. */
  force?: boolean;
  dryRun?: boolean;
}

export interface ScaffoldAgentResult {
  path: string;
  bytes: Uint8Array;
  /** True when an existing file was replaced (only with `force`). */
  replaced: boolean;
}

/** What an agent gets when its author names no tools: it can look, not touch. */
export const DEFAULT_SCAFFOLD_TOOLS = ["Read", "Grep", "Glob"] as const;

/**
 * Writes a new agent file that validates cleanly, like `cargo new`: frontmatter from the options and
 * a body with the sections a good system prompt has. Values that would make an invalid or warned-about
 * file are refused as `E_USAGE` before anything is written.
 *
 * @example
 * await scaffoldAgent({ name: "reviewer", description: "Reviews diffs for bugs.", model: "sonnet" });
 */
export async function scaffoldAgent(options: ScaffoldAgentOptions): Promise<ScaffoldAgentResult> {
  checkOptions("scaffoldAgent", options, { name: "string", description: "string", tools: "string[]?", model: "string?", color: "string?", out: "path?", force: "boolean?", dryRun: "boolean?" });
  assertAgentName(options.name);
  const bytes = new TextEncoder().encode(renderAgent(options));
  const checked = validateAgent({ bytes, fileName: `${options.name}.md` });
  const problems = checked.issues.filter((issue) => issue.severity !== "info");
  if (problems.length > 0) {
    throw new AgentregError(ErrorCode.USAGE, `the new agent would not validate cleanly: ${problems.map((p) => p.message).join("; ")}`, {
      subject: options.name,
      hint: "Fix the option named above; `agentreg new --help` lists them.",
      details: { issues: problems },
    });
  }

  const dir = resolve(options.out ?? ".");
  const path = join(dir, `${options.name}.md`);
  const replaced = await pathExists(path);
  if (replaced && !options.force) {
    throw new AgentregError(ErrorCode.EXISTS, `${path} already exists`, {
      subject: path,
      hint: "Choose another --out folder or name, or pass --force to replace it.",
    });
  }
  if (!options.dryRun) {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path, bytes);
  }
  return { path, bytes, replaced };
}

function renderAgent(options: ScaffoldAgentOptions): string {
  const tools = (options.tools ?? DEFAULT_SCAFFOLD_TOOLS).map((tool) => tool.trim()).filter((tool) => tool !== "");
  // JSON strings are YAML double-quoted scalars: any description survives quoting, newlines included.
  const frontmatter = [
    `name: ${options.name}`,
    `description: ${JSON.stringify(options.description.trim())}`,
    `tools: ${yamlScalar(tools.join(", "))}`,
    ...(options.model === undefined ? [] : [`model: ${options.model}`]),
    ...(options.color === undefined ? [] : [`color: ${options.color}`]),
  ];
  const title = options.name
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
  return `---
${frontmatter.join("\n")}
---

You are the ${title} agent. Claude Code hands you a task when it matches: ${firstSentence(options.description)}

## How you work

1. Restate the task in one sentence and name what you will look at first.
2. Read the relevant files before you judge or change anything.
3. Work in small steps and say what each step found.

## What you report

- A short summary first, then the details, most important first.
- Point at exact places: \`path/to/file:line\`.
- Say what you did not check.

## Boundaries

- Use only the tools you were given: ${tools.join(", ")}.
- Ask instead of guessing when the task is ambiguous.
`;
}

/** Tool lists stay plain as people write them (`Read, Bash(git:*)`); anything YAML could misread is quoted. */
function yamlScalar(text: string): string {
  return /^[A-Za-z0-9_(),.*: -]*$/.test(text) && !text.includes(": ") && !text.endsWith(":") ? text : JSON.stringify(text);
}

function firstSentence(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  const sentence = /^.*?[.!?](\s|$)/.exec(line)?.[0]?.trim() ?? line;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
