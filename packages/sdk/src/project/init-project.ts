import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../atomic-write.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { pathExists } from "../path-exists.js";
import { CONFIG_FILE, CONFIG_SCHEMA_URL, formatProjectConfig, type ProjectConfig } from "./project-config.js";

/**
 * Creates `agentreg.json` with no agents. Refuses to replace an existing one.
 *
 * @example
 * await initProject({ dir: process.cwd() });
 */
export async function initProject(options: { dir: string; dryRun?: boolean }): Promise<{ path: string; config: ProjectConfig }> {
  const path = join(options.dir, CONFIG_FILE);
  if (await pathExists(path)) {
    throw new AgentregError(ErrorCode.EXISTS, `${path} already exists`, {
      subject: path,
      hint: "Add agents to it with `agentreg add <name>`.",
    });
  }
  const config: ProjectConfig = { $schema: CONFIG_SCHEMA_URL, agents: {} };
  if (!options.dryRun) {
    await mkdir(options.dir, { recursive: true });
    await writeFileAtomic(path, formatProjectConfig(config));
  }
  return { path, config };
}
