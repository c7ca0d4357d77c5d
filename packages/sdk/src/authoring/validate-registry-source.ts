import { basename, join } from "node:path";
import semver from "../semver.js";
import type { z } from "zod";
import { checkAgentName } from "../agent/agent-name.js";
import type { ValidationIssue } from "../agent/validate-agent.js";
import { reportOf, type ValidatedFile, type ValidatePathResult } from "./validation-report.js";
import { isAgentregError } from "../errors.js";
import { validateForPublish } from "../agent/publish-policy.js";
import { readSourceAgentFile, readSourceJson } from "./read-source-file.js";
import { isVersionFolder, listFolders } from "./source-folders.js";
import { SOURCE_RULES, type SourceRuleId } from "./source-rules.js";
import { agentSourceSchema, registrySourceSchema, sourcePaths, type AgentSourceConfig } from "./source-schema.js";
import { checkArgument } from "../check-arguments.js";

/**
 * Checks a registry source folder the way `registry build` reads it, but reports every problem
 * instead of stopping at the first: registry.json, each agent.json, the folder layout, and every
 * version of every agent with the agent rules. Never throws for a bad source: a bad source is a result.
 *
 * @example
 * const { errors, files } = await validateRegistrySource("registry");
 */
export async function validateRegistrySource(dir: string): Promise<ValidatePathResult> {
  checkArgument("validateRegistrySource", "dir", dir, "path");
  const files: ValidatedFile[] = [];
  const registryPath = join(dir, sourcePaths.registry);
  const registry = await readMetadata(registryPath, registrySourceSchema);
  files.push(fileResult(registryPath, registry.issues));

  const agentsDir = join(dir, sourcePaths.agentsDir);
  // listFolders gives none for a missing agents/ folder (an empty registry) and throws for an
  // unreadable one, which must not pass as a clean source.
  for (const name of await listFolders(agentsDir)) {
    files.push(...(await validateAgentSource(join(agentsDir, name), name)));
  }
  return reportOf(files);
}

async function validateAgentSource(folder: string, name: string): Promise<ValidatedFile[]> {
  const nameProblem = checkAgentName(name);
  if (nameProblem !== undefined) return [fileResult(folder, [issue("source-layout", `agent folder ${JSON.stringify(name)}: ${nameProblem}`)])];

  const metaPath = join(folder, "agent.json");
  const meta = await readMetadata(metaPath, agentSourceSchema);
  const folders = await listFolders(folder);
  const versions = folders.filter(isVersionFolder).sort(semver.compare);
  const metaIssues = [
    ...meta.issues,
    ...folders.filter((entry) => !versions.includes(entry)).map((entry) => issue("source-layout", `${name}/${entry} is not a semver version folder`)),
    ...(versions.length === 0 ? [issue("source-layout", `${name} has no version folder; publish one with \`agentreg publish\``)] : []),
    ...(meta.value ? checkAgentMetadata(name, meta.value, versions) : []),
  ];
  const results = [fileResult(metaPath, metaIssues)];
  for (const version of versions) {
    const path = join(folder, version, `${name}.md`);
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readSourceAgentFile(path);
    } catch (error) {
      if (!isAgentregError(error)) throw error;
      results.push(fileResult(path, [issue("source-layout", error.message)]));
      continue;
    }
    if (!bytes) {
      results.push(fileResult(path, [issue("source-layout", `${name}@${version} has no ${name}.md`)]));
      continue;
    }
    // As `registry build` reads it: with the publish policy, and fileName tying the agent's `name`
    // to its folder, so a mismatch is the policy's name-mismatch error.
    results.push(fileResult(path, validateForPublish({ bytes, fileName: `${name}.md` }).issues));
  }
  return results;
}

function checkAgentMetadata(name: string, meta: AgentSourceConfig, versions: string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const unknown = (what: string, version: string): void => {
    if (!versions.includes(version)) issues.push(issue("source-version-unknown", `${what} ${name}@${version}, which has no folder`));
  };
  for (const version of Object.keys(meta.versions)) unknown("versions records", version);
  for (const version of meta.yanks) unknown("yanks names", version);
  for (const version of Object.keys(meta.deprecations)) unknown("deprecations name", version);
  if (meta.license === undefined) issues.push(issue("source-incomplete", `${name} has no license`));
  if (meta.keywords.length === 0) issues.push(issue("source-incomplete", `${name} has no keywords; search finds it by name and description only`));
  for (const version of versions) {
    if (meta.versions[version] === undefined) issues.push(issue("source-incomplete", `${name}@${version} has no publishedAt in agent.json`));
  }
  return issues;
}

async function readMetadata<S extends z.ZodType>(path: string, schema: S): Promise<{ value: z.infer<S> | undefined; issues: ValidationIssue[] }> {
  let value: z.infer<S> | undefined;
  try {
    value = await readSourceJson({ path, schema, hint: "" });
  } catch (error) {
    if (!isAgentregError(error)) throw error;
    return { value: undefined, issues: [issue("source-metadata", error.message)] };
  }
  if (value === undefined) {
    const required = path.endsWith(sourcePaths.registry);
    return { value: undefined, issues: [issue(required ? "source-metadata" : "source-incomplete", `${basename(path)} is missing`)] };
  }
  return { value, issues: [] };
}

function issue(ruleId: SourceRuleId, message: string): ValidationIssue {
  return { ruleId, severity: SOURCE_RULES[ruleId].severity, message };
}

function fileResult(path: string, issues: ValidationIssue[]): ValidatedFile {
  return { path, ok: !issues.some((i) => i.severity === "error"), issues };
}
