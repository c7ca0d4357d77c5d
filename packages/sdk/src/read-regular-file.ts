import { constants } from "node:fs";
import { lstat, open, stat } from "node:fs/promises";
import { AgentregError, type ErrorCode } from "./errors.js";

export interface ReadRegularFileOptions {
  /** A larger file is refused before it is read: a hostile folder must not exhaust memory. */
  maxBytes: number;
  /** Whether the last component may be a symlink to a regular file (project files: yes; registry files: no). */
  followSymlinks: boolean;
  /** The error code for a file that is not a regular file or is too large (`E_REGISTRY`, `E_CONFIG`, …). */
  code: ErrorCode;
  /** What the user should do about it. */
  hint: string;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. It changes nothing
// for a regular file. Neither flag exists on Windows, where FIFOs and symlinks of this kind do not.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Reads a file that must be a regular file no larger than `maxBytes`; `undefined` when there is none.
 * A FIFO, a device (`/dev/zero`), a folder, or (unless `followSymlinks`) a symlink is refused in
 * milliseconds, checked on the opened descriptor so the file cannot be swapped between check and read.
 *
 * @example
 * const bytes = await readRegularFile("/srv/registry/index.json", { maxBytes: 64 << 20, followSymlinks: false, code: "E_REGISTRY", hint: "Rebuild the registry." });
 */
export async function readRegularFile(path: string, options: ReadRegularFileOptions): Promise<Buffer | undefined> {
  // Looked at before opening: opening a device can itself do something (rewind a tape, take a
  // terminal), so anything but a regular file is refused unopened. The descriptor is checked again.
  let before;
  try {
    before = await (options.followSymlinks ? stat(path) : lstat(path));
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  if (before.isSymbolicLink()) throw refuse(path, "is a symlink", options);
  if (!before.isFile()) throw refuse(path, `is not a regular file (${kindOf(before)})`, options);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | NONBLOCK | (options.followSymlinks ? 0 : NOFOLLOW));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isMissing(error)) return undefined;
    // ELOOP on Linux and macOS, EMLINK on FreeBSD: the path was swapped for a symlink since lstat.
    if (code === "ELOOP" || code === "EMLINK") throw refuse(path, "is a symlink", options);
    if (code === "EISDIR" || code === "ENXIO") throw refuse(path, "is not a regular file", options);
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw refuse(path, `is not a regular file (${kindOf(stats)})`, options);
    if (stats.size > options.maxBytes) throw tooLarge(path, options);
    // The file may grow between stat and read: read at most one byte more than allowed to notice.
    let buffer = Buffer.alloc(Math.min(stats.size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > options.maxBytes) throw tooLarge(path, options);
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, options.maxBytes + 1 - buffer.length))]);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function kindOf(stats: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean; isSocket(): boolean }): string {
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isDirectory()) return "a folder";
  if (stats.isSocket()) return "a socket";
  return "not a file";
}

function refuse(path: string, what: string, options: ReadRegularFileOptions): AgentregError {
  return new AgentregError(options.code, `${path} ${what}; agentreg reads only regular files there`, { subject: path, hint: options.hint });
}

function tooLarge(path: string, options: ReadRegularFileOptions): AgentregError {
  return new AgentregError(options.code, `${path} is larger than ${options.maxBytes} bytes`, { subject: path, hint: options.hint });
}
