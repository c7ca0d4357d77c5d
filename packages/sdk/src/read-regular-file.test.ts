import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRegularFile, type ReadRegularFileOptions } from "./read-regular-file.js";

const options: ReadRegularFileOptions = { maxBytes: 16, followSymlinks: false, code: "E_REGISTRY", hint: "Rebuild it." };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "agentreg-read-regular-"));
  await writeFile(join(dir, "small.json"), "{}");
  await writeFile(join(dir, "exact.json"), "x".repeat(16));
  await writeFile(join(dir, "large.json"), "x".repeat(17));
  await mkdir(join(dir, "folder"));
  await symlink(join(dir, "small.json"), join(dir, "link.json"));
  await symlink("/dev/zero", join(dir, "zero.json"));
  execFileSync("mkfifo", [join(dir, "fifo.json")]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readRegularFile", () => {
  it("reads a regular file up to maxBytes, and answers undefined for none", async () => {
    expect((await readRegularFile(join(dir, "small.json"), options))?.toString()).toBe("{}");
    expect((await readRegularFile(join(dir, "exact.json"), options))?.length).toBe(16);
    expect(await readRegularFile(join(dir, "missing.json"), options)).toBeUndefined();
    expect(await readRegularFile(join(dir, "small.json", "below"), options)).toBeUndefined();
  });

  it.each([
    ["a larger file", "large.json", /is larger than 16 bytes/],
    ["a folder", "folder", /is not a regular file \(a folder\)/],
    ["a FIFO, at once (no writer ever comes)", "fifo.json", /is not a regular file \(a FIFO\)/],
    ["a symlink, even to a regular file", "link.json", /is a symlink/],
    ["a symlink to /dev/zero", "zero.json", /is a symlink/],
  ])("refuses %s with the given code and hint", async (_label, name, message) => {
    const refusal = readRegularFile(join(dir, name), options);
    await expect(refusal).rejects.toMatchObject({ code: "E_REGISTRY", subject: join(dir, name), hint: "Rebuild it." });
    await expect(refusal).rejects.toThrow(message);
  });

  it("follows a symlink to a regular file only when told to, and still refuses a device behind one", async () => {
    const following = { ...options, followSymlinks: true };
    expect((await readRegularFile(join(dir, "link.json"), following))?.toString()).toBe("{}");
    await expect(readRegularFile(join(dir, "zero.json"), following)).rejects.toThrow(/is not a regular file \(a device\)/);
    await expect(readRegularFile("/dev/null", following)).rejects.toThrow(/a device/);
  });
});
