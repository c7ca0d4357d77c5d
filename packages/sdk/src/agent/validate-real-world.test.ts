import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateForPublish } from "./publish-policy.js";
import { validateAgent } from "./validate-agent.js";

/**
 * Issue 13: shapes found in the subagent collections people use, written for this project
 * (tests/fixtures/real-world/). Claude Code loads every one of them, so the validator reports no
 * error for any; each finding's exact severity is part of the specification.
 */
const FOLDER = new URL("../../../../tests/fixtures/real-world/", import.meta.url);

/** File -> its findings as `ruleId@line:severity`, then what the publish policy makes of them. */
const EXPECTED: Record<string, { validate: string[]; publish: string[]; agent: { name: string; model?: string; description?: RegExp } }> = {
  "api-contract-reviewer.md": {
    // A one-line description with literal `\n`s and `: `, as Claude Code's generator writes them.
    validate: ["frontmatter-repaired@3:info"],
    publish: ["frontmatter-repaired@3:info"],
    agent: { name: "api-contract-reviewer", model: "sonnet", description: /^Use this agent when .*break\.\n\n<example>\nContext: .*\n<\/example>$/s },
  },
  "code-archaeologist.md": {
    validate: [],
    publish: [],
    agent: { name: "code-archaeologist", model: "opus", description: /^Explores an unfamiliar .*\nUse it before .*\n\n<example>\n.*<\/example>\n$/s },
  },
  "docs-gardener.md": {
    validate: ["field-unknown@5:warning", "color-unknown@6:warning"],
    publish: ["field-unknown@5:warning", "color-unknown@6:warning"],
    agent: { name: "docs-gardener" },
  },
  "fastapi-pro.md": {
    // A collection's namespaced name: Claude Code knows the agent by it; a registry installs <name>.md.
    validate: ["name-mismatch@2:warning"],
    publish: ["name-mismatch@2:error"],
    agent: { name: "python-development-fastapi-pro", model: "sonnet" },
  },
  "incident-commander.md": {
    // CRLF line endings and a folded block scalar.
    validate: [],
    publish: [],
    agent: { name: "incident-commander", description: /^Coordinates a production incident: .* owners and drafts .* is declared\.$/ },
  },
  "migration-planner.md": {
    validate: ["frontmatter-repaired@3:info"],
    publish: ["frontmatter-repaired@3:info"],
    agent: { name: "migration-planner", model: "sonnet", description: /Examples: <example>user: add a NOT NULL column/ },
  },
  "powershell-5.1-expert.md": {
    // A dotted name and `model: inherit`.
    validate: [],
    publish: [],
    agent: { name: "powershell-5.1-expert", model: "inherit" },
  },
  "release-notes-writer.md": {
    // Claude Code passes a model it does not know on as written: a warning at most.
    validate: ["model-unknown@5:warning"],
    publish: ["model-unknown@5:warning"],
    agent: { name: "release-notes-writer", model: "haiku-4.5" },
  },
  "sql-tuner.md": {
    validate: [],
    publish: [],
    agent: { name: "sql-tuner", description: /^Tunes slow SQL queries and indexes\.\n\nExamples:\n- user: / },
  },
  "ui-translator.md": {
    // A byte order mark: Claude Code reads the frontmatter past it.
    validate: ["bom@1:warning"],
    publish: ["bom@1:warning"],
    agent: { name: "ui-translator", model: "haiku" },
  },
};

const summary = (issues: Array<{ ruleId: string; line?: number; severity: string }>): string[] => issues.map((issue) => `${issue.ruleId}@${issue.line ?? "-"}:${issue.severity}`);

describe("validateAgent on real-world shapes (tests/fixtures/real-world)", () => {
  it("covers every fixture file", () => {
    expect(readdirSync(FOLDER).filter((file) => file.endsWith(".md")).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    const bytes = readFileSync(new URL(file, FOLDER));

    it(`${file}: ${expected.validate.join(", ") || "no finding"}, and the agent Claude Code loads`, () => {
      const result = validateAgent({ bytes, fileName: file });
      expect(summary(result.issues)).toEqual(expected.validate);
      expect(result.ok).toBe(true);
      expect(result.agent).toMatchObject({ name: expected.agent.name, ...(expected.agent.model === undefined ? {} : { model: expected.agent.model }) });
      if (expected.agent.description) expect(result.agent?.description).toMatch(expected.agent.description);
    });

    it(`${file} for publishing: ${expected.publish.join(", ") || "no finding"}`, () => {
      expect(summary(validateForPublish({ bytes, fileName: file }).issues)).toEqual(expected.publish);
    });
  }
});
