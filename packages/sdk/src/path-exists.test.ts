import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathExists } from "./path-exists.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "agentreg-path-exists-"));
  await writeFile(join(dir, "file"), "");
  await symlink("nowhere", join(dir, "dangling"));
  // A link to itself: looking through it fails with ELOOP.
  await symlink("loop", join(dir, "loop"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("pathExists", () => {
  it.each([
    { path: "file", exists: true },
    { path: "dangling", exists: true },
    { path: "loop", exists: true },
    { path: "missing", exists: false },
    { path: "file/child", exists: false },
  ])("answers $exists for $path", async ({ path, exists }) => {
    expect(await pathExists(join(dir, path))).toBe(exists);
  });

  it("throws for a path it cannot look at (ELOOP), rather than calling it absent", async () => {
    await expect(pathExists(join(dir, "loop", "index.json"))).rejects.toMatchObject({ code: "ELOOP" });
  });
});
