import type { Command } from "commander";
import { commandContext, examples } from "../context.js";
import { escapeValue } from "../render/escape-terminal.js";

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("check every installed file against the lockfile's sha512; exit 1 if any is missing, edited or unlocked")
    .option("--strict", "also fail on agent files agentreg does not manage (hand-written or copied in): a CI gate")
    .addHelpText("after", examples(["agentreg verify", "agentreg verify --strict", "agentreg verify --json"]))
    .action(async (options: { strict?: boolean }, command: Command) => {
      const context = commandContext(command);
      const { verifyProject, AgentregError } = await import("@agentreg/sdk");
      const result = await verifyProject({ dir: context.dir, configDir: context.configDir, strict: options.strict === true });
      context.output(result, () =>
        result.agents.length === 0
          ? "no agents\n"
          : `${result.agents.map((agent) => `${agent.state === "ok" ? "ok" : agent.state.padEnd(10)}  ${escapeValue(agent.key)}${agent.version ? `@${escapeValue(agent.version)}` : ""}  ${context.showPath(agent.path)}`).join("\n")}\n`,
      );
      if (!result.ok) {
        const edited = result.problems.find((agent) => agent.state === "edited");
        const unmanaged = result.problems.find((agent) => agent.state === "unmanaged");
        if (unmanaged && !edited && result.problems.every((agent) => agent.state === "unmanaged")) {
          throw new AgentregError("E_UNMANAGED_FILE", `${result.problems.map((agent) => agent.path).join(", ")} ${result.problems.length === 1 ? "is" : "are"} not managed by agentreg`, {
            hint: `Take it over with \`agentreg add ${unmanaged.key} --adopt\` if it is a published agent, or move it out of the agents folder; without --strict, verify lets it pass.`,
            details: { problems: result.problems },
          });
        }
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
