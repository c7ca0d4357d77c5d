import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../atomic-write.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { pathExists } from "../../path-exists.js";
import { CONFIG_FILE, formatProjectConfig, type ProjectConfig } from "../state/project-config.js";
import { checkOptions } from "../../check-arguments.js";

/**
 * Creates `agentreg.json` with no agents (and `$schema` when `schemaUrl` is given; see
 * `configSchemaUrl`). Refuses to replace an existing one.
 *
 * @example
 * await initProject({ dir: process.cwd() });
 */
export async function initProject(options: { dir: string; dryRun?: boolean; schemaUrl?: string }): Promise<{ path: string; config: ProjectConfig }> {
  checkOptions("initProject", options, { dir: "path", dryRun: "boolean?", schemaUrl: "string?" });
  const path = join(options.dir, CONFIG_FILE);
  if (await pathExists(path)) {
    throw new AgentregError(ErrorCode.EXISTS, `${path} already exists`, {
      subject: path,
      hint: "It is there already: add agents to it with `agentreg add`, e.g. `agentreg add senior-backend-engineer`.",
    });
  }
  const config: ProjectConfig = { ...(options.schemaUrl === undefined ? {} : { $schema: options.schemaUrl }), agents: {} };
  if (!options.dryRun) {
    await mkdir(options.dir, { recursive: true });
    await writeFileAtomic(path, formatProjectConfig(config));
  }
  return { path, config };
}
