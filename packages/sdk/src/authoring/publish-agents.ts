import { AgentregError, ErrorCode } from "../errors.js";
import { mapLimit } from "../map-limit.js";
import { checkAgentFile, type CheckedAgentFile, type FileOutcome } from "./check-agent-file.js";
import { findAgentFiles } from "./find-agent-files.js";
import { checkVersionChoice, PUBLISH_VERSION_SPEC, publishVersion, type PublishFileResult, type PublishVersionOptions, type RefusedAgentFile } from "./publish-version.js";
import { openRegistrySource } from "./registry-source-store.js";
import { checkOptions } from "../check-arguments.js";

export interface PublishAgentsOptions extends PublishVersionOptions {
  /**
   * Agent files, folders searched at any depth for `.md` agent files, or Claude Code plugin
   * marketplace folders (`.claude-plugin/marketplace.json`; each local plugin's agents are read).
   */
  paths: readonly string[];
  /** The registry source folder to publish into. */
  to: string;
  /**
   * Publish a file whose name differs from its frontmatter `name` under that name, as the registry
   * installs `<name>.md` (collections namespace names: `python-development-fastapi-pro` in
   * `fastapi-pro.md`). Without it such a file is refused with `name-mismatch`.
   */
  rename?: boolean | undefined;
  /** The publication time to record; defaults to now. */
  now?: Date | undefined;
}

export interface PublishAgentsResult {
  /** The registry source folder, absolute. */
  to: string;
  /** One entry per file found, in the order of `paths` (a folder's files sorted by path). */
  files: PublishFileResult[];
  published: number;
  skipped: number;
  refused: number;
}

/** Files read, validated and written at once: enough to overlap the disk waits, few enough for 2 cores. */
const CONCURRENCY = 16;

/**
 * Publishes many agents into a registry source folder in one go: files, folder trees, and Claude Code
 * plugin marketplaces. Each file is published, skipped (not an agent, or the same bytes are already
 * published at that version) or refused (an invalid agent, a version that exists with other bytes,
 * a name used twice); a refused file never stops the others. registry.json's serial is raised once.
 *
 * @throws {AgentregError} `E_USAGE` for a bad version choice, `E_NOT_FOUND` when `to` is not a
 * registry source; problems with single files are results, not errors.
 * @example
 * const result = await publishAgents({ paths: ["collection/"], to: "registry", version: "1.0.0", rename: true });
 * result.published; // 212
 * result.files.filter((file) => file.status === "refused").map((file) => file.error.message);
 */
export async function publishAgents(options: PublishAgentsOptions): Promise<PublishAgentsResult> {
  checkOptions("publishAgents", options, { ...PUBLISH_VERSION_SPEC, paths: "string[]", to: "path", rename: "boolean?", now: "date?" });
  checkVersionChoice(options);
  const store = await openRegistrySource(options.to);
  // The source folder itself is never an input, even inside a folder being imported (`publish . --to registry`).
  const found = await findAgentFiles({ paths: options.paths, exclude: [store.root] });
  const checked = claimNames(await mapLimit(found, CONCURRENCY, (file) => checkAgentFile(file, { rename: options.rename === true })));
  if (options.targetFiles !== undefined && Object.keys(options.targetFiles).length > 0 && checked.filter((entry) => entry.kind === "agent").length !== 1) {
    throw new AgentregError(ErrorCode.USAGE, "files for other tools (--target-file) belong to one agent, and the paths name several", {
      subject: options.paths.join(" "),
      hint: "Publish that agent's file on its own with --target-file, and the others without.",
    });
  }
  const publishedAt = (options.now ?? new Date()).toISOString();
  let wrote = false;
  let files: PublishFileResult[];
  try {
    files = await mapLimit(checked, CONCURRENCY, async (entry) => {
      if (entry.kind !== "agent") return outcome(entry);
      const result = await publishVersion({ store, agent: entry, options, publishedAt }).catch((error: unknown) => refusal(entry.file, error));
      wrote ||= result.status === "published" && options.dryRun !== true;
      return result;
    });
  } finally {
    // Once, after every agent.json: clients see one new serial for the whole import.
    if (wrote) await store.raiseSerial();
  }
  const count = (status: PublishFileResult["status"]): number => files.filter((file) => file.status === status).length;
  return { to: store.root, files, published: count("published"), skipped: count("skipped"), refused: count("refused") };
}

/**
 * One file per agent name in a call: a second file with the same bytes is skipped, one with other
 * bytes refused, so which file becomes the version never depends on the order of the arguments.
 */
function claimNames(entries: Array<CheckedAgentFile | FileOutcome>): Array<CheckedAgentFile | FileOutcome> {
  const claimed = new Map<string, CheckedAgentFile>();
  return entries.map((entry) => {
    if (entry.kind !== "agent") return entry;
    const first = claimed.get(entry.name);
    if (first === undefined) {
      claimed.set(entry.name, entry);
      return entry;
    }
    if (Buffer.compare(first.bytes, entry.bytes) === 0) return { kind: "skipped", file: entry.file, reason: `the same file as ${first.file}` };
    const error = new AgentregError(ErrorCode.EXISTS, `${entry.file} is also agent ${entry.name}, already published from ${first.file} in this run`, {
      subject: entry.file,
      hint: "Give each agent a distinct name in its frontmatter, or publish the files one at a time as successive versions.",
    });
    return { kind: "refused", file: entry.file, error };
  });
}

function outcome(entry: FileOutcome): PublishFileResult {
  if (entry.kind === "skipped") return { status: "skipped", file: entry.file, reason: entry.reason };
  return refusal(entry.file, entry.error);
}

/** A refusal names the validator's rule when validation refused the file. Anything but an AgentregError is a bug and is thrown. */
function refusal(file: string, error: unknown): RefusedAgentFile {
  if (!(error instanceof AgentregError)) throw error;
  const issues = error.details?.issues;
  const first: unknown = Array.isArray(issues) ? issues[0] : undefined;
  const ruleId = typeof first === "object" && first !== null && "ruleId" in first && typeof first.ruleId === "string" ? first.ruleId : undefined;
  return { status: "refused", file, ...(ruleId === undefined ? {} : { ruleId }), error };
}
