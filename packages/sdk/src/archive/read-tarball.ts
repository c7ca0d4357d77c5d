/**
 * The mechanics of reading a `.tgz` entirely in memory: bounded gunzip, then node-tar's `Parser`
 * in strict mode. Which entries are acceptable is decided by the caller (`unpackAgent`) through an
 * `inspect` callback that sees every entry's header before any of its data is kept.
 */
import type { ReadEntry } from "tar";
import { AgentregError, ErrorCode } from "../errors.js";
import { lazyImport } from "../lazy-import.js";

const loadZlib = lazyImport(() => import("node:zlib"));
const loadTarParser = lazyImport(() => import("tar/parse"));

/** What `inspect` answers for an entry: keep its bytes, or skip it (a folder entry, say). */
export type EntryDecision = "keep" | "skip";

/** An entry whose bytes were kept, by its path as written in the archive. */
export interface TarFile {
  path: string;
  bytes: Uint8Array;
}

// pax records only carry paths and times here; a larger one is refused (via `ignoredEntry`) rather
// than buffered. node-tar's own default is 1 MiB.
const MAX_META_ENTRY_BYTES = 64 * 1024;

/**
 * Gunzips a tarball, stopping as soon as the output passes `maxOutputLength`, so a gzip bomb costs
 * at most that much memory. Truncated, corrupt or trailing-garbage input is an `E_UNSAFE_ARCHIVE`.
 *
 * @example
 * const tar = await gunzipTarball(tgz, 8 * 1024 * 1024, "code-reviewer@1.0.0");
 */
export async function gunzipTarball(tgz: Uint8Array, maxOutputLength: number, subject: string): Promise<Buffer> {
  if (tgz.length < 2 || tgz[0] !== 0x1f || tgz[1] !== 0x8b) {
    throw unsafe(subject, "the tarball is not gzip data");
  }
  const { gunzipSync } = await loadZlib();
  try {
    return gunzipSync(tgz, { maxOutputLength });
  } catch (error) {
    throw unsafe(subject, describeGunzipError(error, maxOutputLength), error);
  }
}

function describeGunzipError(error: unknown, maxOutputLength: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ERR_BUFFER_TOO_LARGE") {
    return `the tarball unpacks to more than ${maxOutputLength} bytes (a gzip bomb?)`;
  }
  if (code === "Z_BUF_ERROR") return "the gzip data is truncated";
  return "the gzip data is corrupt (bad header, checksum or trailing bytes)";
}

/**
 * Parses an uncompressed tar held in memory and returns the bytes of the entries `inspect` keeps.
 * `inspect` refuses an entry by throwing; parsing then stops and that error is the result.
 *
 * @example
 * const files = await readTarEntries(tar, "x@1.0.0", (entry) => (entry.type === "File" ? "keep" : "skip"));
 */
export async function readTarEntries(
  tar: Buffer,
  subject: string,
  inspect: (entry: ReadEntry) => EntryDecision,
): Promise<TarFile[]> {
  // node-tar's Parser gunzips (and un-zstds) by sniffing magic bytes. The input is already gunzipped
  // under our cap, so a second layer would be a bomb inside the bomb check: refuse it.
  if (tar[0] === 0x1f && tar[1] === 0x8b) throw unsafe(subject, "the tarball is compressed twice");
  refuseGlobalHeaders(tar, subject);
  const { Parser } = await loadTarParser();
  const parser = new Parser({ strict: true, brotli: false, zstd: false, maxMetaEntrySize: MAX_META_ENTRY_BYTES });
  const kept: { path: string; chunks: Buffer[] }[] = [];
  let refusal: unknown;
  let sawEnd = false;
  let sawZeroBlock = false;

  const consider = (entry: ReadEntry): void => {
    if (refusal !== undefined) return void entry.resume();
    try {
      // GNU tar and bsdtar stop at the first zero block; node-tar reads on. Entries after a lone zero
      // block would be seen by one tool and not the other (a tar interpretation conflict).
      if (sawZeroBlock) throw unsafe(subject, `entry '${entry.path}' follows a zero block, which other tar readers treat as the end`);
      if (inspect(entry) === "keep") {
        const file = { path: entry.path, chunks: [] as Buffer[] };
        kept.push(file);
        entry.on("data", (chunk: Buffer) => file.chunks.push(chunk));
      }
      entry.resume();
    } catch (error) {
      refusal = error;
      entry.resume();
      // Stop reading: nothing after a refused entry can make the archive acceptable.
      parser.abort(new Error("entry refused"));
    }
  };

  await new Promise<void>((resolve, reject) => {
    parser.on("entry", consider);
    parser.on("ignoredEntry", consider);
    parser.on("nullBlock", () => (sawZeroBlock = true));
    parser.on("eof", () => (sawEnd = true));
    // In strict mode every parser warning (bad checksum, truncation, not a tar) arrives here.
    parser.on("error", (error: Error) => reject(refusal ?? unsafe(subject, describeTarError(error), error)));
    parser.on("end", () => (refusal === undefined ? resolve() : reject(refusal)));
    parser.end(tar);
  });
  if (!sawEnd) throw unsafe(subject, "the tar data ends without the two zero blocks that close an archive (truncated?)");
  return kept.map(({ path, chunks }) => ({ path, bytes: new Uint8Array(Buffer.concat(chunks)) }));
}

/**
 * Refuses any global pax header (typeflag `g`). node-tar ignores a `path` in one, but GNU tar and
 * Python's tarfile apply it to the entries that follow, so a `path=../x` there means different files
 * to different readers (a tar interpretation conflict). `agentreg pack` never writes one.
 */
function refuseGlobalHeaders(tar: Buffer, subject: string): void {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return;
    const size = Number.parseInt(header.subarray(124, 136).toString("latin1").replace(/[\0 ]+$/, "").trim() || "0", 8);
    // A size this scan cannot read (base-256, garbage) is the parser's to refuse.
    if (!Number.isSafeInteger(size) || size < 0) return;
    if (header[156] === 0x67) {
      // Name the records ("path=../x") so the message says what the header would do.
      const records = tar
        .subarray(offset + 512, offset + 512 + Math.min(size, 1024))
        .toString("utf8")
        .split("\n")
        .map((line) => line.replace(/^\d+ /, ""))
        .filter(Boolean);
      throw unsafe(subject, `the tarball has a global pax header (${records.join(", ")}), which tar readers apply differently`);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

function describeTarError(error: Error): string {
  const detail = error.message.replace(/^TAR_[A-Z_]+: /, "");
  return `the tarball is not a valid tar archive: ${detail}`;
}

function unsafe(subject: string, message: string, cause?: unknown): AgentregError {
  return new AgentregError(ErrorCode.UNSAFE_ARCHIVE, message, {
    subject,
    hint: "The tarball is damaged or was not made by `agentreg pack`; do not install it. Report it to the registry owner.",
    cause,
  });
}
