import { describe, expect, it } from "vitest";
import type { Packument } from "../registry/protocol.js";
import { resolveVersion } from "./resolve-version.js";

function packument(versions: string[], options: { latest?: string; yanked?: string[]; tags?: Record<string, string> } = {}): Packument {
  return {
    name: "demo",
    distTags: { latest: options.latest ?? versions[versions.length - 1] ?? "0.0.0", ...options.tags },
    versions: Object.fromEntries(
      versions.map((version) => [
        version,
        {
          integrity: "sha512-x",
          tarball: `tarballs/demo/demo-${version}.tgz`,
          size: 1,
          publishedAt: "2026-01-01T00:00:00.000Z",
          frontmatter: {},
          ...(options.yanked?.includes(version) ? { yanked: true } : {}),
        },
      ]),
    ),
  };
}

describe("resolveVersion", () => {
  const cases: Array<[string, Packument, string, string]> = [
    ["caret picks the highest compatible", packument(["1.0.0", "1.1.0", "1.2.0", "2.0.0"]), "^1.0.0", "1.2.0"],
    ["tilde stays on the minor", packument(["1.0.0", "1.0.5", "1.1.0"]), "~1.0.0", "1.0.5"],
    ["an exact version pins exactly", packument(["1.0.0", "1.1.0"]), "1.0.0", "1.0.0"],
    ["a dist-tag names its version", packument(["1.0.0", "2.0.0-beta.1"], { latest: "1.0.0", tags: { next: "2.0.0-beta.1" } }), "next", "2.0.0-beta.1"],
    ["latest wins when it satisfies", packument(["1.0.0", "1.5.0"], { latest: "1.0.0" }), "^1.0.0", "1.0.0"],
    ["yanked versions are skipped", packument(["1.0.0", "1.1.0"], { latest: "1.0.0", yanked: ["1.1.0"] }), ">=1.0.0", "1.0.0"],
    ["a yanked latest falls back to the highest left", packument(["1.0.0", "1.1.0"], { latest: "1.1.0", yanked: ["1.1.0"] }), "^1.0.0", "1.0.0"],
    ["prereleases need an explicit range", packument(["1.0.0", "1.1.0-rc.1"], { latest: "1.0.0" }), "^1.0.0", "1.0.0"],
    ["star takes latest", packument(["1.0.0", "3.0.0"]), "*", "3.0.0"],
  ];
  it.each(cases)("%s", (_title, doc, range, expected) => {
    expect(resolveVersion({ packument: doc, range }).version).toBe(expected);
  });

  it("reports E_NO_MATCH with the published versions", () => {
    expect(() => resolveVersion({ packument: packument(["1.0.0", "1.1.0"]), range: "^2.0.0" })).toThrow(
      expect.objectContaining({ code: "E_NO_MATCH", hint: expect.stringContaining("1.0.0, 1.1.0") }),
    );
  });

  it("an exact yanked version does not resolve", () => {
    expect(() => resolveVersion({ packument: packument(["1.0.0", "1.1.0"], { yanked: ["1.1.0"] }), range: "1.1.0" })).toThrow(
      expect.objectContaining({ code: "E_NO_MATCH" }),
    );
  });

  it.each(["constructor", "toString", "hasOwnProperty", "__proto__"])("a packument built by hand answers x@%s as an unknown dist-tag, never with an Object.prototype member", (tag) => {
    expect(() => resolveVersion({ packument: packument(["1.0.0"]), range: tag })).toThrow(expect.objectContaining({ code: "E_USAGE", message: `"${tag}" is neither a semver range nor a dist-tag of demo` }));
  });

  it("refuses a word that is neither a range nor a tag", () => {
    expect(() => resolveVersion({ packument: packument(["1.0.0"]), range: "nightly" })).toThrow(expect.objectContaining({ code: "E_USAGE" }));
  });
});
