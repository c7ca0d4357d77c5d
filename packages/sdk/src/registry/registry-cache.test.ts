import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computeIntegrity } from "../archive/integrity.js";
import { cleanCache, createRegistryCache, listCache } from "./registry-cache.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "agentreg-cache-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = new TextEncoder().encode("tarball bytes");
const integrity = computeIntegrity(bytes);

describe("the registry cache", () => {
  it("stores tarballs by integrity and reads them back", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeTarball(integrity, bytes);
    expect(await cache.readTarball(integrity)).toEqual(bytes);
  });

  it("never stores bytes under an integrity they do not have", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeTarball(computeIntegrity(new Uint8Array([1])), bytes);
    expect((await listCache({ dir })).tarballs).toEqual([]);
  });

  it("drops a corrupt tarball entry and reports it missing", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeTarball(integrity, bytes);
    const [name] = await readdir(join(dir, "v1/tarballs"));
    await writeFile(join(dir, "v1/tarballs", name as string), "garbage");
    expect(await cache.readTarball(integrity)).toBeUndefined();
    expect(await readdir(join(dir, "v1/tarballs"))).toEqual([]);
  });

  it("keys documents by registry and path and keeps their validators", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeDocument({ registry: "https://a/", path: "index.json", etag: '"1"', storedAt: "2026-01-01T00:00:00.000Z", body: new TextEncoder().encode("{}\n") });
    expect(await cache.readDocument("https://a/", "index.json")).toMatchObject({ etag: '"1"', body: new TextEncoder().encode("{}\n") });
    expect(await cache.readDocument("https://b/", "index.json")).toBeUndefined();
  });

  it("treats an unreadable document entry as missing", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeDocument({ registry: "https://a/", path: "index.json", storedAt: "x", body: new TextEncoder().encode("{}") });
    const [name] = await readdir(join(dir, "v1/documents"));
    await writeFile(join(dir, "v1/documents", name as string), "{ not json");
    expect(await cache.readDocument("https://a/", "index.json")).toBeUndefined();
  });

  it("treats a document whose header is JSON but not an object as missing", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeDocument({ registry: "https://a/", path: "index.json", storedAt: "x", body: new TextEncoder().encode("{}") });
    const [name] = await readdir(join(dir, "v1/documents"));
    await writeFile(join(dir, "v1/documents", name as string), "null\n{}");
    expect(await cache.readDocument("https://a/", "index.json")).toBeUndefined();
  });

  it("treats a document whose body was cut short as missing", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeDocument({ registry: "https://a/", path: "index.json", storedAt: "x", body: new TextEncoder().encode('{"agents":[]}') });
    const [name] = await readdir(join(dir, "v1/documents"));
    const path = join(dir, "v1/documents", name as string);
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, whole.length - 3));
    expect(await cache.readDocument("https://a/", "index.json")).toBeUndefined();
    await writeFile(path, whole);
    expect(await cache.readDocument("https://a/", "index.json")).toBeDefined();
  });

  it("leaves no temp files after writes", async () => {
    const cache = createRegistryCache(dir);
    await Promise.all([cache.writeTarball(integrity, bytes), cache.writeTarball(integrity, bytes), cache.writeDocument({ registry: "r", path: "p", storedAt: "x", body: new Uint8Array() })]);
    expect((await readdir(join(dir, "v1/tarballs"))).length).toBe(1);
    expect((await readdir(join(dir, "v1/documents"))).length).toBe(1);
  });

  // Issue 15: only "nothing there" is a miss. A cache that cannot be read is an error, so that a
  // rollback check never takes an unreadable serial for "no serial seen before".
  it.each([
    { folder: "documents", read: (cache: ReturnType<typeof createRegistryCache>) => cache.readDocument("https://a/", "index.json") },
    { folder: "tarballs", read: (cache: ReturnType<typeof createRegistryCache>) => cache.readTarball(integrity) },
    { folder: "serials", read: (cache: ReturnType<typeof createRegistryCache>) => cache.readSerial("https://a/") },
  ])("throws ELOOP for an entry behind a symlink loop at v1/$folder, rather than reporting a miss", async ({ folder, read }) => {
    await mkdir(join(dir, "v1"));
    await symlink(folder, join(dir, "v1", folder));
    await expect(read(createRegistryCache(dir))).rejects.toMatchObject({ code: "ELOOP" });
  });

  it("lists a cache it cannot read as an error (ELOOP), and a file where a folder of entries belongs as empty", async () => {
    await mkdir(join(dir, "v1"));
    await writeFile(join(dir, "v1/tarballs"), "");
    await symlink("documents", join(dir, "v1/documents"));
    await expect(listCache({ dir })).rejects.toMatchObject({ code: "ELOOP" });
    await rm(join(dir, "v1/documents"));
    expect(await listCache({ dir })).toEqual({ dir, documents: [], tarballs: [], gitMirrors: 0 });
  });

  it("lists and cleans only its own folder", async () => {
    const cache = createRegistryCache(dir);
    await cache.writeTarball(integrity, bytes);
    await writeFile(join(dir, "not-ours.txt"), "keep me");
    expect((await listCache({ dir })).tarballs).toEqual([{ integrity, bytes: bytes.byteLength }]);
    await cleanCache({ dir });
    expect(await readdir(dir)).toEqual(["not-ours.txt"]);
  });
});
