import semver from "../semver.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { noVersionError, openRegistrySource, parseSourceSpec } from "./registry-source-store.js";
import { sourcePaths } from "./source-schema.js";
import { checkOptions } from "../check-arguments.js";

export interface DeprecateVersionsOptions {
  /** `name` (every version), `name@version` or `name@range`. */
  spec: string;
  /** Shown to everyone who installs a matching version; an empty message takes the deprecation back. */
  message: string;
  /** The registry source folder. */
  to: string;
  dryRun?: boolean;
}

export interface DeprecateVersionsResult {
  name: string;
  /** The matching versions, ascending. */
  versions: string[];
  /** The message set, or undefined when it was removed. */
  message: string | undefined;
  /** False when every matching version already had this message; nothing is written then. */
  changed: boolean;
  files: string[];
}

/** Long enough for a sentence and a link; a message is printed on every install. */
const MAX_MESSAGE_LENGTH = 1024;

/**
 * Sets (or, with an empty message, removes) the deprecation message of every published version that
 * matches, like `npm deprecate`. Deprecated versions still resolve; installing one prints the message.
 *
 * @example
 * await deprecateVersions({ spec: "reviewer@<2.0.0", message: "use 2.x: it reads diffs, not files", to: "registry" });
 */
export async function deprecateVersions(options: DeprecateVersionsOptions): Promise<DeprecateVersionsResult> {
  checkOptions("deprecateVersions", options, { spec: "string", message: "string", to: "path", dryRun: "boolean?" });
  const { name, range } = parseSourceSpec(options.spec, { exact: false });
  const message = options.message.trim();
  checkMessage(message);
  const store = await openRegistrySource(options.to);
  const published = await store.publishedVersions(name);
  const versions = published.filter((version) => range === undefined || semver.satisfies(version, range, { includePrerelease: true }));
  if (versions.length === 0) throw noVersionError({ dir: options.to, name, wanted: range, versions: published });

  const agent = await store.readAgent(name);
  const deprecations = { ...agent.deprecations };
  for (const version of versions) {
    if (message === "") delete deprecations[version];
    else deprecations[version] = message;
  }
  const changed = JSON.stringify(Object.entries(deprecations).sort()) !== JSON.stringify(Object.entries(agent.deprecations).sort());
  const files = changed ? [sourcePaths.agent(name), sourcePaths.registry] : [];
  if (changed && !options.dryRun) await store.commitAgent(name, { ...agent, deprecations });
  return { name, versions, message: message === "" ? undefined : message, changed, files };
}

function checkMessage(message: string): void {
  // Control characters would reach every installer's terminal; the CLI escapes them, other clients may not.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(message);
  if (message.length > MAX_MESSAGE_LENGTH || control) {
    throw new AgentregError(ErrorCode.USAGE, control ? "the deprecation message holds a control character" : `the deprecation message is longer than ${MAX_MESSAGE_LENGTH} characters`, {
      hint: "Write one plain line, for example: \"use 2.x instead\".",
    });
  }
}
