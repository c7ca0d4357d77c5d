import semver from "../semver.js";
import { AgentregError, ErrorCode } from "../errors.js";
import type { Packument, PackumentVersion } from "../registry/protocol.js";
import { checkArgument, checkOptions } from "../check-arguments.js";

export interface ResolveVersionOptions {
  packument: Packument;
  /** A semver range, an exact version, or a dist-tag such as `latest`. */
  range: string;
  /** Name to show in errors, e.g. `@acme/reviewer`; defaults to the packument's name. */
  displayName?: string;
}

export interface ResolveVersionResult {
  version: string;
  entry: PackumentVersion;
}

/**
 * Picks the version a range means, the way npm does: a dist-tag names its version; otherwise the
 * `latest` tag wins when it satisfies the range, else the highest satisfying version. Yanked versions
 * are never chosen (a lockfile may still pin one; that path does not resolve).
 *
 * @example
 * resolveVersion({ packument, range: "^1.0.0" }); // { version: "1.2.0", entry: {...} }
 */
export function resolveVersion(options: ResolveVersionOptions): ResolveVersionResult {
  checkOptions("resolveVersion", options, { packument: "packument", range: "string", displayName: "string?" });
  const { packument, range } = options;
  const displayName = options.displayName ?? packument.name;
  const available = Object.keys(packument.versions)
    .filter((version) => semver.valid(version) !== null && packument.versions[version]?.yanked !== true)
    .sort(semver.compare);

  // Own properties only: a packument built by hand (not parsed, so not prototype-free) must not
  // answer `x@constructor` with Object.prototype.constructor.
  const tagged = Object.hasOwn(packument.distTags, range) ? packument.distTags[range] : undefined;
  const pick = (version: string | undefined): ResolveVersionResult | undefined => {
    const entry = version === undefined || !Object.hasOwn(packument.versions, version) ? undefined : packument.versions[version];
    return version !== undefined && entry !== undefined && entry.yanked !== true ? { version, entry } : undefined;
  };

  let result: ResolveVersionResult | undefined;
  if (tagged !== undefined) {
    result = pick(tagged);
  } else if (semver.validRange(range) !== null) {
    const latest = packument.distTags.latest;
    result =
      latest !== undefined && semver.valid(latest) !== null && semver.satisfies(latest, range)
        ? pick(latest)
        : undefined;
    result ??= pick(semver.maxSatisfying(available, range) ?? undefined);
  } else {
    throw new AgentregError(ErrorCode.USAGE, `${JSON.stringify(range)} is neither a semver range nor a dist-tag of ${displayName}`, {
      subject: `${displayName}@${range}`,
      hint: `Use a range like ^1.0.0, an exact version, or one of: ${Object.keys(packument.distTags).sort().join(", ")}.`,
    });
  }
  if (!result) {
    throw new AgentregError(ErrorCode.NO_MATCH, `no version of ${displayName} matches ${range}`, {
      subject: `${displayName}@${range}`,
      hint:
        available.length > 0
          ? `Published versions: ${available.join(", ")}. Pick one of those, or widen the range.`
          : `${displayName} has no installable version (all are yanked).`,
      details: { versions: available },
    });
  }
  return result;
}

/**
 * The range `add` records when the user names no range: `^<version>`, like `npm install`.
 *
 * @example
 * defaultRangeFor("1.2.0"); // "^1.2.0"
 */
export function defaultRangeFor(version: string): string {
  checkArgument("defaultRangeFor", "version", version, "string");
  return `^${version}`;
}
