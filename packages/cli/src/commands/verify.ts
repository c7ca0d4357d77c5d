import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("check every installed file against the lockfile's sha512; exit 1 if any is missing, edited or unlocked")
    .addHelpText("after", examples(["agentreg verify", "agentreg verify --json"]))
    .action(async (_options: unknown, command: Command) => {
      const context = commandContext(command);
      const { verifyProject, AgentregError } = await import("@agentreg/sdk");
      const result = await verifyProject({ dir: context.dir, configDir: context.configDir });
      context.output(result, () =>
        result.agents.length === 0
          ? "no agents\n"
          : `${result.agents.map((agent) => `${agent.state === "ok" ? "ok" : agent.state.padEnd(10)}  ${escapeValue(agent.key)}${agent.version ? `@${escapeValue(agent.version)}` : ""}  ${escapeValue(agent.path)}`).join("\n")}\n`,
      );
      if (!result.ok) {
        const edited = result.problems.find((agent) => agent.state === "edited");
        throw new AgentregError(
          edited ? "E_LOCAL_EDIT" : "E_LOCKFILE",
          `${result.problems.map((agent) => `${agent.key} (${agent.state})`).join(", ")} ${result.problems.length === 1 ? "does" : "do"} not match agentreg.lock`,
          {
            hint: edited
              ? `See the edit with \`agentreg diff ${edited.key}\`; \`agentreg install --force\` restores the locked bytes (keeping a backup).`
              : "Run `agentreg install` to restore missing files and lock what is not locked.",
            details: { problems: result.problems },
          },
        );
      }
    });
}
