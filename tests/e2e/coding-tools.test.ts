// Issue 17, "Proof against the real tools": every agent of the builtin catalog, installed by the built
// CLI for OpenCode, Gemini CLI, Codex and Copilot, loads in that tool itself (pinned, offline), and so
// do the golden translations of the edge cases (no tools, MCP grants, plan mode, non-ASCII text…).
// Cursor has no CLI on npm; its files are held to their golden copies only.
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CODING_TOOLS_HINT, SKIP_CODING_TOOLS, codexAgents, codingToolsInstalled, copilotAgents, geminiAgents, openCodeAgent, openCodeAgents } from "../helpers/coding-tools.js";
import { REPO_ROOT, assertSucceeded, runCli, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const CATALOG = (await readdir(join(REPO_ROOT, "registry/agents"))).sort();
const GOLDEN = join(REPO_ROOT, "tests/fixtures/targets/golden");

/**
 * A project with every builtin agent installed by the built CLI for one target only, and beside them
 * the golden translations of every edge case for that target (one tool run checks both). A golden
 * case named like a catalog agent is left out: the catalog's file is checked in its place.
 */
async function toolProject(target: string, folder: string): Promise<{ project: string; golden: string[] }> {
  const project = await makeTempDir();
  await writeFile(join(project, "agentreg.json"), `${JSON.stringify({ targets: [target], agents: Object.fromEntries(CATALOG.map((name) => [name, "*"])) }, null, 2)}\n`);
  assertSucceeded(await runCli(["install"], { cwd: project }), `install for ${target}`);
  await mkdir(join(project, folder), { recursive: true });
  const golden: string[] = [];
  for (const testCase of await readdir(GOLDEN)) {
    for (const file of await readdir(join(GOLDEN, testCase))) {
      if (!file.startsWith(`${target}--`) || file.endsWith("findings.txt")) continue;
      const name = file.slice(`${target}--`.length).replace(/(\.agent)?\.(md|toml)$/, "");
      if (CATALOG.includes(name)) continue;
      await cp(join(GOLDEN, testCase, file), join(project, folder, file.slice(`${target}--`.length)));
      golden.push(name);
    }
  }
  return { project, golden: golden.sort() };
}

const expected = (golden: string[]): string[] => [...CATALOG, ...golden].sort();

describe.skipIf(SKIP_CODING_TOOLS)("agent files load in the coding tools themselves", () => {
  beforeAll(() => {
    if (!codingToolsInstalled()) throw new Error(`the coding tools are not installed: ${CODING_TOOLS_HINT}`);
  });

  it("OpenCode lists every catalog agent and every golden translation as a subagent, with the catalog's grants as permissions", async () => {
    const { project, golden } = await toolProject("opencode", ".opencode/agents");
    const { agents, output } = await openCodeAgents(project);
    expect(output.code, output.stderr).toBe(0);
    expect(agents.filter((name) => expected(golden).includes(name)).sort()).toEqual(expected(golden));
    // code-reviewer has Read, Grep and Glob: everything else is denied, editing included.
    const reviewer = await openCodeAgent(project, "code-reviewer");
    const rules = reviewer.permission as Array<{ permission: string; action: string }>;
    const last = (permission: string): string | undefined => rules.filter((rule) => rule.permission === permission || rule.permission === "*").at(-1)?.action;
    expect([last("read"), last("grep"), last("edit"), last("bash")]).toEqual(["allow", "allow", "deny", "deny"]);
    expect(reviewer.model).toEqual({ providerID: "anthropic", modelID: "claude-sonnet-4-5" });
  });

  it("Gemini CLI's own loader accepts every catalog agent and every golden translation, tools included", async () => {
    const { project, golden } = await toolProject("gemini", ".gemini/agents");
    const loaded = await geminiAgents(join(project, ".gemini/agents"));
    expect(loaded.errors).toEqual([]);
    expect(loaded.agents.map((agent) => agent.name).sort()).toEqual(expected(golden));
    expect(loaded.agents.find((agent) => agent.name === "code-reviewer")?.tools).toEqual(["read_file", "read_many_files", "grep_search", "glob", "list_directory"]);
  });

  it("Codex offers every catalog agent and every golden translation as an agent role, and ignores none", async () => {
    const { project, golden } = await toolProject("codex", ".codex/agents");
    const { agents, ignored } = await codexAgents(project);
    expect(ignored).toEqual([]);
    expect(agents.filter((name) => expected(golden).includes(name)).sort()).toEqual(expected(golden));
  });

  it("GitHub Copilot CLI lists every catalog agent and every golden translation from .github/agents", async () => {
    const { project, golden } = await toolProject("copilot", ".github/agents");
    const { agents, errors } = await copilotAgents(project);
    expect(errors).toEqual([]);
    expect(agents.filter((name) => expected(golden).includes(name)).sort()).toEqual(expected(golden));
  });
});
