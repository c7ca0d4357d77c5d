import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

interface NewOptions {
  description?: string;
  tools?: string;
  model?: string;
  color?: string;
  out?: string;
  force?: boolean;
}

export function registerNew(program: Command): void {
  program
    .command("new")
    .description("scaffold a new agent file that validates cleanly (like `cargo new`)")
    .argument("<name>", "the agent's name: lowercase letters, digits, `-` and `.` (not first or last)")
    .option("--description <text>", "when Claude Code should use the agent (asked for on a terminal when missing)")
    .option("--tools <list>", "comma-separated tools (default: Read, Grep, Glob — read-only)")
    .option("--model <model>", "sonnet, opus, haiku, inherit, or a full model id")
    .option("--color <color>", "red, blue, green, yellow, purple, orange, pink or cyan")
    .option("--out <dir>", "folder for <name>.md (default: the current folder)")
    .option("--force", "replace an existing file")
    .addHelpText(
      "after",
      examples([
        'agentreg new reviewer --description "Reviews diffs for bugs and risky changes."',
        'agentreg new test-writer --description "Writes missing unit tests." --tools Read,Grep,Glob,Edit,Write,Bash --model sonnet --color green --out agents',
      ]),
    )
    .action(async (name: string, options: NewOptions, command: Command) => {
      const context = commandContext(command);
      const { scaffoldAgent, AgentregError } = await import("@agentreg/sdk");
      const description = options.description ?? (await askOnTerminal("Description (when should Claude Code use this agent?): "));
      if (description === undefined || description.trim() === "") {
        throw new AgentregError("E_USAGE", "missing required value: --description", {
          hint: `Say when Claude Code should use the agent, for example: agentreg new ${name} --description "Reviews diffs for bugs."`,
        });
      }
      const result = await scaffoldAgent({
        name,
        description,
        tools: options.tools?.split(","),
        model: options.model,
        color: options.color,
        out: options.out,
        force: options.force === true,
        dryRun: context.dryRun,
      });
      context.output({ path: result.path, replaced: result.replaced, dryRun: context.dryRun }, () =>
        `${context.dryRun ? "would write" : result.replaced ? "replaced" : "created"} ${escapeValue(result.path)}\n` +
        `next: edit the prompt, then \`agentreg validate ${escapeValue(result.path)}\` and \`agentreg publish ${escapeValue(result.path)} --to <source-dir> --version 1.0.0\`\n`,
      );
    });
}

/** Asks one question when a person is at a terminal; without one (CI, pipes) it never waits for input. */
async function askOnTerminal(question: string): Promise<string | undefined> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  const { createInterface } = await import("node:readline/promises");
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}
