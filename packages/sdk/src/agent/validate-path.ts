import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { sourcePaths } from "../build/source-schema.js";
import { validateForPublish } from "../build/publish-policy.js";
import { validateRegistrySource } from "../build/validate-registry-source.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { pathExists } from "../path-exists.js";
import { validateAgent, type ValidationIssue } from "./validate-agent.js";
import { checkOptions } from "../check-arguments.js";

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

export interface ValidatedFile {
  path: string;
  ok: boolean;
  issues: ValidationIssue[];
}

export interface ValidatePathResult {
  files: ValidatedFile[];
  errors: number;
  warnings: number;
}

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
  const stats = await stat(options.path).catch(() => undefined);
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
  const count = (severity: ValidationIssue["severity"]): number =>
    files.reduce((sum, file) => sum + file.issues.filter((issue) => issue.severity === severity).length, 0);
  return { files, errors: count("error"), warnings: count("warning") };
}

async function listMarkdown(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !path.split(/[\\/]/).some((segment) => SKIPPED_FOLDERS.has(segment)))
    .sort();
}
