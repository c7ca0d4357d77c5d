import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import semver from "semver";
import type { ValidationIssue } from "../agent/validate-agent.js";
import { writeFileAtomic } from "../atomic-write.js";
import { pathExists } from "../path-exists.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { readJsonFile } from "../json-file.js";
import { stringifyStable } from "../stable-json.js";
import { readAgentFile, requireValidAgent } from "./require-valid-agent.js";
import { agentSourceSchema, registrySourceSchema, sourcePaths } from "./source-schema.js";

export interface PublishAgentOptions {
  /** The agent file to publish. */
  file: string;
  /** The registry source folder to publish into. */
  to: string;
  version: string;
  dryRun?: boolean;
  /** The publication time to record; defaults to now. */
  now?: Date;
}

export interface PublishAgentResult {
  name: string;
  version: string;
  /** Source-relative POSIX paths written (or that would be written). */
  files: string[];
  /** Warnings and notes from validation; errors block publishing. */
  issues: ValidationIssue[];
}

/**
 * Adds a new version of an agent to a registry source folder. The file is validated first: a file
 * Claude Code would not load is never published. A version, once published, is never replaced.
 *
 * @example
 * await publishAgent({ file: "reviewer.md", to: "registry", version: "1.0.0" });
 */
export async function publishAgent(options: PublishAgentOptions): Promise<PublishAgentResult> {
  const to = resolve(options.to);
  const { version } = options;
  if (semver.valid(version) !== version) {
    throw new AgentregError(ErrorCode.USAGE, `${JSON.stringify(version)} is not a semver version`, {
      subject: version,
      hint: "Use a full version such as 1.0.0 (no range, no leading v).",
    });
  }
  const bytes = await readAgentFile(options.file);
  const checked = requireValidAgent({ bytes, file: options.file, what: "published" });

  const name = checked.agent.name;
  const registryPath = join(to, sourcePaths.registry);
  const registry = await readJsonFile({ path: registryPath, schema: registrySourceSchema, code: ErrorCode.REGISTRY, hint: "Fix registry.json." });
  if (!registry) {
    throw new AgentregError(ErrorCode.NOT_FOUND, `${to} is not a registry source folder (no registry.json)`, {
      subject: to,
      hint: `Create it with \`agentreg registry init ${options.to}\`.`,
    });
  }
  const target = join(to, sourcePaths.agentFile(name, version));
  if (await pathExists(target)) {
    throw new AgentregError(ErrorCode.VERSION_EXISTS, `${name}@${version} is already published; versions are immutable`, {
      subject: `${name}@${version}`,
      hint: "Publish a higher version instead.",
    });
  }

  const agentPath = join(to, sourcePaths.agent(name));
  const agent = (await readJsonFile({ path: agentPath, schema: agentSourceSchema, code: ErrorCode.REGISTRY, hint: `Fix ${agentPath}.` })) ?? agentSourceSchema.parse({});
  agent.versions[version] = { publishedAt: (options.now ?? new Date()).toISOString() };
  const files = [sourcePaths.agentFile(name, version), sourcePaths.agent(name), sourcePaths.registry];
  if (!options.dryRun) {
    // The agent file goes first and registry.json last: a crash in between leaves a version folder
    // that the next build still reads correctly (publishedAt falls back), never metadata without a file.
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, bytes);
    await writeFileAtomic(agentPath, stringifyStable(agent));
    await writeFileAtomic(registryPath, stringifyStable({ ...registry, serial: registry.serial + 1 }));
  }
  return { name, version, files, issues: checked.issues };
}
