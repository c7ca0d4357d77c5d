import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { packAgent } from "../archive/pack-agent.js";
import { writeFileAtomic } from "../atomic-write.js";
import { readAgentFile, requireValidAgent } from "../agent/require-valid-agent.js";
import { checkOptions } from "../check-arguments.js";

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
  checkOptions("packAgentFile", options, { file: "path", out: "path", dryRun: "boolean?" });
  const bytes = await readAgentFile(options.file);
  const checked = requireValidAgent({ bytes, file: options.file, what: "packed" });
  const name = checked.agent.name;
  const packed = await packAgent({ name, files: { [`${name}.md`]: bytes } });
  const path = join(resolve(options.out), `${name}.tgz`);
  if (!options.dryRun) {
    await mkdir(resolve(options.out), { recursive: true });
    await writeFileAtomic(path, packed.tarball);
  }
  return { name, path, integrity: packed.integrity, size: packed.size };
}
