import type { Command } from "commander";
import { commandContext, examples } from "../context.js";

/** What the grants column says for each way a target limits an agent. */
const GRANTS: Record<string, string> = {
  tools: "tools, one by one",
  permissions: "tools, as allow/deny permissions",
  sandbox: "read-only or workspace-write sandbox",
  readonly: "read-only or not",
};

export function registerTargets(program: Command): void {
  program
    .command("targets")
    .description("list the coding tools agents can be installed for, with their folders and what each can express")
    .addHelpText("after", examples(["agentreg targets", "agentreg add code-reviewer --target opencode,copilot", "agentreg targets --json"]))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { AGENT_TARGETS, TARGET_IDS } = await import("@agentreg/sdk");
      const targets = TARGET_IDS.map((id) => {
        const target = AGENT_TARGETS[id];
        return { id, tool: target.label, project: `${target.projectFolder}/${target.fileName("<name>")}`, user: `~/${target.userFolder}/${target.fileName("<name>")}`, grants: target.grants, models: target.models };
      });
      context.output({ targets }, () => {
        const width = (key: "id" | "tool" | "project"): number => Math.max(...targets.map((target) => target[key].length));
        const lines = targets.map((target) => `${target.id.padEnd(width("id"))}  ${target.tool.padEnd(width("tool"))}  ${target.project.padEnd(width("project"))}  ${GRANTS[target.grants] ?? target.grants}; models: ${target.models}`);
        return `${lines.join("\n")}\nchoose them in agentreg.json ("targets": ["claude", "opencode"]) or for one run with --target\n`;
      });
    });
}
