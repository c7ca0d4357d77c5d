/**
 * Packs an agent into the tarball format of the registry protocol (DESIGN §3): a gzip'd ustar
 * archive with every file under `package/`, like `npm pack`. The tar bytes depend only on the
 * input, so a version can be rebuilt and compared with what the registry serves.
 */
import { AgentregError, ErrorCode } from "../errors.js";
import { resolveArchiveLimits } from "./archive-limits.js";
import { checkArchivePath, findPathConflict } from "./archive-path.js";
import { computeIntegrity } from "./integrity.js";
import { lazyImport } from "../lazy-import.js";
import { checkOptions } from "../check-arguments.js";

const loadZlib = lazyImport(() => import("node:zlib"));
const loadTarHeader = lazyImport(() => import("tar/header"));

export interface PackAgentOptions {
  /** The agent's name; its main file is `<name>.md`. */
  name: string;
  /** The files of the package by POSIX path relative to `package/`, including `<name>.md`. */
  files: Record<string, Uint8Array>;
}

export interface PackAgentResult {
  /** The gzip'd tarball. */
  tarball: Uint8Array;
  /** The sha512 SRI of `tarball`. */
  integrity: string;
  /** `tarball.length`, for the packument. */
  size: number;
  /** The sha512 SRI of each file's bytes, by path relative to `package/`, sorted. */
  files: Record<string, string>;
}

// npm packs every entry with this mtime (the "Back to the Future" date) so that tarballs do not
// depend on when or where they were built; agentreg does the same.
const FIXED_MTIME = new Date("1985-10-26T08:15:00.000Z");
const BLOCK = 512;

/**
 * Builds the deterministic tarball of one agent: regular files only, sorted by path, mode 0644,
 * owner 0:0 with no user or group names, npm's fixed mtime, no folder entries, gzip level 9.
 *
 * @throws AgentregError `E_UNSAFE_ARCHIVE` for a path `unpackAgent` would refuse, or a package over
 *   the default archive limits; `E_INVALID_AGENT` when `<name>.md` is missing.
 *
 * @example
 * const { tarball, integrity } = await packAgent({
 *   name: "code-reviewer",
 *   files: { "code-reviewer.md": new TextEncoder().encode("---\nname: code-reviewer\n---\n") },
 * });
 */
export async function packAgent(options: PackAgentOptions): Promise<PackAgentResult> {
  checkOptions("packAgent", options, { name: "string", files: "object" });
  const { name, files } = options;
  const paths = Object.keys(files).sort(compareBytes);
  checkInput(name, files, paths);

  const { Header } = await loadTarHeader();
  const { gzipSync } = await loadZlib();
  const blocks: Uint8Array[] = [];
  const hashes: Record<string, string> = {};
  for (const path of paths) {
    const bytes = files[path] as Uint8Array;
    const header = new Header({
      path: `package/${path}`,
      type: "File",
      mode: 0o644,
      uid: 0,
      gid: 0,
      uname: "",
      gname: "",
      size: bytes.length,
      mtime: FIXED_MTIME,
    });
    // `encode()` reports that the path is too long or not ASCII for a plain ustar header. Rather than
    // add pax records, refuse: plain ustar is what every tar lists the same way.
    if (header.encode() || header.block === undefined) {
      throw unsafe(path, `cannot pack '${path}': it needs a pax header (longer than 255 bytes or not ASCII)`);
    }
    blocks.push(header.block, bytes, new Uint8Array(padding(bytes.length)));
    hashes[path] = computeIntegrity(bytes);
  }
  // A tar archive ends with two zero blocks (POSIX ustar); without them readers report truncation.
  blocks.push(new Uint8Array(2 * BLOCK));

  const gzip = gzipSync(Buffer.concat(blocks), { level: 9 });
  // zlib writes the OS byte of the build platform (3 on Unix, 10 on Windows) at offset 9 of the gzip
  // header (RFC 1952 §2.3). 255 is "unknown"; with MTIME also zero the header no longer says where or
  // when the tarball was made. The deflate stream itself is deterministic for a given zlib build.
  gzip.writeUInt32LE(0, 4);
  gzip[9] = 255;
  const tarball = new Uint8Array(gzip);
  checkCompressedSize(name, tarball.length);
  return { tarball, integrity: computeIntegrity(tarball), size: tarball.length, files: hashes };
}

function checkInput(name: string, files: Record<string, Uint8Array>, paths: string[]): void {
  for (const path of paths) {
    const reason = checkArchivePath(path);
    if (reason !== undefined) throw unsafe(path, `cannot pack '${path}': the path ${reason}`);
  }
  const conflict = findPathConflict(paths);
  if (conflict !== undefined) throw unsafe(name, `cannot pack ${name}: ${conflict}`);
  if (!Object.hasOwn(files, `${name}.md`)) {
    throw new AgentregError(ErrorCode.INVALID_AGENT, `the package has no main file '${name}.md'`, {
      subject: name,
      hint: `Add '${name}.md' to the files to pack; it is the agent definition Claude Code loads.`,
    });
  }
  const limits = resolveArchiveLimits();
  if (paths.length > limits.maxEntries) {
    throw unsafe(name, `cannot pack ${name}: ${paths.length} files, more than the limit of ${limits.maxEntries}`);
  }
  let total = 0;
  for (const path of paths) {
    const size = (files[path] as Uint8Array).length;
    if (size > limits.maxEntryBytes) throw unsafe(path, `cannot pack '${path}': ${size} bytes, more than the limit of ${limits.maxEntryBytes}`);
    total += size;
  }
  if (total > limits.maxTotalBytes) {
    throw unsafe(name, `cannot pack ${name}: ${total} bytes in all, more than the limit of ${limits.maxTotalBytes}`);
  }
}

function checkCompressedSize(name: string, size: number): void {
  const { maxCompressedBytes } = resolveArchiveLimits();
  if (size > maxCompressedBytes) {
    throw unsafe(name, `cannot pack ${name}: it compresses to ${size} bytes, more than the limit of ${maxCompressedBytes}`);
  }
}

// Sort by UTF-8 bytes, not UTF-16 code units, so the order matches what C tools (`LC_ALL=C sort`) see.
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function unsafe(subject: string, message: string): AgentregError {
  return new AgentregError(ErrorCode.UNSAFE_ARCHIVE, message, {
    subject,
    hint: "agentreg only packs files that every platform can unpack safely; rename or remove the file.",
  });
}
