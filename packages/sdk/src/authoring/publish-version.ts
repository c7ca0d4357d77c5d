import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import semver from "../semver.js";
import type { ValidationIssue } from "../agent/validate-agent.js";
import { writeFileAtomic } from "../atomic-write.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { pathExists } from "../path-exists.js";
import type { CheckedAgentFile } from "./check-agent-file.js";
import { readSourceAgentFile } from "./read-source-file.js";
import type { RegistrySourceStore } from "./registry-source-store.js";
import { sourcePaths, type AgentSourceConfig } from "./source-schema.js";
import { oneOf, type OptionsSpec } from "../check-arguments.js";
import { OTHER_TARGET_IDS, handWrittenPath, type TargetId } from "../targets/agent-targets.js";

export type VersionBump = "patch" | "minor" | "major";

/** How the version of each published agent is chosen, and what agent.json records with it. */
export interface PublishVersionOptions {
  /** The exact version to publish; give this or `bump`. */
  version?: string | undefined;
  /** Publish the next patch, minor or major version after the highest one published (0.0.0 when none is). */
  bump?: VersionBump | undefined;
  /** Set the agent's license (an SPDX id such as MIT) in agent.json. */
  license?: string | undefined;
  /** Set the agent's search keywords in agent.json. */
  keywords?: readonly string[] | undefined;
  /**
   * The publisher's own files for other coding tools, by target (`{ opencode: "reviewer.opencode.md" }`):
   * packed as `targets/<target>/<file>` and installed for that tool instead of a translation (issue 17).
   * For one agent at a time.
   */
  targetFiles?: Readonly<Record<string, string>> | undefined;
  dryRun?: boolean | undefined;
}

/** The checks of `PublishVersionOptions`, spread into the specs of `publishAgent` and `publishAgents`. */
export const PUBLISH_VERSION_SPEC = {
  version: "string?",
  bump: oneOf(["patch", "minor", "major"], { optional: true }),
  license: "string?",
  keywords: "string[]?",
  targetFiles: "object?",
  dryRun: "boolean?",
} as const satisfies OptionsSpec<PublishVersionOptions>;

/** An agent added as a new version (or, with `dryRun`, that would be). */
export interface PublishedAgentFile {
  status: "published";
  /** The file as the user named it, or as found in a folder they named. */
  file: string;
  name: string;
  version: string;
  /** The highest version published before this one. */
  previous?: string;
  /** Published under its frontmatter name, which differs from the file's name (`rename`). */
  renamed: boolean;
  /** Source-relative POSIX paths written (or that would be written). */
  written: string[];
  /** Warnings and notes from validation; errors block publishing. */
  issues: ValidationIssue[];
}

/** A file not published, with nothing wrong: not an agent, or these exact bytes are already published. */
export interface SkippedAgentFile {
  status: "skipped";
  file: string;
  reason: string;
  /** Set when the file is an agent whose version already holds these bytes. */
  name?: string;
  version?: string;
}

/** A file not published because something is wrong with it; the others are still published. */
export interface RefusedAgentFile {
  status: "refused";
  file: string;
  /** The validator's rule, when validation refused the file (`description-missing`, `name-mismatch`, …). */
  ruleId?: string;
  /** What a one-file publish would throw: code, message, subject, hint. */
  error: AgentregError;
}

export type PublishFileResult = PublishedAgentFile | SkippedAgentFile | RefusedAgentFile;

const BUMPS: readonly VersionBump[] = ["patch", "minor", "major"];

/**
 * Checks that exactly one of `version` and `bump` is given, and well formed, before anything is read.
 *
 * @throws {AgentregError} `E_USAGE`
 * @example
 * checkVersionChoice({ bump: "minor" }); // ok
 */
export function checkVersionChoice(options: Pick<PublishVersionOptions, "version" | "bump">): void {
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

/**
 * Adds a checked agent file as a new version of its agent: the file, then agent.json. The caller
 * raises registry.json's serial afterwards (once for many agents). A version, once published, never
 * changes: an existing version with other bytes is refused, one with the same bytes skipped, so
 * running the same import twice publishes nothing new.
 *
 * @example
 * const result = await publishVersion({ store, agent: checked, options: { version: "1.0.0" }, publishedAt: new Date().toISOString() });
 */
export async function publishVersion(request: { store: RegistrySourceStore; agent: CheckedAgentFile; options: PublishVersionOptions; publishedAt: string }): Promise<PublishFileResult> {
  const { store, agent: checked, options } = request;
  const { name, file, bytes } = checked;
  const published = await store.publishedVersions(name);
  const previous = published.at(-1);
  // The highest version counts even when yanked: its number is taken forever.
  const version = options.version ?? (semver.inc(previous ?? "0.0.0", options.bump as VersionBump) as string);
  const target = join(store.root, sourcePaths.agentFile(name, version));
  if (published.includes(version) || (await pathExists(target))) {
    const existing = await readSourceAgentFile(target);
    if (existing !== undefined && Buffer.compare(existing, bytes) === 0) {
      return { status: "skipped", file, name, version, reason: `${name}@${version} is already published with these exact bytes` };
    }
    return { status: "refused", file, error: versionExists(name, version, previous) };
  }

  const own = await readTargetFiles(name, options.targetFiles);
  const agent = recordVersion(await store.readAgent(name), checked, options, version, request.publishedAt);
  if (!options.dryRun) {
    // The agent file goes first: a crash before the metadata leaves a version folder the next build
    // still reads correctly (publishedAt falls back), never metadata without a file.
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, bytes);
    for (const [path, fileBytes] of own) {
      const destination = join(store.root, sourcePaths.versionFile(name, version, path));
      await mkdir(dirname(destination), { recursive: true });
      await writeFileAtomic(destination, fileBytes);
    }
    await store.writeAgent(name, agent);
  }
  return {
    status: "published",
    file,
    name,
    version,
    ...(previous === undefined ? {} : { previous }),
    renamed: checked.renamed,
    written: [sourcePaths.agentFile(name, version), ...[...own.keys()].map((path) => sourcePaths.versionFile(name, version, path)), sourcePaths.agent(name), sourcePaths.registry],
    issues: checked.issues,
  };
}

/** The publisher's own files for other tools, read and checked, by their path in the package. */
async function readTargetFiles(name: string, targetFiles: Readonly<Record<string, string>> | undefined): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [target, file] of Object.entries(targetFiles ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!(OTHER_TARGET_IDS as readonly string[]).includes(target)) {
      throw new AgentregError(ErrorCode.USAGE, `no target ${JSON.stringify(target)} takes a file of its own`, {
        subject: target,
        hint: `Give files for ${OTHER_TARGET_IDS.join(", ")} (Claude Code's file is the agent file itself).`,
      });
    }
    const bytes = await readSourceAgentFile(file);
    if (bytes === undefined) throw new AgentregError(ErrorCode.NOT_FOUND, `no file ${file} for target ${target}`, { subject: file, hint: "Check the path given with --target-file." });
    files.set(handWrittenPath(target as Exclude<TargetId, "claude">, name), bytes);
  }
  return files;
}

/**
 * agent.json with the new version. The command line's license and keywords replace what is there;
 * a plugin marketplace's only fill what is missing, so an import never overwrites curated metadata.
 */
function recordVersion(agent: AgentSourceConfig, checked: CheckedAgentFile, options: PublishVersionOptions, version: string, publishedAt: string): AgentSourceConfig {
  const next: AgentSourceConfig = { ...agent, versions: { ...agent.versions, [version]: { publishedAt } } };
  const found = checked.metadata;
  const license = options.license ?? (agent.license === undefined ? found?.license : undefined);
  const keywords = options.keywords ?? (agent.keywords.length === 0 ? found?.keywords : undefined);
  if (license !== undefined) next.license = license;
  if (keywords !== undefined) next.keywords = [...new Set(keywords.map((k) => k.trim().toLowerCase()).filter((k) => k !== ""))].sort();
  if (agent.author === undefined && found?.author !== undefined) next.author = found.author;
  return next;
}

function versionExists(name: string, version: string, previous: string | undefined): AgentregError {
  return new AgentregError(ErrorCode.VERSION_EXISTS, `${name}@${version} is already published with other bytes; versions are immutable`, {
    subject: `${name}@${version}`,
    hint: `Publish a higher version instead, for example with --bump patch (the highest now is ${previous ?? version}).`,
  });
}
