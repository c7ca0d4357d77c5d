import { createHash } from "node:crypto";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { computeIntegrity, isIntegrity } from "../archive/integrity.js";
import { writeFileAtomic } from "../atomic-write.js";
import { ErrorCode, isAgentregError } from "../errors.js";
import { whenMissing } from "../missing-path.js";
import { readRegularFile } from "../read-regular-file.js";
import { REGISTRY_FILE_LIMITS } from "./document-limits.js";
import { checkOptions } from "../check-arguments.js";

/**
 * The shared cache (`AGENTREG_CACHE`): registry documents with their validators, and tarballs stored
 * by their sha512 so every project reuses them. Every write is temp file + rename, so two processes
 * sharing the cache never see half a file; every read is checked, and a bad entry is dropped.
 *
 *     <dir>/v1/documents/<sha256 of registry url + path>.doc    a JSON line { registry, path, etag, lastModified, storedAt }, then the body's bytes
 *     <dir>/v1/tarballs/<sha512 hex>.tgz
 *
 * Keys hash the registry URL after `${VAR}` expansion (two values of `${HOST}` are two registries);
 * the entry itself records the URL as written in agentreg.json, so no expanded value is stored. The
 * cache is untrusted input too: entries are read only as regular files under a size cap, a tarball
 * only if its sha512 matches, a document only if it decodes whole.
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.subarray(0, newline).toString("utf8"));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { size, ...header } = parsed as Omit<CachedDocument, "body"> & { size: unknown };
  if (typeof header.registry !== "string" || typeof header.path !== "string" || typeof header.storedAt !== "string") return undefined;
  // A body cut short (a write that never finished) is a miss, never half a document.
  if (size !== bytes.length - newline - 1) return undefined;
  return { ...header, body: new Uint8Array(bytes.buffer, bytes.byteOffset + newline + 1, bytes.length - newline - 1) };
}

export interface RegistryCache {
  readonly dir: string;
  /** `key` identifies the registry (its expanded URL); `registry` is the label stored with the entry. */
  readDocument(registry: string, path: string, key?: string): Promise<CachedDocument | undefined>;
  writeDocument(document: CachedDocument, key?: string): Promise<void>;
  /** The cached tarball with this integrity, verified; a corrupt entry is deleted and reported missing. */
  readTarball(integrity: string): Promise<Uint8Array | undefined>;
  writeTarball(integrity: string, bytes: Uint8Array): Promise<void>;
  /** The highest signed index serial seen from a registry, to refuse rollbacks. */
  readSerial(registry: string): Promise<number | undefined>;
  writeSerial(registry: string, serial: number): Promise<void>;
}

const LAYOUT = "v1";
/** Git registries' mirrors (registry/git/git-mirror.ts), one folder each. */
const GIT_MIRRORS = "git";

/** The largest document a registry may serve (its index) plus room for the entry's header line. */
const MAX_CACHED_DOCUMENT_BYTES = REGISTRY_FILE_LIMITS.index + 64 * 1024;

/**
 * A cache file's bytes, or `undefined` for none and for anything that is not a regular file within
 * the cap (a FIFO, a device or a symlink planted there is a miss, never a hang). A cache that cannot
 * be read (ELOOP, EACCES, EIO) throws: a rollback check must not take an unreadable serial for none.
 */
async function readCacheFile(path: string, maxBytes: number): Promise<Buffer | undefined> {
  return readRegularFile(path, { maxBytes, followSymlinks: false, code: ErrorCode.FS, hint: "" }).catch((error: unknown) => {
    if (isAgentregError(error)) return undefined;
    throw error;
  });
}

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
    async readDocument(registry, path, key = registry) {
      const bytes = await readCacheFile(documentPath(key, path), MAX_CACHED_DOCUMENT_BYTES);
      const entry = bytes === undefined ? undefined : decodeDocument(bytes);
      return entry?.registry === registry && entry.path === path ? entry : undefined;
    },
    async writeDocument(document, key = document.registry) {
      await makeFolder(documents);
      // Flushed: a document is served from here after a 304 without any other check of its bytes.
      await writeFileAtomic(documentPath(key, document.path), encodeDocument(document));
    },
    async readTarball(integrity) {
      const path = tarballPath(integrity);
      if (path === undefined) return undefined;
      const bytes = await readCacheFile(path, REGISTRY_FILE_LIMITS.tarball);
      if (bytes === undefined) return undefined;
      if (computeIntegrity(bytes) !== integrity) {
        await rm(path, { force: true });
        return undefined;
      }
      return new Uint8Array(bytes);
    },
    async readSerial(registry) {
      const bytes = await readCacheFile(serialPath(registry), 4096);
      let serial: unknown;
      try {
        serial = bytes === undefined ? undefined : (JSON.parse(bytes.toString("utf8")) as { serial?: unknown }).serial;
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
      }
      return typeof serial === "number" && Number.isSafeInteger(serial) ? serial : undefined;
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
  /** How many git registries have a mirror in the cache (`git/`, see docs/git-registries.md). */
  gitMirrors: number;
}

/**
 * What the cache holds, sorted.
 *
 * @example
 * const { documents, tarballs } = await listCache({ dir: cacheDir });
 */
export async function listCache(options: { dir: string }): Promise<CacheListing> {
  checkOptions("listCache", options, { dir: "path" });
  const documentsDir = join(options.dir, LAYOUT, "documents");
  const tarballsDir = join(options.dir, LAYOUT, "tarballs");
  const documents: CacheListing["documents"] = [];
  // ENOTDIR too: a file where a folder of entries belongs holds no entries, and `cache clean` removes it.
  for (const name of await readdir(documentsDir).catch(whenMissing([] as string[]))) {
    if (!name.endsWith(DOCUMENT_SUFFIX)) continue;
    const bytes = await readCacheFile(join(documentsDir, name), MAX_CACHED_DOCUMENT_BYTES);
    const entry = bytes === undefined ? undefined : decodeDocument(bytes);
    // A damaged entry is not listed; the next read replaces it.
    if (entry === undefined) continue;
    documents.push({ registry: entry.registry, path: entry.path, storedAt: entry.storedAt, bytes: entry.body.byteLength });
  }
  const tarballs: CacheListing["tarballs"] = [];
  for (const name of await readdir(tarballsDir).catch(whenMissing([] as string[]))) {
    const match = /^([0-9a-f]{128})\.tgz$/.exec(name);
    if (!match?.[1]) continue;
    // Another process may delete an entry between the listing and the stat.
    const stats = await stat(join(tarballsDir, name)).catch(whenMissing(undefined));
    if (stats) tarballs.push({ integrity: `sha512-${Buffer.from(match[1], "hex").toString("base64")}`, bytes: stats.size });
  }
  documents.sort((a, b) => (a.registry + a.path < b.registry + b.path ? -1 : 1));
  tarballs.sort((a, b) => (a.integrity < b.integrity ? -1 : 1));
  const mirrors = await readdir(join(options.dir, GIT_MIRRORS), { withFileTypes: true }).catch(whenMissing([]));
  return { dir: options.dir, documents, tarballs, gitMirrors: mirrors.filter((entry) => entry.isDirectory() && /^[0-9a-f]{32}$/.test(entry.name)).length };
}

/**
 * Deletes everything agentreg cached in `dir` (only its own `v1/` and `git/` folders, never the rest of `dir`).
 *
 * @example
 * await cleanCache({ dir: cacheDir });
 */
export async function cleanCache(options: { dir: string; dryRun?: boolean }): Promise<CacheListing> {
  checkOptions("cleanCache", options, { dir: "path", dryRun: "boolean?" });
  const listing = await listCache(options);
  if (!options.dryRun) {
    await rm(join(options.dir, LAYOUT), { recursive: true, force: true });
    await rm(join(options.dir, GIT_MIRRORS), { recursive: true, force: true });
  }
  return listing;
}
