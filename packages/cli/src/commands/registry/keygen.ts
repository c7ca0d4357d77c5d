import type { Command } from "commander";
import { commandContext, examples } from "../../context.js";

export function registerRegistryKeygen(registry: Command): void {
  registry
    .command("keygen")
    .description("create an ed25519 signing key (private key file mode 0600) and print the public key")
    .requiredOption("--out <dir>", "folder for agentreg-signing-key.pem (never overwritten)")
    .addHelpText("after", examples(["agentreg registry keygen --out ./keys", "agentreg registry build ./registry --out ./public --sign-key ./keys/agentreg-signing-key.pem"]))
    .action(async (options: { out: string }, command: Command) => {
      const context = commandContext(command);
      const { generateRegistryKey } = await import("@agentreg/sdk");
      const key = await generateRegistryKey({ out: options.out });
      context.output(key, () => `${key.publicKey}\n`);
      context.note(`private key: ${key.path} (keep it secret)\nclients pin it with "keys": ["${key.publicKey}"] in agentreg.json`);
    });
}
