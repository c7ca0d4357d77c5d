import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import semver from "semver";
import type { ValidationIssue } from "../agent/validate-agent.js";
import { writeFileAtomic } from "../atomic-write.js";
import { pathExists } from "../path-exists.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { openRegistrySource } from "./registry-source-store.js";
import { readAgentFile, requireValidAgent } from "./require-valid-agent.js";
import { sourcePaths } from "./source-schema.js";

export type VersionBump = "patch" | "minor" | "major";

export interface PublishAgentOptions {
  /** The agent file to publish. */
  file: string;
  /** The registry source folder to publish into. */
  to: string;
  /** The exact version to publish; give this or `bump`. */
  version?: string | undefined;
  /** Publish the next patch, minor or major version after the highest one published (0.0.0 when none is). */
  bump?: VersionBump | undefined;
  /** Set the agent's license (an SPDX id such as MIT) in agent.json. */
  license?: string | undefined;
  /** Set the agent's search keywords in agent.json. */
  keywords?: readonly string[] | undefined;
  dryRun?: boolean;
  /** The publication time to record; defaults to now. */
  now?: Date;
}

export interface PublishAgentResult {
  name: string;
  version: string;
  /** The highest version published before this one. */
  previous?: string;
  /** Source-relative POSIX paths written (or that would be written). */
  files: string[];
  /** Warnings and notes from validation; errors block publishing. */
  issues: ValidationIssue[];
}

const BUMPS: readonly VersionBump[] = ["patch", "minor", "major"];

/**
 * Adds a new version of an agent to a registry source folder. The file is validated first: a file
 * Claude Code would not load is never published. A version, once published, is never replaced.
 *
 * @example
 * await publishAgent({ file: "reviewer.md", to: "registry", version: "1.0.0" });
 * await publishAgent({ file: "reviewer.md", to: "registry", bump: "minor" }); // 1.0.0 -> 1.1.0
 */
export async function publishAgent(options: PublishAgentOptions): Promise<PublishAgentResult> {
  checkVersionChoice(options);
  const bytes = await readAgentFile(options.file);
  const checked = requireValidAgent({ bytes, file: options.file, what: "published" });
  const name = checked.agent.name;
  const store = await openRegistrySource(options.to);

  const published = await store.publishedVersions(name);
  const previous = published.at(-1);
  // The highest version counts even when yanked: its number is taken forever.
  const version = options.version ?? (semver.inc(previous ?? "0.0.0", options.bump as VersionBump) as string);
  const target = join(store.root, sourcePaths.agentFile(name, version));
  if (published.includes(version) || (await pathExists(target))) {
    throw new AgentregError(ErrorCode.VERSION_EXISTS, `${name}@${version} is already published; versions are immutable`, {
      subject: `${name}@${version}`,
      hint: `Publish a higher version instead, for example with --bump patch (the highest now is ${previous ?? version}).`,
    });
  }

  const agent = await store.readAgent(name);
  agent.versions[version] = { publishedAt: (options.now ?? new Date()).toISOString() };
  if (options.license !== undefined) agent.license = options.license;
  if (options.keywords !== undefined) agent.keywords = [...new Set(options.keywords.map((k) => k.trim().toLowerCase()).filter((k) => k !== ""))].sort();
  const files = [sourcePaths.agentFile(name, version), sourcePaths.agent(name), sourcePaths.registry];
  if (!options.dryRun) {
    // The agent file goes first: a crash before the metadata leaves a version folder the next build
    // still reads correctly (publishedAt falls back), never metadata without a file.
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, bytes);
    await store.commitAgent(name, agent);
  }
  return { name, version, ...(previous === undefined ? {} : { previous }), files, issues: checked.issues };
}

function checkVersionChoice(options: PublishAgentOptions): void {
  const { version, bump } = options;
  if ((version === undefined) === (bump === undefined)) {
    throw new AgentregError(ErrorCode.USAGE, version === undefined ? "publish needs --version or --bump" : "give --version or --bump, not both", {
      hint: "For example: --version 1.0.0, or --bump patch to follow the highest published version.",
    });
  }
  if (bump !== undefined && !BUMPS.includes(bump)) {
    throw new AgentregError(ErrorCode.USAGE, `--bump must be patch, minor or major, not ${JSON.stringify(bump)}`, { subject: bump, hint: "For example: --bump minor" });
  }
  if (version !== undefined && semver.valid(version) !== version) {
    throw new AgentregError(ErrorCode.USAGE, `${JSON.stringify(version)} is not a semver version`, {
      subject: version,
      hint: "Use a full version such as 1.0.0 (no range, no leading v).",
    });
  }
}
