// Issue 5, "Never lose an edit": install, update, add and remove leave an edited or unmanaged file
// alone (and say so) while doing the rest of their work; --force replaces it only after a backup.
import { appendFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliPartialFailure, readJson, snapshotTree, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { addAt100, agentFile, expectNoLeftovers, useCli, useProjectTemplate, versionsOf } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const { run, cache } = useCli();
const registry = useRegistry([...versionsOf("alpha", ["1.0.0", "1.1.0"]), ...versionsOf("beta", ["1.0.0", "1.1.0"])]);

const ALPHA = ".claude/agents/alpha.md";
const BETA = ".claude/agents/beta.md";
const EDITED = `${agentFile("alpha", "1.0.0")}Always answer in French.\n`;

/** alpha and beta at 1.0.0 (range ^1.0.0), alpha edited by the user. */
const projectWithEditedAlpha = useProjectTemplate(async (project) => {
  await addAt100(run, project, registry.out, ["alpha", "beta"]);
  await appendFile(join(project, ALPHA), "Always answer in French.\n");
});

const lock = async (project: string): Promise<Record<string, { version: string }>> => (await readJson(join(project, "agentreg.lock"))).agents;
const read = (project: string, path: string): Promise<string> => readFile(join(project, path), "utf8");

/** Each command is given work on beta too, which it must finish although it leaves alpha alone. */
const commands = [
  {
    command: "install",
    prepare: (project: string) => rm(join(project, BETA)),
    betaAfter: async (project: string) => expect(await read(project, BETA)).toBe(agentFile("beta", "1.0.0")),
    alphaForced: agentFile("alpha", "1.0.0"),
  },
  {
    command: "update",
    betaAfter: async (project: string) => {
      expect(await read(project, BETA)).toBe(agentFile("beta", "1.1.0"));
      expect((await lock(project)).beta?.version).toBe("1.1.0");
    },
    alphaForced: agentFile("alpha", "1.1.0"),
  },
  {
    command: "add alpha@1.1.0 beta@1.1.0",
    betaAfter: async (project: string) => expect((await lock(project)).beta?.version).toBe("1.1.0"),
    alphaForced: agentFile("alpha", "1.1.0"),
  },
  {
    command: "remove alpha beta",
    betaAfter: async (project: string) => {
      await expect(stat(join(project, BETA))).rejects.toThrow();
      expect(await lock(project)).not.toHaveProperty("beta");
    },
    alphaForced: undefined,
  },
];

describe("an edited file survives every command that would replace or delete it", () => {
  it.each(commands)("$command leaves the edited file byte for byte, still processes beta, and exits 1 with E_LOCAL_EDIT", async ({ command, prepare, betaAfter }) => {
    const project = await projectWithEditedAlpha();
    await prepare?.(project);
    const result = await run(command.split(" "), project);
    expectCliPartialFailure(result, "E_LOCAL_EDIT");
    expect(result.stderr).toContain(".claude/agents/alpha.md (edited)");
    expect(result.stderr).toContain("`agentreg diff alpha`");
    expect(await read(project, ALPHA)).toBe(EDITED);
    // The lock goes on describing where the edited file came from.
    expect((await lock(project)).alpha?.version).toBe("1.0.0");
    await betaAfter(project);
    await expectNoLeftovers(project);
  });

  it.each(commands)("$command --force saves the edited bytes as a backup, prints where, then replaces the file", async ({ command, prepare, alphaForced }) => {
    const project = await projectWithEditedAlpha();
    await prepare?.(project);
    const result = await run([...command.split(" "), "--force"], project);
    expect(result.code).toBe(0);
    const printed = /^backup: \.claude\/agents\/alpha\.md saved as (.+)$/m.exec(result.stderr);
    expect(printed?.[1]?.slice(cache.dir.length)).toMatch(/^\/backups\/[^/]+\/\.claude\/agents\/alpha\.md$/);
    expect(printed?.[1]?.startsWith(cache.dir)).toBe(true);
    expect(await readFile(printed?.[1] ?? "", "utf8")).toBe(EDITED);
    if (alphaForced === undefined) await expect(stat(join(project, ALPHA))).rejects.toThrow();
    else expect(await read(project, ALPHA)).toBe(alphaForced);
  });
});

describe("a file agentreg did not install is never overwritten by add", () => {
  async function projectWithUnmanagedAlpha(text: string): Promise<string> {
    const project = await makeTempDir();
    await mkdir(join(project, ".claude/agents"), { recursive: true });
    await writeFile(join(project, ALPHA), text);
    return project;
  }

  it("add refuses it with E_UNMANAGED_FILE, installs the other agents, and leaves the file alone", async () => {
    const project = await projectWithUnmanagedAlpha("my own alpha\n");
    const result = await run(["add", "alpha", "beta", "--registry", registry.out], project);
    expectCliPartialFailure(result, "E_UNMANAGED_FILE");
    expect(result.stderr).toContain(".claude/agents/alpha.md (not installed by agentreg)");
    expect(await read(project, ALPHA)).toBe("my own alpha\n");
    expect(Object.keys(await lock(project))).toEqual(["beta"]);
  });

  it("add --adopt takes over a file equal to a published version: the file is not rewritten, the lock has that version, verify passes", async () => {
    const project = await projectWithUnmanagedAlpha(agentFile("alpha", "1.0.0"));
    const before = await stat(join(project, ALPHA));
    const result = await run(["add", "alpha", "--adopt", "--registry", registry.out], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("alpha@1.0.0");
    const after = await stat(join(project, ALPHA));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect((await lock(project)).alpha?.version).toBe("1.0.0");
    expect((await readJson(join(project, "agentreg.json"))).agents).toEqual({ alpha: { version: "^1.0.0", registry: expect.stringMatching(/\/(out|src)$/) } });
    expect((await run(["verify"], project)).code).toBe(0);
  });

  it("add --adopt refuses with E_UNMANAGED_FILE a file that equals no published version", async () => {
    const project = await projectWithUnmanagedAlpha(`${agentFile("alpha", "1.0.0")}my line\n`);
    const before = await snapshotTree(project);
    expectCliPartialFailure(await run(["add", "alpha", "--adopt", "--registry", registry.out], project), "E_UNMANAGED_FILE");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("add --adopt adopts only a version the requested range allows, so agentreg.lock always satisfies agentreg.json", async () => {
    // The file is alpha 1.0.0, but the user asked for ^1.1.0: adopting 1.0.0 under that range would
    // leave a lock that `install --frozen` rejects.
    const project = await projectWithUnmanagedAlpha(agentFile("alpha", "1.0.0"));
    const before = await snapshotTree(project);
    const result = await run(["add", "alpha@^1.1.0", "--adopt", "--registry", registry.out], project);
    expect(await snapshotTree(project), `add --adopt printed: ${result.stdout}`).toEqual(before);
    expectCliPartialFailure(result, "E_UNMANAGED_FILE");
  });

  it("add --force replaces it with the published version after saving it as a backup", async () => {
    const project = await projectWithUnmanagedAlpha("my own alpha\n");
    const result = await run(["add", "alpha", "--force", "--registry", registry.out], project);
    expect(result.code).toBe(0);
    const backup = /^backup: \.claude\/agents\/alpha\.md saved as (.+)$/m.exec(result.stderr)?.[1] ?? "";
    expect(backup.startsWith(join(cache.dir, "backups"))).toBe(true);
    expect(await readFile(backup, "utf8")).toBe("my own alpha\n");
    expect(await read(project, ALPHA)).toBe(agentFile("alpha", "1.1.0"));
    expect((await run(["verify"], project)).code).toBe(0);
  });
});
