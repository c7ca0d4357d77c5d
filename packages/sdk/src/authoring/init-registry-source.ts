import { mkdir, readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { writeFileAtomic } from "../atomic-write.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { stringifyStable } from "../stable-json.js";
import { sourcePaths, type RegistrySourceConfig } from "./source-schema.js";
import { checkOptions } from "../check-arguments.js";

export interface InitRegistrySourceOptions {
  dir: string;
  /** The registry's name; defaults to the folder's name. */
  name?: string;
  description?: string;
  dryRun?: boolean;
}

export interface InitRegistrySourceResult {
  dir: string;
  files: string[];
}

/**
 * Creates an empty registry source folder (DESIGN §4). Refuses a folder that already has content.
 *
 * @example
 * await initRegistrySource({ dir: "my-registry", name: "acme" });
 */
export async function initRegistrySource(options: InitRegistrySourceOptions): Promise<InitRegistrySourceResult> {
  checkOptions("initRegistrySource", options, { dir: "path", name: "string?", description: "string?", dryRun: "boolean?" });
  const dir = resolve(options.dir);
  // Only a folder that is not there yet counts as empty: a file at `dir` (ENOTDIR) is no folder to fill.
  const existing: string[] = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (existing.length > 0) {
    throw new AgentregError(ErrorCode.EXISTS, `${dir} is not empty`, {
      subject: dir,
      hint: existing.includes(sourcePaths.registry)
        ? "It is already a registry source; publish into it with `agentreg publish <file.md> --to <dir> --version <x.y.z>`."
        : "Choose a new or empty folder.",
    });
  }
  const config: RegistrySourceConfig = {
    name: options.name ?? basename(dir),
    ...(options.description === undefined ? {} : { description: options.description }),
    serial: 0,
    keys: [],
  };
  const files = [sourcePaths.registry, `${sourcePaths.agentsDir}/`];
  if (!options.dryRun) {
    await mkdir(join(dir, sourcePaths.agentsDir), { recursive: true });
    await writeFileAtomic(join(dir, sourcePaths.registry), stringifyStable(config));
  }
  return { dir, files };
}
