import type { Command } from "commander";
import { examples } from "../../context.js";
import { registerRegistryBuild } from "./build.js";
import { registerRegistryInit } from "./init.js";
import { registerRegistryKeygen } from "./keygen.js";
import { registerRegistryServe } from "./serve.js";

export function registerRegistry(program: Command): void {
  const registry = program
    .command("registry")
    .description("create and build registries")
    .addHelpText("after", examples(["agentreg registry init ./my-registry", "agentreg registry build ./my-registry --out ./public", "agentreg registry serve ./public --port 8080"]));
  registerRegistryInit(registry);
  registerRegistryBuild(registry);
  registerRegistryServe(registry);
  registerRegistryKeygen(registry);
}
