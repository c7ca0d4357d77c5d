import { describe, expect, it } from "vitest";
import { isAgentregError } from "../errors.js";
import { agentKeyName, assertAgentName, checkAgentName, formatAgentSpec, parseAgentSpec } from "./agent-name.js";

describe("checkAgentName", () => {
  it.each([
    "a",
    "reviewer",
    "senior-backend-engineer",
    "agent2",
    "a1-b2-c3",
    "x".repeat(64),
    "console",
    "com10",
    "nullable",
    // Issue 13: what Claude Code and npm both accept as a file name, dots included.
    "powershell-5.1-expert",
    "vue.js-expert",
    "1password",
    "3d-modeler",
    "code--reviewer",
    "a.b.c",
    "readme.mdx",
  ])(
    "accepts %j",
    (name) => {
      expect(checkAgentName(name)).toBeUndefined();
    },
  );

  it.each([
    ["", /empty/],
    ["Reviewer", /must be lowercase/],
    ["Senior-Backend", /must be lowercase/],
    ["PowerShell-5.1-Expert", /must be lowercase/],
    ["-reviewer", /must not start with "-" or "."/],
    [".reviewer", /must not start with "-" or "."/],
    ["x".repeat(65), /65 characters long; the limit is 64/],
    ["code_reviewer", /only lowercase letters, digits, "-" and "."/],
    ["code reviewer", /only lowercase letters, digits, "-" and "."/],
    ["code/reviewer", /only lowercase letters, digits, "-" and "."/],
    ["café", /only lowercase letters, digits, "-" and "."/],
    ["reviewer-", /must not end with "-" or "."/],
    ["reviewer.", /must not end with "-" or "."/],
    ["code..reviewer", /must not contain ".."/],
    ["..", /must not start with "-" or "."/],
    ["reviewer.md", /must not end in ".md".*reviewer\.md\.md/],
    ["reviewer.MD", /must be lowercase/],
    ["con", /reserved device name on Windows/],
    ["con.x", /begins with "con", a reserved device name on Windows, so `con.x.md`/],
    ["prn", /reserved device name on Windows/],
    ["aux", /reserved device name on Windows/],
    ["nul", /reserved device name on Windows/],
    ["nul.md", /reserved device name on Windows, so `nul.md.md`/],
    ["com1", /reserved device name on Windows/],
    ["com9", /reserved device name on Windows/],
    ["com1.5-expert", /reserved device name on Windows/],
    ["lpt1", /reserved device name on Windows/],
    ["lpt0", /reserved device name on Windows/],
  ])("rejects %j", (name, message) => {
    expect(checkAgentName(name)).toMatch(message);
  });
});

describe("assertAgentName", () => {
  it("returns quietly for a valid name", () => {
    expect(() => assertAgentName("code-reviewer")).not.toThrow();
  });

  it("throws E_INVALID_NAME with the name as subject and a hint", () => {
    const error = catchError(() => assertAgentName("Con"));
    expect(error).toMatchObject({ code: "E_INVALID_NAME", subject: "Con", message: /reserved device name/ });
    expect(error.hint).toMatch(/lowercase letters, digits, `-` and `.`/);
  });
});

describe("parseAgentSpec", () => {
  it.each([
    ["reviewer", { name: "reviewer" }],
    ["reviewer@1.0.0", { name: "reviewer", range: "1.0.0" }],
    ["reviewer@^1.0.0", { name: "reviewer", range: "^1.0.0" }],
    ["reviewer@~2.1", { name: "reviewer", range: "~2.1" }],
    ["reviewer@>=1.2.0 <2.0.0", { name: "reviewer", range: ">=1.2.0 <2.0.0" }],
    ["reviewer@*", { name: "reviewer", range: "*" }],
    ["reviewer@latest", { name: "reviewer", range: "latest" }],
    ["reviewer@next", { name: "reviewer", range: "next" }],
    ["@acme/reviewer", { scope: "acme", name: "reviewer" }],
    ["@acme/reviewer@~2.1.0", { scope: "acme", name: "reviewer", range: "~2.1.0" }],
    ["@acme/reviewer@latest", { scope: "acme", name: "reviewer", range: "latest" }],
    ["powershell-5.1-expert", { name: "powershell-5.1-expert" }],
    ["powershell-5.1-expert@5.1.0", { name: "powershell-5.1-expert", range: "5.1.0" }],
    ["@acme/vue.js-expert@^2.0.0", { scope: "acme", name: "vue.js-expert", range: "^2.0.0" }],
  ])("parses %j", (raw, expected) => {
    expect(parseAgentSpec(raw)).toEqual({ ...expected, raw });
  });

  it.each([
    ["", "E_USAGE", /empty/],
    ["   ", "E_USAGE", /empty/],
    ["@acme", "E_USAGE", /scope but no name/],
    ["reviewer@", "E_USAGE", /names no version/],
    ["reviewer@1.0.0@2", "E_USAGE", /neither a semver range nor a dist-tag/],
    ["reviewer@^x.y", "E_USAGE", /neither a semver range nor a dist-tag/],
    ["reviewer@1.2.3.4", "E_USAGE", /neither a semver range nor a dist-tag/],
    ["Reviewer", "E_INVALID_NAME", /must be lowercase/],
    ["con@1.0.0", "E_INVALID_NAME", /reserved device name/],
    ["@acme/", "E_INVALID_NAME", /the name is empty/],
    ["@/reviewer", "E_INVALID_NAME", /invalid scope.*empty/],
    ["@Acme/reviewer", "E_INVALID_NAME", /invalid scope.*must be lowercase/],
    ["@acme/team/reviewer", "E_INVALID_NAME", /only lowercase letters/],
    ["../reviewer", "E_INVALID_NAME", /must not start with "-" or "."/],
    ["reviewer.md@1.0.0", "E_INVALID_NAME", /must not end in ".md"/],
  ])("rejects %j with %s", (raw, code, message) => {
    const error = catchError(() => parseAgentSpec(raw));
    expect(error).toMatchObject({ code, subject: raw, message });
    expect(error.hint).toBeTruthy();
  });
});

describe("agentKeyName", () => {
  it.each([
    ["reviewer", "reviewer"],
    ["@acme/reviewer", "reviewer"],
    ["powershell-5.1-expert", "powershell-5.1-expert"],
    ["@acme/powershell-5.1-expert", "powershell-5.1-expert"],
  ])("reads %j as the agent %j", (key, name) => {
    expect(agentKeyName(key)).toBe(name);
  });

  // A key decides a path (`.claude/agents/<name>.md`), so every key that could leave the folder or
  // name another file is no key at all.
  it.each(["../x", "..", ".", "a/b", "@acme/../x", "x.md", "x..y", ".hidden", "con.x", "reviewer@1.0.0", "@acme", "Reviewer"])("refuses %j", (key) => {
    expect(agentKeyName(key)).toBeUndefined();
  });
});

describe("formatAgentSpec", () => {
  it.each([
    [{ name: "reviewer" }, "reviewer"],
    [{ scope: "acme", name: "reviewer" }, "@acme/reviewer"],
    [{ scope: undefined, name: "reviewer" }, "reviewer"],
  ])("formats %j as %s", (spec, expected) => {
    expect(formatAgentSpec(spec)).toBe(expected);
  });

  it("round-trips with parseAgentSpec", () => {
    expect(formatAgentSpec(parseAgentSpec("@acme/reviewer@^1.0.0"))).toBe("@acme/reviewer");
  });
});

function catchError(run: () => unknown): { code: string; subject?: string; hint?: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isAgentregError(error)) return error;
    throw error;
  }
  throw new Error("expected an AgentregError");
}
