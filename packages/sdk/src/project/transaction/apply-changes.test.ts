import { renameSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyProjectChanges } from "./apply-changes.js";
import { emptyLockfile, formatLockfile } from "../state/lockfile.js";
import { JOURNAL_FILE, recoverProject } from "../state/write-journal.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "agentreg-apply-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function listAll(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).map(String).sort();
}

describe("applyProjectChanges", () => {
  it("writes files, then agentreg.json, then agentreg.lock", async () => {
    await applyProjectChanges({
      dir,
      files: [{ path: ".claude/agents/a.md", bytes: bytes("A"), previous: undefined }],
      config: { text: "{}\n", previous: undefined },
      lock: { text: "{}\n", previous: undefined },
    });
    expect(await listAll(dir)).toEqual([".claude", ".claude/agents", ".claude/agents/a.md", "agentreg.json", "agentreg.lock"]);
  });

  it("puts everything back and leaves no temp file when the last step fails", async () => {
    await mkdir(join(dir, ".claude/agents"), { recursive: true });
    await writeFile(join(dir, ".claude/agents/old.md"), "OLD");
    await writeFile(join(dir, "agentreg.json"), "CONFIG-BEFORE");
    // A folder where the lockfile should go makes the final rename fail.
    await mkdir(join(dir, "agentreg.lock"));
    await writeFile(join(dir, "agentreg.lock", "keep"), "");
    const before = await listAll(dir);

    await expect(
      applyProjectChanges({
        dir,
        files: [
          { path: ".claude/agents/new.md", bytes: bytes("NEW"), previous: undefined },
          { path: ".claude/agents/old.md", bytes: bytes("CHANGED"), previous: bytes("OLD") },
        ],
        config: { text: "CONFIG-AFTER", previous: "CONFIG-BEFORE" },
        lock: { text: "{}\n", previous: undefined },
      }),
    ).rejects.toMatchObject({ code: "E_FS" });

    expect(await listAll(dir)).toEqual(before);
    expect(await readFile(join(dir, ".claude/agents/old.md"), "utf8")).toBe("OLD");
    expect(await readFile(join(dir, "agentreg.json"), "utf8")).toBe("CONFIG-BEFORE");
  });

  it("keeps the journal when a failed write cannot be put back, so the next command finishes it (issue 15)", async () => {
    await mkdir(join(dir, ".claude/agents"), { recursive: true });
    await writeFile(join(dir, ".claude/agents/x.md"), "OLD");
    const lock = formatLockfile(emptyLockfile());
    // A folder where the lockfile should go makes the last step fail.
    await mkdir(join(dir, "agentreg.lock"));
    await writeFile(join(dir, "agentreg.lock", "keep"), "");

    await expect(
      applyProjectChanges({
        dir,
        files: [{ path: ".claude/agents/x.md", bytes: bytes("NEW"), previous: bytes("OLD") }],
        lock: { text: lock, previous: undefined },
        // Once x.md is renamed into place, its folder can no longer take a file (a file stands where
        // it was; tests run as root, so chmod would not do): the old x.md cannot be put back.
        onWritePoint: (label) => {
          if (label !== "renamed .claude/agents/x.md") return;
          renameSync(join(dir, ".claude/agents"), join(dir, ".claude/moved"));
          writeFileSync(join(dir, ".claude/agents"), "");
        },
      }),
    ).rejects.toMatchObject({ code: "E_FS", hint: expect.stringContaining("half done") });
    expect(await readdir(dir)).toContain(JOURNAL_FILE);

    // The causes fixed, the next command's recovery completes the write the journal records.
    await rm(join(dir, ".claude/agents"));
    renameSync(join(dir, ".claude/moved"), join(dir, ".claude/agents"));
    await rm(join(dir, "agentreg.lock"), { recursive: true });
    expect(await recoverProject({ dir, configDir: dir })).toBe(true);
    expect(await listAll(dir)).toEqual([".claude", ".claude/agents", ".claude/agents/x.md", "agentreg.lock"]);
    expect(await readFile(join(dir, ".claude/agents/x.md"), "utf8")).toBe("NEW");
    expect(await readFile(join(dir, "agentreg.lock"), "utf8")).toBe(lock);
  });

  it("refuses to write through a symlinked .claude/agents and writes nothing", async () => {
    const outside = await mkdtemp(join(tmpdir(), "agentreg-outside-"));
    try {
      await mkdir(join(dir, ".claude"));
      await symlink(outside, join(dir, ".claude/agents"));
      await expect(
        applyProjectChanges({ dir, files: [{ path: ".claude/agents/a.md", bytes: bytes("A"), previous: undefined }], lock: { text: "{}\n", previous: undefined } }),
      ).rejects.toMatchObject({ code: "E_UNSAFE_PATH" });
      expect(await readdir(outside)).toEqual([]);
      expect(await listAll(dir)).toEqual([".claude", ".claude/agents"]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("deletes files marked for removal and restores them if a later step fails", async () => {
    await mkdir(join(dir, ".claude/agents"), { recursive: true });
    await writeFile(join(dir, ".claude/agents/gone.md"), "GONE");
    await mkdir(join(dir, "agentreg.lock"));
    await writeFile(join(dir, "agentreg.lock", "keep"), "");
    await expect(
      applyProjectChanges({ dir, files: [{ path: ".claude/agents/gone.md", bytes: undefined, previous: bytes("GONE") }], lock: { text: "{}\n", previous: undefined } }),
    ).rejects.toMatchObject({ code: "E_FS" });
    expect(await readFile(join(dir, ".claude/agents/gone.md"), "utf8")).toBe("GONE");
  });

  it("rolls back when .claude/agents is swapped for a symlink mid-command, and writes nothing through it (issue 12)", async () => {
    await mkdir(join(dir, ".claude/agents"), { recursive: true });
    await writeFile(join(dir, ".claude/agents/a.md"), "A-BEFORE");
    const elsewhere = join(dir, "elsewhere");
    await mkdir(elsewhere);
    let swapped = false;
    const error = await applyProjectChanges({
      dir,
      files: [
        { path: ".claude/agents/a.md", bytes: bytes("A-NEW"), previous: bytes("A-BEFORE") },
        { path: ".claude/agents/b.md", bytes: bytes("B-NEW"), previous: undefined },
      ],
      lock: { text: "{}\n", previous: undefined },
      // The attacker moves the real folder away and puts a symlink in its place after staging.
      onWritePoint: (label) => {
        if (swapped || label !== "journal") return;
        swapped = true;
        renameSync(join(dir, ".claude/agents"), join(dir, ".claude/real-agents"));
        symlinkSync(elsewhere, join(dir, ".claude/agents"));
      },
    }).then(
      () => undefined,
      (caught: unknown) => caught as { code?: string },
    );
    expect(swapped).toBe(true);
    expect(error?.code).toBe("E_UNSAFE_PATH");
    expect(await readdir(elsewhere)).toEqual([]);
    expect(await readFile(join(dir, ".claude/real-agents/a.md"), "utf8")).toBe("A-BEFORE");
    // Temp files staged in the folder before it was moved stay with it: without openat() agentreg
    // cannot follow a folder that was renamed away, only refuse to write through its replacement.
    expect((await listAll(join(dir, ".claude/real-agents"))).filter((name) => !name.endsWith(".tmp"))).toEqual(["a.md"]);
    await expect(readFile(join(dir, "agentreg.lock"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
