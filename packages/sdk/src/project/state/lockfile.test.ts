import { describe, expect, it } from "vitest";
import { formatLockfile, parseLockfile, type Lockfile } from "./lockfile.js";

const entry = {
  version: "1.0.0",
  registry: "builtin",
  resolved: "builtin:tarballs/b/b-1.0.0.tgz",
  integrity: `sha512-${"A".repeat(86)}==`,
  files: { ".claude/agents/b.md": `sha512-${"B".repeat(86)}==` },
};

describe("agentreg.lock", () => {
  it("is written with lockfileVersion first, agents sorted by name, keys sorted, POSIX paths", () => {
    const lock: Lockfile = { lockfileVersion: 1, agents: { b: entry, a: { ...entry, resolved: "builtin:tarballs/a/a-1.0.0.tgz", files: { ".claude/agents/a.md": `sha512-${"C".repeat(86)}==` } } } };
    const text = formatLockfile(lock);
    expect(text.startsWith('{\n  "lockfileVersion": 1,\n  "agents": {\n    "a": {\n      "files": {\n        ".claude/agents/a.md"')).toBe(true);
    expect(text.indexOf('"a": {')).toBeLessThan(text.indexOf('"b": {'));
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).not.toContain("\\\\");
  });

  it("round-trips: parse(format(lock)) formats to the same bytes", () => {
    const lock: Lockfile = { lockfileVersion: 1, agents: { b: entry } };
    const text = formatLockfile(lock);
    expect(formatLockfile(parseLockfile(text, "agentreg.lock"))).toBe(text);
  });

  it("accepts a dotted agent name, whose one file is `.claude/agents/<name>.md` (issue 13)", () => {
    const dotted = { ...entry, resolved: "builtin:tarballs/powershell-5.1-expert/powershell-5.1-expert-1.0.0.tgz", files: { ".claude/agents/powershell-5.1-expert.md": entry.files[".claude/agents/b.md"] } };
    const lock: Lockfile = { lockfileVersion: 1, agents: { "powershell-5.1-expert": dotted, "@acme/vue.js-expert": { ...dotted, files: { ".claude/agents/vue.js-expert.md": dotted.files[".claude/agents/powershell-5.1-expert.md"] } } } };
    expect(parseLockfile(formatLockfile(lock), "agentreg.lock")).toEqual(lock);
  });

  it.each([
    ["not JSON", "{ nope", /not valid JSON at line 1/],
    ["trailing comma, with its position", '{\n  "lockfileVersion": 1,\n}', /line 3, column 1/],
    ["an unknown lockfile version", '{ "lockfileVersion": 2, "agents": {} }', /lockfileVersion/],
    ["an entry without integrity", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, integrity: undefined } } }), /integrity/],
    ["an entry with an empty integrity", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, integrity: "" } } }), /integrity/],
    ["a malformed integrity", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, integrity: "sha512-AAAA" } } }), /agents\.b\.integrity/],
    ["a malformed file hash", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, files: { ".claude/agents/b.md": "sha1-x" } } } }), /agents\.b\.files/],
    ["a file outside the agents folder", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, files: { "../b.md": entry.files[".claude/agents/b.md"] } } } }), /agents\.b\.files: must list only \.claude\/agents\/b\.md or the same agent's file for another target, not "\.\.\/b\.md"/],
    ["another agent's file", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, files: { ".claude/agents/a.md": entry.files[".claude/agents/b.md"] } } } }), /must list only .*not "\.claude\/agents\/a\.md"/],
    ["another agent's file for another tool", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, files: { ".opencode/agents/a.md": entry.files[".claude/agents/b.md"] } } } }), /not "\.opencode\/agents\/a\.md"/],
    ["a file of no target's folder", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, files: { ".claude/agents/b.md": entry.files[".claude/agents/b.md"], ".git/hooks/b.md": entry.files[".claude/agents/b.md"] } } } }), /not "\.git\/hooks\/b\.md"/],
    ["a key that is not an agent name", JSON.stringify({ lockfileVersion: 1, agents: { "../b": entry } }), /is not an agent name/],
    ["a key ending in .md, whose file would be b.md.md", JSON.stringify({ lockfileVersion: 1, agents: { "b.md": { ...entry, files: { ".claude/agents/b.md.md": entry.files[".claude/agents/b.md"] } } } }), /is not an agent name/],
    ["a key with ..", JSON.stringify({ lockfileVersion: 1, agents: { "b..c": { ...entry, files: { ".claude/agents/b..c.md": entry.files[".claude/agents/b.md"] } } } }), /is not an agent name/],
    ["a dotted key naming another file", JSON.stringify({ lockfileVersion: 1, agents: { "b.c": entry } }), /must list only \.claude\/agents\/b\.c\.md/],
    ["a version that is not semver", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, version: "v1.0.0" } } }), /agents\.b\.version/],
    ["credentials in a resolved URL", JSON.stringify({ lockfileVersion: 1, agents: { b: { ...entry, resolved: "https://u:p@h/x.tgz" } } }), /credentials/],
    ["a __proto__ key", '{ "lockfileVersion": 1, "agents": { "__proto__": {} } }', /__proto__/],
  ])("refuses %s with E_LOCKFILE naming the file", (_case, text, message) => {
    let caught: unknown;
    try {
      parseLockfile(text, "/p/agentreg.lock");
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: "E_LOCKFILE", subject: "/p/agentreg.lock", message: expect.stringMatching(message) });
  });
});
