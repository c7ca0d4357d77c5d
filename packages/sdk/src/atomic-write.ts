import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * The temp-file name for `target`: hidden, in the same folder (rename is only atomic within one file
 * system), and recognisable so a later run can clean up after a crash.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.agentreg-${process.pid}-${nextTempId()}.tmp`);
}

let tempBase: number | undefined;
let tempCount = 0;

/**
 * 8 hex digits, unique within the process: a random start (one call to the system's random source,
 * not one per file: 100 calls cost ~10 ms) plus a counter. The pid keeps processes apart, and the
 * "wx" open refuses any name that exists anyway.
 */
function nextTempId(): string {
  tempBase ??= randomBytes(4).readUInt32BE(0);
  return ((tempBase + tempCount++) >>> 0).toString(16).padStart(8, "0");
}

/** Matches the names `tempPathFor` makes. */
export const TEMP_FILE_PATTERN = /^\..+\.agentreg-\d+-[0-9a-f]{8}\.tmp$/;

export interface WriteOptions {
  /**
   * Flush the bytes to disk before the rename (the default). Only files whose every read is checked
   * may skip it: after a power cut such a file can be empty or torn, and its reader must then treat
   * it as missing (the cache, whose tarballs are verified by sha512 and documents parsed, does).
   */
  durable?: boolean;
}

/**
 * Writes a temp file beside `target` and flushes it to disk, without touching `target`. Returns the
 * temp path; the caller renames it into place (or removes it) so several files can be staged first.
 *
 * @example
 * const temp = await stageFile("/p/agentreg.lock", bytes);
 * await rename(temp, "/p/agentreg.lock");
 */
export async function stageFile(target: string, bytes: Uint8Array | string, options: WriteOptions = {}): Promise<string> {
  const temp = tempPathFor(target);
  // "wx": never follow or reuse an existing path, even one an attacker planted with our name.
  const handle = await open(temp, "wx", 0o644);
  try {
    await handle.writeFile(bytes);
    if (options.durable !== false) await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

/**
 * Replaces `target` with `bytes` atomically: readers see the old file or the new one, never half.
 *
 * @example
 * await writeFileAtomic("agentreg.json", '{ "agents": {} }\n');
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
  const temp = await stageFile(target, bytes, options);
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
