/**
 * Size and count limits for agent tarballs. An agent is a Markdown file and a few references, so the
 * limits are generous for real packages and small enough that a hostile tarball (a gzip bomb, a
 * million empty entries) is refused after reading a few megabytes, not after filling memory
 * (the failure class of node-tar advisories GHSA-f5x3-32g6-xq36 and GHSA-23hp-3jrh-7fpw).
 */

export interface ArchiveLimits {
  /** Largest compressed tarball accepted, in bytes. */
  maxCompressedBytes: number;
  /** Most entries (files and folders) one tarball may hold. */
  maxEntries: number;
  /** Largest single file, in bytes. */
  maxEntryBytes: number;
  /** Largest sum of all file sizes, in bytes. */
  maxTotalBytes: number;
}

const MIB = 1024 * 1024;

/** The limits `packAgent` and `unpackAgent` apply unless told otherwise. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxCompressedBytes: 8 * MIB,
  maxEntries: 64,
  maxEntryBytes: 4 * MIB,
  maxTotalBytes: 8 * MIB,
});

/**
 * Fills the limits a caller left out with the defaults. An explicit `undefined` counts as left out,
 * so `{ maxEntries: undefined }` cannot switch a limit off.
 *
 * @example
 * resolveArchiveLimits({ maxEntries: 8 }).maxEntryBytes; // 4194304
 */
export function resolveArchiveLimits(limits: Partial<ArchiveLimits> = {}): ArchiveLimits {
  const resolved = { ...DEFAULT_ARCHIVE_LIMITS };
  for (const key of Object.keys(resolved) as (keyof ArchiveLimits)[]) {
    const value = limits[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved;
}

/**
 * The most bytes gunzipping a tarball may produce: the file data allowed by `maxTotalBytes` plus the
 * tar structure around it (a 512-byte header and padding per entry, room for pax records, the
 * end-of-archive blocks and the 10 KiB record padding GNU tar adds).
 *
 * @example
 * computeGunzipCap(resolveArchiveLimits()); // 8539136
 */
export function computeGunzipCap(limits: ArchiveLimits): number {
  return limits.maxTotalBytes + limits.maxEntries * 2048 + 20 * 1024;
}
