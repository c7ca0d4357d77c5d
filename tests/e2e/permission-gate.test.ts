// Issue 5, "Permission-widening gate": a version that grants an agent more power than the installed one
// is refused (without a TTY, no prompt) unless --allow-new-permissions; narrowing passes.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AgentVersion, expectCliError, readJson, snapshotTree, updateJson, useRegistry, useTempDirs, setWantedRange } from "../helpers/fixtures.js";
import { addAt100, agentFile, useCli, useProjectTemplate } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const { run } = useCli();

const HOOK = "hooks: { PreToolUse: [ { matcher: Bash, hooks: [ { type: command, command: ./check.sh } ] } ] }";

/** One agent per kind of widening: its 1.0.0 frontmatter, the 1.1.0 one that widens it, and the phrase the gate prints. */
const widenings = [
  { kind: "adds an entry to tools", name: "adds-tools", from: ["tools: Read, Grep"], to: ["tools: Read, Grep, Bash"], phrase: "adds tools: Bash" },
  { kind: "removes the tools line (all tools)", name: "drops-tools", from: ["tools: Read"], to: [], phrase: "removes the tools line (grants every tool)" },
  { kind: "removes a disallowedTools entry", name: "allows-write", from: ["disallowedTools: Bash, Write"], to: ["disallowedTools: Bash"], phrase: "allows previously disallowed tools: Write" },
  { kind: "changes permissionMode", name: "mode-change", from: ["permissionMode: plan"], to: ["permissionMode: acceptEdits"], phrase: "changes permissionMode: plan → acceptEdits" },
  { kind: "adds mcpServers", name: "adds-servers", from: [], to: ["mcpServers: [github]"], phrase: "adds mcpServers: github" },
  { kind: "adds hooks", name: "adds-hooks", from: [], to: [HOOK], phrase: "adds hooks: PreToolUse" },
  { kind: "changes model", name: "model-change", from: ["model: sonnet"], to: ["model: opus"], phrase: "changes model: sonnet → opus" },
];
const narrowing = { name: "narrows", from: ["tools: Read, Grep"], to: ["tools: Read"] };

const registry = useRegistry(
  [...widenings, narrowing].flatMap(({ name, from, to }): AgentVersion[] => [
    { name, version: "1.0.0", text: agentFile(name, "1.0.0", from) },
    { name, version: "1.1.0", text: agentFile(name, "1.1.0", to) },
  ]),
);

/** A project with `name` locked at 1.0.0 under the range ^1.0.0, so `update` would move it to 1.1.0. */
const projectWith = useProjectTemplate((project, name) => addAt100(run, project, registry.out, [name]));

const lockedVersion = async (project: string, name: string): Promise<string> => (await readJson(join(project, "agentreg.lock"))).agents[name].version;

describe("update refuses a version that widens an agent's grants", () => {
  it.each(widenings)("a 1.1.0 that $kind fails with E_PERMISSION_WIDENING naming it, and nothing changes", async ({ name, phrase }) => {
    const project = await projectWith(name);
    const before = await snapshotTree(project);
    const result = await run(["update"], project);
    expectCliError(result, "E_PERMISSION_WIDENING");
    expect(result.stderr.split("\n")[0]).toBe(`agentreg: E_PERMISSION_WIDENING widen ${name} 1.0.0 → 1.1.0 ${phrase}`);
    expect(result.stderr).toContain("--allow-new-permissions");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it.each(widenings)("--allow-new-permissions accepts a 1.1.0 that $kind", async ({ name }) => {
    const project = await projectWith(name);
    const result = await run(["update", "--allow-new-permissions"], project);
    expect(result).toMatchObject({ code: 0, stdout: `${name} 1.0.0 → 1.1.0\n` });
    expect(await readFile(join(project, `.claude/agents/${name}.md`), "utf8")).toBe(agentFile(name, "1.1.0", widenings.find((w) => w.name === name)?.to));
  });

  it("a version that only narrows the grants (drops a tool) passes without the flag", async () => {
    const project = await projectWith(narrowing.name);
    expect(await run(["update"], project)).toMatchObject({ code: 0, stdout: "narrows 1.0.0 → 1.1.0\n", stderr: "" });
    expect(await lockedVersion(project, narrowing.name)).toBe("1.1.0");
  });
});

describe("install and add are gated the same way", () => {
  it("install after agentreg.json was edited to a range the lock does not satisfy is refused, nothing changed", async () => {
    const project = await projectWith("adds-tools");
    await updateJson(join(project, "agentreg.json"), (json) => setWantedRange(json, "adds-tools", "^1.1.0"));
    const before = await snapshotTree(project);
    const result = await run(["install"], project);
    expectCliError(result, "E_PERMISSION_WIDENING");
    expect(result.stderr).toContain("widen adds-tools 1.0.0 → 1.1.0 adds tools: Bash");
    expect(await snapshotTree(project)).toEqual(before);

    expect((await run(["install", "--allow-new-permissions"], project)).code).toBe(0);
    expect(await lockedVersion(project, "adds-tools")).toBe("1.1.0");
  });

  it("install that keeps the lock as it is is not gated (it only restores the locked file)", async () => {
    const project = await projectWith("adds-tools");
    await rm(join(project, ".claude/agents/adds-tools.md"));
    expect((await run(["install"], project)).code).toBe(0);
    expect(await lockedVersion(project, "adds-tools")).toBe("1.0.0");
  });

  it("add of an installed agent at a version that widens it is refused, nothing changed", async () => {
    const project = await projectWith("model-change");
    const before = await snapshotTree(project);
    const result = await run(["add", "model-change@1.1.0"], project);
    expectCliError(result, "E_PERMISSION_WIDENING");
    expect(result.stderr).toContain("widen model-change 1.0.0 → 1.1.0 changes model: sonnet → opus");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("add of a new agent shows its grants in the summary: `tools: all` when it has no tools line", async () => {
    const project = await makeTempDir();
    const result = await run(["add", "drops-tools@1.1.0", "adds-tools@1.1.0", "--registry", registry.out], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("+ drops-tools@1.1.0 -> .claude/agents/drops-tools.md (tools: all)");
    expect(result.stdout).toContain("+ adds-tools@1.1.0 -> .claude/agents/adds-tools.md (tools: Read, Grep, Bash)");
  });
});
