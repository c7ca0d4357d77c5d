import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireProjectLock, PROJECT_LOCK_DIR } from "./project-lock.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "agentreg-project-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("acquireProjectLock", () => {
  it("takes a free lock and releases it", async () => {
    const release = await acquireProjectLock({ configDir: dir });
    expect(await readdir(join(dir, PROJECT_LOCK_DIR))).toEqual(["owner.json"]);
    await release();
    expect(await readdir(dir)).toEqual([]);
  });

  it("waits for a live holder, then gives up with E_LOCKED naming it", async () => {
    await mkdir(join(dir, PROJECT_LOCK_DIR));
    await writeFile(join(dir, PROJECT_LOCK_DIR, "owner.json"), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() }));
    await expect(acquireProjectLock({ configDir: dir, timeoutMs: 100 })).rejects.toMatchObject({ code: "E_LOCKED", message: expect.stringContaining(`pid ${process.pid}`) });
  });

  it("throws ELOOP for a lock it cannot read (a symlink loop), instead of waiting for it as if it were held", async () => {
    await symlink(PROJECT_LOCK_DIR, join(dir, PROJECT_LOCK_DIR));
    await expect(acquireProjectLock({ configDir: dir, timeoutMs: 100 })).rejects.toMatchObject({ code: "ELOOP" });
  });
});
