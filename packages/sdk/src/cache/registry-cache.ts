import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { computeIntegrity, isIntegrity } from "../archive/integrity.js";
import { writeFileAtomic } from "../atomic-write.js";

/**
 * The shared cache (`AGENTREG_CACHE`): registry documents with their validators, and tarballs stored
 * by their sha512 so every project reuses them. Every write is temp file + rename, so two processes
 * sharing the cache never see half a file; every read is checked, and a bad entry is dropped.
 *
 *     <dir>/v1/documents/<sha256 of registry url + path>.doc    a JSON line { registry, path, etag, lastModified, storedAt }, then the body's bytes
 *     <dir>/v1/tarballs/<sha512 hex>.tgz
 *
 * Keys use the registry URL as written in agentreg.json, before `${VAR}` expansion, so no secret is
 * ever written here.
 */
export interface CachedDocument {
  registry: string;
  path: string;
  etag?: string | undefined;
  lastModified?: string | undefined;
  storedAt: string;
  /** Until when the server said the document may be used without asking again (ISO date). */
  freshUntil?: string | undefined;
  /** The document's bytes as the registry sent them. */
  body: Uint8Array;
}

/** A header line, then the raw body: a 5 MB index is read without decoding and re-encoding it. */
const DOCUMENT_SUFFIX = ".doc";

function encodeDocument(document: CachedDocument): Buffer {
  const { body, ...header } = document;
  return Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, size: body.byteLength })}\n`), body]);
}

function decodeDocument(bytes: Buffer): CachedDocument | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline === -1) return undefined;
  try {
    const { size, ...header } = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as Omit<CachedDocument, "body"> & { size: unknown };
    if (typeof header.registry !== "string" || typeof header.path !== "string" || typeof header.storedAt !== "string") return undefined;
    // A body cut short (a write that never finished) is a miss, never half a document.
    if (size !== bytes.length - newline - 1) return undefined;
    return { ...header, body: new Uint8Array(bytes.buffer, bytes.byteOffset + newline + 1, bytes.length - newline - 1) };
  } catch {
    return undefined;
  }
}

export interface RegistryCache {
  readonly dir: string;
  readDocument(registry: string, path: string): Promise<CachedDocument | undefined>;
  writeDocument(document: CachedDocument): Promise<void>;
  /** The cached tarball with this integrity, verified; a corrupt entry is deleted and reported missing. */
  readTarball(integrity: string): Promise<Uint8Array | undefined>;
  writeTarball(integrity: string, bytes: Uint8Array): Promise<void>;
  /** The highest signed index serial seen from a registry, to refuse rollbacks. */
  readSerial(registry: string): Promise<number | undefined>;
  writeSerial(registry: string, serial: number): Promise<void>;
}

const LAYOUT = "v1";

/**
 * Opens (lazily creates) the cache in `dir`.
 *
 * @example
 * const cache = createRegistryCache("/home/me/.cache/agentreg");
 */
export function createRegistryCache(dir: string): RegistryCache {
  const documents = join(dir, LAYOUT, "documents");
  const tarballs = join(dir, LAYOUT, "tarballs");
  const documentPath = (registry: string, path: string): string =>
    join(documents, `${createHash("sha256").update(`${registry}\n${path}`).digest("hex")}${DOCUMENT_SUFFIX}`);
  const serialPath = (registry: string): string => join(dir, LAYOUT, "serials", `${createHash("sha256").update(registry).digest("hex")}.json`);
  const tarballPath = (integrity: string): string | undefined =>
    isIntegrity(integrity) ? join(tarballs, `${Buffer.from(integrity.slice("sha512-".length), "base64").toString("hex")}.tgz`) : undefined;

  // One mkdir per folder and process, not one per file written.
  const made = new Map<string, Promise<unknown>>();
  const makeFolder = (folder: string): Promise<unknown> => {
    const making = made.get(folder) ?? mkdir(folder, { recursive: true });
    made.set(folder, making);
    return making;
  };

  return {
    dir,
    async readDocument(registry, path) {
      const bytes = await readFile(documentPath(registry, path)).catch(() => undefined);
      const entry = bytes === undefined ? undefined : decodeDocument(bytes);
      return entry?.registry === registry && entry.path === path ? entry : undefined;
    },
    async writeDocument(document) {
      await makeFolder(documents);
      // Flushed: a document is served from here after a 304 without any other check of its bytes.
      await writeFileAtomic(documentPath(document.registry, document.path), encodeDocument(document));
    },
    async readTarball(integrity) {
      const path = tarballPath(integrity);
      if (path === undefined) return undefined;
      const bytes = await readFile(path).catch(() => undefined);
      if (bytes === undefined) return undefined;
      if (computeIntegrity(bytes) !== integrity) {
        await rm(path, { force: true });
        return undefined;
      }
      return new Uint8Array(bytes);
    },
    async readSerial(registry) {
      const text = await readFile(serialPath(registry), "utf8").catch(() => undefined);
      const serial = text === undefined ? undefined : Number(JSON.parse(text).serial);
      return serial !== undefined && Number.isSafeInteger(serial) ? serial : undefined;
    },
    async writeSerial(registry, serial) {
      await mkdir(join(dir, LAYOUT, "serials"), { recursive: true });
      await writeFileAtomic(serialPath(registry), JSON.stringify({ registry, serial }));
    },
    async writeTarball(integrity, bytes) {
      const path = tarballPath(integrity);
      if (path === undefined || computeIntegrity(bytes) !== integrity) return;
      await makeFolder(tarballs);
      // Not flushed: every read checks the sha512, and a torn tarball reads as a miss.
      await writeFileAtomic(path, bytes, { durable: false });
    },
  };
}

export interface CacheListing {
  dir: string;
  documents: Array<{ registry: string; path: string; storedAt: string; bytes: number }>;
  tarballs: Array<{ integrity: string; bytes: number }>;
}

/**
 * What the cache holds, sorted.
 *
 * @example
 * const { documents, tarballs } = await listCache({ dir: cacheDir });
 */
export async function listCache(options: { dir: string }): Promise<CacheListing> {
  const cache = createRegistryCache(options.dir);
  const documentsDir = join(options.dir, LAYOUT, "documents");
  const tarballsDir = join(options.dir, LAYOUT, "tarballs");
  const documents: CacheListing["documents"] = [];
  for (const name of await readdir(documentsDir).catch(() => [] as string[])) {
    if (!name.endsWith(DOCUMENT_SUFFIX)) continue;
    const bytes = await readFile(join(documentsDir, name)).catch(() => undefined);
    const entry = bytes === undefined ? undefined : decodeDocument(bytes);
    // A damaged entry, or one stored under another name, is not listed; the next read replaces it.
    if (entry === undefined || (await cache.readDocument(entry.registry, entry.path)) === undefined) continue;
    documents.push({ registry: entry.registry, path: entry.path, storedAt: entry.storedAt, bytes: entry.body.byteLength });
  }
  const tarballs: CacheListing["tarballs"] = [];
  for (const name of await readdir(tarballsDir).catch(() => [] as string[])) {
    const match = /^([0-9a-f]{128})\.tgz$/.exec(name);
    if (!match?.[1]) continue;
    const stats = await stat(join(tarballsDir, name)).catch(() => undefined);
    if (stats) tarballs.push({ integrity: `sha512-${Buffer.from(match[1], "hex").toString("base64")}`, bytes: stats.size });
  }
  documents.sort((a, b) => (a.registry + a.path < b.registry + b.path ? -1 : 1));
  tarballs.sort((a, b) => (a.integrity < b.integrity ? -1 : 1));
  return { dir: options.dir, documents, tarballs };
}

/**
 * Deletes everything agentreg cached in `dir` (only its own `v1/` folder, never the rest of `dir`).
 *
 * @example
 * await cleanCache({ dir: cacheDir });
 */
export async function cleanCache(options: { dir: string; dryRun?: boolean }): Promise<CacheListing> {
  const listing = await listCache(options);
  if (!options.dryRun) await rm(join(options.dir, LAYOUT), { recursive: true, force: true });
  return listing;
}
