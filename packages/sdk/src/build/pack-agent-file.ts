import { mkdir, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { packAgent } from "../archive/pack-agent.js";
import { validateAgent } from "../agent/validate-agent.js";
import { writeFileAtomic } from "../atomic-write.js";
import { AgentregError, ErrorCode } from "../errors.js";

export interface PackAgentFileOptions {
  /** The agent file (`<name>.md`). */
  file: string;
  /** The folder to write `<name>.tgz` into. */
  out: string;
  dryRun?: boolean;
}

export interface PackAgentFileResult {
  name: string;
  /** The tarball written (or that would be written). */
  path: string;
  integrity: string;
  size: number;
}

/**
 * Packs one agent file into the deterministic tarball a registry would serve (the same bytes for the
 * same file on every machine) and reports its SRI integrity. The file is validated first: a file
 * Claude Code would not load is not packed.
 *
 * @example
 * const { path, integrity } = await packAgentFile({ file: "reviewer.md", out: "dist" });
 */
export async function packAgentFile(options: PackAgentFileOptions): Promise<PackAgentFileResult> {
  const bytes = await readFile(options.file).catch((error: NodeJS.ErrnoException) => {
    throw new AgentregError(ErrorCode.NOT_FOUND, `cannot read ${options.file}: ${error.code ?? error.message}`, { subject: options.file, hint: "Check the path of the agent file." });
  });
  const checked = validateAgent({ bytes, fileName: basename(options.file) });
  const first = checked.issues.find((issue) => issue.severity === "error");
  if (!checked.ok || !checked.agent) {
    throw new AgentregError(ErrorCode.INVALID_AGENT, `${options.file}${first?.line === undefined ? "" : `:${first.line}`} is not a valid agent: ${first?.message ?? "invalid"}`, {
      subject: options.file,
      hint: `Run \`agentreg validate ${options.file}\` for every problem; nothing was packed.`,
    });
  }
  const name = checked.agent.name;
  const packed = await packAgent({ name, files: { [`${name}.md`]: bytes } });
  const path = join(resolve(options.out), `${name}.tgz`);
  if (!options.dryRun) {
    await mkdir(resolve(options.out), { recursive: true });
    await writeFileAtomic(path, packed.tarball);
  }
  return { name, path, integrity: packed.integrity, size: packed.size };
}
