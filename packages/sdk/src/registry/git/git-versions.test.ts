import { describe, expect, it } from "vitest";
import type { GitRef } from "./git-mirror.js";
import { pseudoVersion, readVersionSources, versionsOfAgent } from "./git-versions.js";

const c = (n: number): string => n.toString(16).padStart(40, "0");
const ref = (name: string, commit: number, committedAt = 1767323045 + commit): GitRef => ({ name, commit: c(commit), committedAt });

const refs: GitRef[] = [
  ref("HEAD", 5),
  ref("refs/heads/main", 5),
  ref("refs/heads/next", 6),
  ref("refs/tags/v1.0.0", 1),
  ref("refs/tags/1.0.0", 9),
  ref("refs/tags/v1.1.0", 2),
  ref("refs/tags/reviewer@1.1.0", 3),
  ref("refs/tags/reviewer--v2.0.0", 4),
  ref("refs/tags/nightly", 5),
  ref("refs/tags/v1.2", 7),
];

describe("git versions", () => {
  it("reads repository tags (v-prefixed or not), per-agent tags in both spellings, and the followed head", () => {
    const sources = readVersionSources(refs, undefined);
    expect(sources.repository.map((v) => [v.version, v.commit])).toEqual([
      ["1.0.0", c(9)],
      ["1.1.0", c(2)],
    ]);
    expect(sources.agents.get("reviewer")?.map((v) => [v.version, v.commit, v.from])).toEqual([
      ["1.1.0", c(3), "agent tag reviewer@1.1.0"],
      ["2.0.0", c(4), "agent tag reviewer--v2.0.0"],
    ]);
    expect(sources.head).toEqual({ commit: c(5), committedAt: 1767323050, from: "the default branch" });
    expect(readVersionSources(refs, "next").head?.from).toBe("branch next");
    expect(readVersionSources(refs, "nightly").head?.from).toBe("tag nightly");
    expect(readVersionSources(refs, c(8)).head?.commit).toBe(c(8));
    expect(readVersionSources(refs, "gone").head).toBeUndefined();
  });

  it("gives an agent its own tags over repository tags, only where it exists, and a pseudo-version for an untagged head", () => {
    const sources = readVersionSources(refs, undefined);
    const everywhere = versionsOfAgent("reviewer", sources, () => true);
    expect(everywhere.map((v) => [v.version, v.commit])).toEqual([
      ["0.0.0-20260102030410-000000000000", c(5)],
      ["1.0.0", c(9)],
      ["1.1.0", c(3)],
      ["2.0.0", c(4)],
    ]);
    expect(versionsOfAgent("linter", sources, (commit) => commit === c(2)).map((v) => v.version)).toEqual(["1.1.0"]);
    // A tagged head needs no pseudo-version.
    expect(versionsOfAgent("linter", readVersionSources([...refs, ref("refs/tags/v1.3.0", 5)], undefined), () => true).map((v) => v.version)).toEqual(["1.0.0", "1.1.0", "1.3.0"]);
  });

  it("writes pseudo-versions that sort by commit time", () => {
    expect(pseudoVersion(c(0xabc), 1767323045)).toBe("0.0.0-20260102030405-000000000000");
    expect(pseudoVersion("0123456789abcdef0123456789abcdef01234567", 0)).toBe("0.0.0-19700101000000-0123456789ab");
  });
});
