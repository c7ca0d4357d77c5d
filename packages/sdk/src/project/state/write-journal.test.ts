import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeIntegrity } from "../../archive/integrity.js";
import { JOURNAL_FILE, recoverProject } from "./write-journal.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "agentreg-journal-"));
  await mkdir(join(dir, ".claude/agents"), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = new TextEncoder().encode("---\nname: x\ndescription: d\n---\nBody.\n");

/** A journal that renames one staged temp over `path`, as an interrupted install leaves it. */
async function crashedWrite(path: string): Promise<string> {
  const temp = `.claude/agents/.${path.split("/").pop()}.agentreg-1234-0123abcd.tmp`;
  await writeFile(join(dir, temp), bytes);
  await writeFile(join(dir, JOURNAL_FILE), JSON.stringify({ journalVersion: 2, files: [{ path, temp, integrity: computeIntegrity(bytes) }] }));
  return temp;
}

describe("recoverProject: the journal names agent files only (issue 13: dotted names)", () => {
  it("finishes the write of a dotted agent name", async () => {
    await crashedWrite(".claude/agents/powershell-5.1-expert.md");
    expect(await recoverProject({ dir, configDir: dir })).toBe(true);
    expect(await readFile(join(dir, ".claude/agents/powershell-5.1-expert.md"))).toEqual(Buffer.from(bytes));
    expect(await readdir(join(dir, ".claude/agents"))).toEqual(["powershell-5.1-expert.md"]);
  });

  it.each([".claude/agents/x.md.md", ".claude/agents/x..y.md", ".claude/agents/.x.md", ".claude/agents/con.x.md", ".claude/x.md"])("ignores a journal naming %j, which no agent installs as", async (path) => {
    await crashedWrite(path);
    expect(await recoverProject({ dir, configDir: dir })).toBe(false);
    // The journal and the stray temp are cleared; nothing was renamed anywhere.
    expect(await readdir(join(dir, ".claude/agents"))).toEqual([]);
    expect(await readdir(dir)).toEqual([".claude"]);
  });
});
