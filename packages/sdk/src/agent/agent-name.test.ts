import { describe, expect, it } from "vitest";
import { isAgentregError } from "../errors.js";
import { assertAgentName, checkAgentName, formatAgentSpec, parseAgentSpec } from "./agent-name.js";

describe("checkAgentName", () => {
  it.each(["a", "reviewer", "senior-backend-engineer", "agent2", "a1-b2-c3", "x".repeat(64), "console", "com10", "nullable"])(
    "accepts %j",
    (name) => {
      expect(checkAgentName(name)).toBeUndefined();
    },
  );

  it.each([
    ["", /empty/],
    ["Reviewer", /must be lowercase/],
    ["Senior-Backend", /must be lowercase/],
    ["1password", /must start with a lowercase letter/],
    ["-reviewer", /must start with a lowercase letter/],
    ["x".repeat(65), /65 characters long; the limit is 64/],
    ["code_reviewer", /only lowercase letters, digits and "-"/],
    ["code.reviewer", /only lowercase letters, digits and "-"/],
    ["code reviewer", /only lowercase letters, digits and "-"/],
    ["reviewer-", /must not end with "-"/],
    ["code--reviewer", /must not contain "--"/],
    ["con", /reserved device name on Windows/],
    ["prn", /reserved device name on Windows/],
    ["aux", /reserved device name on Windows/],
    ["nul", /reserved device name on Windows/],
    ["nul.md", /reserved device name on Windows, so `nul.md`/],
    ["com1", /reserved device name on Windows/],
    ["com9", /reserved device name on Windows/],
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
    expect(error.hint).toMatch(/lowercase letters, digits and single hyphens/);
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
    ["../reviewer", "E_INVALID_NAME", /must start with a lowercase letter/],
  ])("rejects %j with %s", (raw, code, message) => {
    const error = catchError(() => parseAgentSpec(raw));
    expect(error).toMatchObject({ code, subject: raw, message });
    expect(error.hint).toBeTruthy();
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
