import type { Command } from "commander";
import { commandContext, examples } from "../../context.js";

export function registerRegistryInit(registry: Command): void {
  registry
    .command("init")
    .description("create an empty registry source folder")
    .argument("<dir>", "a new or empty folder")
    .option("--name <name>", "the registry's name (default: the folder's name)")
    .addHelpText("after", examples(["agentreg registry init ./my-registry --name acme"]))
    .action(async (dir: string, options: { name?: string }, command: Command) => {
      const context = commandContext(command);
      const { initRegistrySource } = await import("@agentreg/sdk");
      const result = await initRegistrySource({ dir, ...(options.name === undefined ? {} : { name: options.name }), dryRun: context.dryRun });
      context.output(result, () => `${context.dryRun ? "would create" : "created"} registry source ${result.dir}\nnext: agentreg publish <file.md> --to ${dir} --version 1.0.0\n`);
    });
}
