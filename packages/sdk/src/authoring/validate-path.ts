import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { sourcePaths } from "./source-schema.js";
import { validateForPublish } from "../agent/publish-policy.js";
import { validateRegistrySource } from "./validate-registry-source.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { pathExists } from "../path-exists.js";
import { validateAgent } from "../agent/validate-agent.js";
import { fixFileEncoding } from "../agent/text-fix-file.js";
import type { FixEncodingResult } from "../agent/text-fix-encoding.js";
import { checkOptions } from "../check-arguments.js";
import { whenMissing } from "../missing-path.js";
import { reportOf, type ValidatedFile, type ValidatePathResult } from "./validation-report.js";

export interface ValidatePathOptions {
  /**
   * An agent file, a folder whose `.md` files (at any depth) are agents, or a registry source folder
   * (one with registry.json), which is checked whole: metadata, layout and every version.
   */
  path: string;
  /**
   * Validate as a registry publishes (`validate --for-publish`): the publish policy's findings are
   * errors that say so. A registry source folder is always checked this way, as `registry build` reads it.
   */
  forPublish?: boolean;
}

export type { ValidatedFile, ValidatePathResult } from "./validation-report.js";

/** Folders that never hold agents and can be huge. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

/**
 * Validates one agent file, every `.md` file under a folder (in path order), or a registry source.
 *
 * @example
 * const { errors, files } = await validatePath({ path: ".claude/agents" });
 * await validatePath({ path: "agents", forPublish: true }); // also what a registry refuses
 */
export async function validatePath(options: ValidatePathOptions): Promise<ValidatePathResult> {
  checkOptions("validatePath", options, { path: "path", forPublish: "boolean?" });
  // Only a missing path "does not exist"; EACCES and the like are reported as what they are.
  const stats = await stat(options.path).catch(whenMissing(undefined));
  if (!stats) {
    throw new AgentregError(ErrorCode.NOT_FOUND, `${options.path} does not exist`, {
      subject: options.path,
      hint: "Pass an agent file or a folder of agent files.",
    });
  }
  if (stats.isDirectory() && (await pathExists(join(options.path, sourcePaths.registry)))) return validateRegistrySource(options.path);
  const paths = stats.isDirectory() ? (await listMarkdown(options.path)).map((p) => join(options.path, p)) : [options.path];
  const files: ValidatedFile[] = [];
  for (const path of paths) {
    // The bytes, not a decoded string: invalid UTF-8 and a byte order mark are visible only there.
    const validate = options.forPublish ? validateForPublish : validateAgent;
    const result = validate({ bytes: await readFile(path), fileName: basename(path) });
    files.push({ path, ok: result.ok, issues: result.issues });
  }
  return reportOf(files);
}

export interface ValidatePathsOptions {
  /** Agent files, folders of them, or registry source folders, each as `validatePath` takes it. */
  paths: string[];
  /** As in `validatePath`. */
  forPublish?: boolean;
  /**
   * First repair double-encoded text (UTF-8 read as cp1252) in every file found, in place, changing
   * only the damaged runs (`validate --fix-encoding`); then validate what is left.
   */
  fixEncoding?: boolean;
  /** With `fixEncoding`: report the repairs without writing them. */
  dryRun?: boolean;
}

export interface ValidatePathsResult extends ValidatePathResult {
  /** What `fixEncoding` repaired (or, with `dryRun`, would repair), file by file in order. */
  repairs: Array<{ path: string } & FixEncodingResult["repairs"][number]>;
}

/**
 * What `agentreg validate <paths...>` does: validates every path in order and adds up one report,
 * after repairing encoding damage when asked to.
 *
 * @example
 * const { errors, repairs } = await validatePaths({ paths: ["agents"], fixEncoding: true });
 */
export async function validatePaths(options: ValidatePathsOptions): Promise<ValidatePathsResult> {
  checkOptions("validatePaths", options, { paths: "string[]", forPublish: "boolean?", fixEncoding: "boolean?", dryRun: "boolean?" });
  const repairs: ValidatePathsResult["repairs"] = [];
  if (options.fixEncoding) {
    for (const path of options.paths) {
      for (const file of (await validatePath({ path })).files) {
        const fixed = await fixFileEncoding({ path: file.path, dryRun: options.dryRun === true });
        for (const repair of fixed.repairs) repairs.push({ path: file.path, ...repair });
      }
    }
  }
  const files: ValidatedFile[] = [];
  for (const path of options.paths) files.push(...(await validatePath({ path, forPublish: options.forPublish === true })).files);
  return { ...reportOf(files), repairs };
}

async function listMarkdown(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split(/[\\/]/).some((segment) => SKIPPED_FOLDERS.has(segment)))
    .sort();
}
