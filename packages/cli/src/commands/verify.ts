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
      const { verifyProject, assertVerified } = await import("@agentreg/sdk");
      const result = await verifyProject({ dir: context.dir, configDir: context.configDir, strict: options.strict === true });
      context.output(result, () =>
        result.agents.length === 0
          ? "no agents\n"
          : `${result.agents.map((agent) => `${agent.state === "ok" ? "ok" : agent.state.padEnd(10)}  ${escapeValue(agent.key)}${agent.version ? `@${escapeValue(agent.version)}` : ""}  ${context.showPath(agent.path)}`).join("\n")}\n`,
      );
      assertVerified(result);
    });
}
