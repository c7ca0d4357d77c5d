import { checkAgentFile } from "./check-agent-file.js";
import { checkVersionChoice, PUBLISH_VERSION_SPEC, publishVersion, type PublishedAgentFile, type PublishVersionOptions, type SkippedAgentFile } from "./publish-version.js";
import { openRegistrySource } from "./registry-source-store.js";
import { checkOptions } from "../check-arguments.js";

export type { VersionBump } from "./publish-version.js";

export interface PublishAgentOptions extends PublishVersionOptions {
  /** The agent file to publish. */
  file: string;
  /** The registry source folder to publish into. */
  to: string;
  /** Publish under the frontmatter `name` when the file is named otherwise (see `publishAgents`). */
  rename?: boolean | undefined;
  /** The publication time to record; defaults to now. */
  now?: Date | undefined;
}

/** Published, or skipped because the version already holds these exact bytes. */
export type PublishAgentResult = PublishedAgentFile | (SkippedAgentFile & { name: string; version: string });

/**
 * Adds a new version of one agent to a registry source folder. The file is validated first: a file
 * Claude Code would not load is never published. A version, once published, is never replaced; the
 * same bytes published again at the same version are a `skipped` result. `publishAgents` does the
 * same for many files, folders and plugin marketplaces at once.
 *
 * @throws {AgentregError} `E_INVALID_AGENT` naming `file:line`, `E_VERSION_EXISTS`, `E_NOT_FOUND`,
 * `E_USAGE`.
 * @example
 * await publishAgent({ file: "reviewer.md", to: "registry", version: "1.0.0" });
 * await publishAgent({ file: "reviewer.md", to: "registry", bump: "minor" }); // 1.0.0 -> 1.1.0
 */
export async function publishAgent(options: PublishAgentOptions): Promise<PublishAgentResult> {
  checkOptions("publishAgent", options, { ...PUBLISH_VERSION_SPEC, file: "path", to: "path", rename: "boolean?", now: "date?" });
  checkVersionChoice(options);
  const checked = await checkAgentFile({ path: options.file, explicit: true }, { rename: options.rename === true });
  // A named file is never skipped: anything but an agent is refused.
  if (checked.kind === "refused") throw checked.error;
  if (checked.kind === "skipped") throw new Error(`unreachable: ${checked.file} skipped`);
  const store = await openRegistrySource(options.to);
  const result = await publishVersion({ store, agent: checked, options, publishedAt: (options.now ?? new Date()).toISOString() });
  if (result.status === "refused") throw result.error;
  if (result.status === "published" && !options.dryRun) await store.raiseSerial();
  return result as PublishAgentResult;
}
