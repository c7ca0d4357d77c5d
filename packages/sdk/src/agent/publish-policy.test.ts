import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAgentregError } from "../errors.js";
import { RULES } from "../authoring/rules.js";
import { validateAgent } from "./validate-agent.js";
import { PUBLISH_POLICY, validateForPublish } from "./publish-policy.js";
import { requireValidAgent } from "./require-valid-agent.js";

const bytes = (lines: string[], body = "You review code."): Uint8Array => new TextEncoder().encode(`---\n${lines.join("\n")}\n---\n${body}\n`);
const view = (issues: Array<{ ruleId: string; severity: string }>): string[] => issues.map((issue) => `${issue.ruleId}:${issue.severity}`);

describe("validateForPublish: the registry's publish policy", () => {
  // Issue 13: Claude Code loads each of these files; the policy may refuse some, and says it is the policy.
  it.each<[string, string[], string, string[], string[]]>([
    ["a namespaced name", ["name: python-development-fastapi-pro", "description: d"], "fastapi-pro.md", ["name-mismatch:warning"], ["name-mismatch:error"]],
    ["a name that is no portable file name", ["name: Code Reviewer", "description: d"], "Code Reviewer.md", ["name-format:warning"], ["name-format:error"]],
    ["a wrong-shaped known field", ["name: reviewer", "description: d", "tools: [1, 2]"], "reviewer.md", ["field-invalid:warning"], ["field-invalid:error"]],
    ["an unknown model alias", ["name: reviewer", "description: d", "model: sonnet-5"], "reviewer.md", ["model-unknown:warning"], ["model-unknown:warning"]],
    ["an unknown tool", ["name: reviewer", "description: d", "tools: Read, Deploy"], "reviewer.md", ["tool-unknown:warning"], ["tool-unknown:warning"]],
    ["an unknown field", ["name: reviewer", "description: d", "tags: [a]"], "reviewer.md", ["field-unknown:warning"], ["field-unknown:warning"]],
    ["a colour Claude Code ignores", ["name: reviewer", "description: d", "color: teal"], "reviewer.md", ["color-unknown:warning"], ["color-unknown:warning"]],
    ["a dotted name", ["name: powershell-5.1-expert", "description: d"], "powershell-5.1-expert.md", [], []],
    ["a file Claude Code skips", ["name: reviewer", "description: 42"], "reviewer.md", ["description-invalid:error"], ["description-invalid:error"]],
  ])("%s: validate says %j, publish says %j", (_, lines, fileName, validate, publish) => {
    expect(view(validateAgent({ bytes: bytes(lines), fileName }).issues)).toEqual(validate);
    const checked = validateForPublish({ bytes: bytes(lines), fileName });
    expect(view(checked.issues)).toEqual(publish);
    expect(checked.ok).toBe(!publish.some((issue) => issue.endsWith(":error")));
  });

  it("explains a policy finding as the registry's policy, never as Claude Code skipping the file", () => {
    const [issue] = validateForPublish({ bytes: bytes(["name: python-development-fastapi-pro", "description: d"]), fileName: "fastapi-pro.md" }).issues;
    expect(issue?.message).toBe(
      "the registry's publish policy requires the file to be named `<name>.md`, the file the registry installs (rename the file, or publish with --rename): " +
        '`name` is "python-development-fastapi-pro" but the file is fastapi-pro.md; Claude Code knows the agent as python-development-fastapi-pro',
    );
    expect(issue?.message).not.toMatch(/skips/);
  });

  it("accepts a namespaced file published under its name (--rename passes `<name>.md`)", () => {
    expect(validateForPublish({ bytes: bytes(["name: python-development-fastapi-pro", "description: d"]), fileName: "python-development-fastapi-pro.md" }).issues).toEqual([]);
  });

  it("only names rules the validator has, each a warning that the policy makes an error, as docs/validate.md says", () => {
    expect(Object.keys(PUBLISH_POLICY).sort()).toEqual(["field-invalid", "name-format", "name-mismatch"]);
    const docs = readFileSync(new URL("../../../../docs/validate.md", import.meta.url), "utf8");
    for (const id of Object.keys(PUBLISH_POLICY)) {
      expect(RULES[id as keyof typeof RULES].severity).toBe("warning");
      expect(docs, id).toContain(`| \`${id}\` | warning | error |`);
    }
  });
});

describe("requireValidAgent", () => {
  const refusal = (lines: string[], fileName: string): { message: string; hint?: string } => {
    try {
      requireValidAgent({ bytes: bytes(lines), file: `agents/${fileName}`, what: "published" });
    } catch (error) {
      if (isAgentregError(error)) return error;
      throw error;
    }
    throw new Error("expected a refusal");
  };

  it("says a policy refusal is the registry's policy", () => {
    const error = refusal(["name: python-development-fastapi-pro", "description: d"], "fastapi-pro.md");
    expect(error.message).toMatch(/^agents\/fastapi-pro\.md:2 is refused: the registry's publish policy requires the file to be named/);
    expect(error.hint).toBe("Run `agentreg validate --for-publish agents/fastapi-pro.md` for every problem; nothing was published.");
  });

  it("says a file Claude Code skips is not a valid agent, even when the policy refuses it too", () => {
    const error = refusal(["name: Code Reviewer", "description: 42"], "reviewer.md");
    expect(error.message).toMatch(/^agents\/reviewer\.md:3 is not a valid agent: `description` is the number 42, not a string; Claude Code skips this file$/);
  });
});
