import semver from "../semver.js";

/**
 * The version `latest` points at: the highest stable version that is not yanked; a prerelease only
 * when no stable one is left; a yanked one only when every version is yanked (so the tag still
 * names something, and resolution skips it anyway).
 *
 * @example
 * pickLatest(["1.0.0", "1.1.0", "2.0.0-rc.1"], new Set(["1.1.0"])); // "1.0.0"
 */
export function pickLatest(versions: readonly string[], yanked: ReadonlySet<string>): string | undefined {
  const candidates = versions.filter((version) => !yanked.has(version));
  const pool = candidates.length > 0 ? candidates : versions;
  const stable = pool.filter((version) => semver.prerelease(version) === null);
  return [...(stable.length > 0 ? stable : pool)].sort(semver.rcompare)[0];
}
