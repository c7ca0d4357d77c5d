import type { Command } from "commander";
import { escapeValue } from "../../render/escape-terminal.js";
import { commandContext, examples } from "../../context.js";

export function registerRegistryBuild(registry: Command): void {
  registry
    .command("build")
    .description("build a registry source folder into a static registry any web server can host")
    .argument("<source-dir>", "the registry source folder")
    .requiredOption("--out <dir>", "the output folder: created, or replaced if it is empty or holds an earlier build (.agentreg-build)")
    .option("--sign-key <pem>", "sign every version and the index with this ed25519 private key")
    .option("--expires-in <days>", "with --sign-key: the signed index expires after this many days (clients refuse it then)")
    .option("--no-marketplace", "do not also write the Claude Code plugin marketplace (.claude-plugin/, plugins/)")
    .addHelpText("after", examples(["agentreg registry build ./registry --out ./public"]))
    .action(async (source: string, options: { out: string; signKey?: string; expiresIn?: string; marketplace: boolean }, command: Command) => {
      const context = commandContext(command);
      const { buildRegistry, AgentregError } = await import("@agentreg/sdk");
      const days = options.expiresIn === undefined ? undefined : Number(options.expiresIn);
      if (days !== undefined && !(days > 0)) throw new AgentregError("E_USAGE", "--expires-in takes a positive number of days", { hint: "For example: --expires-in 30." });
      if (days !== undefined && options.signKey === undefined) throw new AgentregError("E_USAGE", "--expires-in needs --sign-key: only a signed index can expire", { hint: "Add --sign-key <pem>." });
      const signingKey = options.signKey === undefined ? undefined : await readKey(options.signKey);
      const result = await buildRegistry({
        source,
        out: options.out,
        dryRun: context.dryRun,
        marketplace: options.marketplace,
        ...(signingKey === undefined ? {} : { signingKey }),
        ...(days === undefined ? {} : { expires: new Date(Date.now() + days * 86_400_000).toISOString() }),
      });
      context.output(result, () =>
        `${context.dryRun ? "would build" : "built"} ${result.agents} agent${result.agents === 1 ? "" : "s"}, ${result.versions} version${result.versions === 1 ? "" : "s"} (${result.files.length} files, ${result.bytes} bytes) into ${result.out}${signingKey ? ", signed" : ""}\n` +
          (result.marketplace === undefined ? "" : `Claude Code: /plugin marketplace add ${escapeValue(result.out)}, then /plugin install <agent>@${escapeValue(result.marketplace)}\n`),
      );
    });
}

async function readKey(path: string): Promise<string> {
  const [{ readFile }, { AgentregError }] = await Promise.all([import("node:fs/promises"), import("@agentreg/sdk")]);
  return readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new AgentregError("E_NOT_FOUND", `cannot read the signing key ${path}: ${error.code ?? error.message}`, { subject: path, hint: "Create one with `agentreg registry keygen --out <dir>`." });
  });
}
