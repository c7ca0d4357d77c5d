import type { Command } from "commander";
import { commandContext, examples } from "../../context.js";

export function registerRegistryBuild(registry: Command): void {
  registry
    .command("build")
    .description("build a registry source folder into a static registry any web server can host")
    .argument("<source-dir>", "the registry source folder")
    .requiredOption("--out <dir>", "the output folder (replaced if it holds an earlier build)")
    .addHelpText("after", examples(["agentreg registry build ./registry --out ./public"]))
    .action(async (source: string, options: { out: string }, command: Command) => {
      const context = commandContext(command);
      const { buildRegistry } = await import("@agentreg/sdk");
      const result = await buildRegistry({ source, out: options.out, dryRun: context.dryRun });
      context.output(result, () =>
        `${context.dryRun ? "would build" : "built"} ${result.agents} agent${result.agents === 1 ? "" : "s"}, ${result.versions} version${result.versions === 1 ? "" : "s"} (${result.files.length} files, ${result.bytes} bytes) into ${result.out}\n`,
      );
    });
}
