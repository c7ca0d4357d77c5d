// Hostile agent tarballs, built byte by byte (issue 6, "Archives"). The 512-byte ustar headers are
// written here rather than with node-tar, so the fixtures do not depend on the code under test: a
// bug in how agentreg's tar library reads headers cannot also hide in how the fixtures write them.
// `hostileRegistry` serves such a tarball with its CORRECT sha512, so what refuses it is the archive
// check itself, never the integrity check.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { constants, createGzip, gzipSync } from "node:zlib";

const BLOCK = 512;
const MIB = 1024 * 1024;

/** POSIX ustar type flags (IEEE 1003.1, pax "typeflag"), plus the pax extended header `x`. */
export const TYPE = { file: "0", hardlink: "1", symlink: "2", charDevice: "3", blockDevice: "4", folder: "5", fifo: "6", pax: "x", globalPax: "g", gnuLongName: "L" } as const;

export interface TarEntry {
  path: string;
  type?: (typeof TYPE)[keyof typeof TYPE];
  /** The entry's data; a number is that many bytes of `fill`. */
  data?: Uint8Array | string | number;
  fill?: number;
  linkpath?: string;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, "0")}\0`, offset, length, "latin1");
}

/** One ustar header block. Paths longer than 100 bytes are split into `prefix` and `name` at a `/`. */
export function ustarHeader(entry: { path: string; type: string; size: number; linkpath?: string }): Buffer {
  const block = Buffer.alloc(BLOCK);
  const path = Buffer.from(entry.path, "utf8");
  let name = path;
  let prefix = Buffer.alloc(0);
  if (path.length > 100) {
    const cut = path.lastIndexOf(0x2f, path.length - 2);
    if (cut < 0 || cut > 155 || path.length - cut - 1 > 100) throw new Error(`cannot fit ${entry.path} in a ustar header`);
    prefix = path.subarray(0, cut);
    name = path.subarray(cut + 1);
  }
  name.copy(block, 0);
  const isFolder = entry.type === TYPE.folder;
  octal(block, 100, 8, isFolder ? 0o755 : 0o644);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, entry.size);
  octal(block, 136, 12, 499162500); // npm's fixed mtime, 1985-10-26
  block.write(entry.type, 156, 1, "latin1");
  if (entry.linkpath !== undefined) Buffer.from(entry.linkpath, "utf8").copy(block, 157, 0, 100);
  block.write("ustar\0", 257, 6, "latin1");
  block.write("00", 263, 2, "latin1");
  const device = entry.type === TYPE.charDevice || entry.type === TYPE.blockDevice;
  octal(block, 329, 8, device ? 1 : 0); // devmajor: 1,3 is /dev/null on Linux
  octal(block, 337, 8, device ? 3 : 0); // devminor
  prefix.copy(block, 345);
  // The checksum is the sum of all header bytes with the checksum field read as eight spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "latin1");
  return block;
}

/** The body of a pax extended header: `<length> <key>=<value>\n` records, the length counting itself. */
export function paxRecords(records: Record<string, string>): Buffer {
  const lines = Object.entries(records).map(([key, value]) => {
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (Buffer.byteLength(`${length}${body}`) !== length) length += 1;
    return `${length}${body}`;
  });
  return Buffer.from(lines.join(""), "utf8");
}

/** A pseudo-entry for `tar`: a single zero block, which GNU tar and bsdtar read as the end of the archive. */
export const ZERO_BLOCK = "\0zero-block";

function dataOf(entry: TarEntry): Buffer {
  if (typeof entry.data === "number") return Buffer.alloc(entry.data, entry.fill ?? 0x61);
  if (typeof entry.data === "string") return Buffer.from(entry.data, "utf8");
  return Buffer.from(entry.data ?? new Uint8Array());
}

/**
 * An uncompressed tar: each entry's header and padded data, then the two zero blocks that end it. An
 * entry with the path `ZERO_BLOCK` is written as one lone zero block instead.
 */
export function tar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.path === ZERO_BLOCK) {
      parts.push(Buffer.alloc(BLOCK));
      continue;
    }
    const data = dataOf(entry);
    parts.push(ustarHeader({ path: entry.path, type: entry.type ?? TYPE.file, size: data.length, ...(entry.linkpath === undefined ? {} : { linkpath: entry.linkpath }) }));
    parts.push(data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** A gzip'd tar of `entries`. */
export function tgz(entries: TarEntry[]): Uint8Array {
  return new Uint8Array(gzipSync(tar(entries), { level: 9 }));
}

/** A valid agent file, for the entries that are not themselves the attack. */
export function agentMarkdown(name: string): string {
  return `---\nname: ${name}\ndescription: "A hostile fixture"\n---\nYou are ${name}.\n`;
}

/**
 * A gzip bomb: one `package/<name>.md` entry that claims and holds `bytes` zero bytes, compressed in
 * 1 MiB pieces so the fixture itself never holds the expanded data (200 MiB gzips to about 200 KiB).
 */
export async function gzipBomb(name: string, bytes = 200 * MIB): Promise<Uint8Array> {
  const gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
  const chunks: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => gzip.on("end", resolve).on("error", reject));
  const write = (chunk: Buffer): Promise<void> => new Promise((resolve) => (gzip.write(chunk) ? resolve() : gzip.once("drain", resolve)));
  await write(ustarHeader({ path: `package/${name}.md`, type: TYPE.file, size: bytes }));
  const zeros = Buffer.alloc(MIB);
  for (let left = bytes; left > 0; left -= MIB) await write(left >= MIB ? zeros : zeros.subarray(0, left));
  await write(Buffer.alloc(2 * BLOCK));
  gzip.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

export interface HostileArchive {
  /** What the attack is, for test names. */
  attack: string;
  tarball: Uint8Array;
  /** The entry an error must name; undefined when the archive fails before any entry (gzip level). */
  entry?: string;
  /** Every entry path, in order: what an SDK caller would have to declare to get past "undeclared". */
  paths: string[];
}

function archive(attack: string, entries: TarEntry[], entry?: string): HostileArchive {
  return { attack, tarball: tgz(entries), paths: entries.map((e) => e.path), ...(entry === undefined ? {} : { entry }) };
}

/**
 * Every hostile tarball class for the agent `name`. `outside` is a folder outside the project (where a
 * canary file lives): the absolute-path entry points at `<outside>/canary.md`, and the `..` entries
 * resolve there from the project folder.
 */
export async function hostileArchives(name: string, outside: string): Promise<HostileArchive[]> {
  const main = `package/${name}.md`;
  const good: TarEntry = { path: main, data: agentMarkdown(name) };
  const file = (path: string): TarEntry => ({ path, data: agentMarkdown(name) });
  const special = (type: TarEntry["type"], linkpath?: string): TarEntry[] => [{ path: main, type, ...(linkpath === undefined ? {} : { linkpath }) }];
  const kelvin = `package/\u212A${name.slice(1)}.md`; // KELVIN SIGN: NFC turns it into "K"
  const valid = Buffer.from(tgz([good]));
  const badChecksum = tar([good]);
  badChecksum.write("0000000\0", 148, 8, "latin1");
  return [
    archive("a '..' segment", [file("package/../../canary.md")], "package/../../canary.md"),
    archive("an absolute path", [file(`${outside}/canary.md`)], `${outside}/canary.md`),
    archive("a drive letter", [file("C:/agentreg-canary.md")], "C:/agentreg-canary.md"),
    archive("a backslash", [file("package\\..\\..\\canary.md")], "package\\..\\..\\canary.md"),
    archive("a symbolic link", special(TYPE.symlink, "../../canary.md"), main),
    archive("a hard link", special(TYPE.hardlink, "/etc/passwd"), main),
    archive("a character device", special(TYPE.charDevice), main),
    archive("a block device", special(TYPE.blockDevice), main),
    archive("a FIFO", special(TYPE.fifo), main),
    archive("a duplicate entry", [good, { path: main, data: "second copy\n" }], main),
    archive("a case-only duplicate", [good, file(`package/${name.toUpperCase()}.md`)], `package/${name.toUpperCase()}.md`),
    archive("a Unicode-normalisation duplicate", [good, file(kelvin)], kelvin),
    archive("too many entries (100)", [good, ...Array.from({ length: 99 }, (_, i) => file(`package/f${i}.md`))], "package/f0.md"),
    archive("an entry over 4 MiB", [{ path: main, data: 4 * MIB + 1 }], main),
    archive("a total over 8 MiB", [{ path: main, data: 3 * MIB }, { path: "package/a.md", data: 3 * MIB }, { path: "package/b.md", data: 2 * MIB + 4096 }], "package/a.md"),
    { attack: "a gzip bomb (200 MiB of zeros)", tarball: await gzipBomb(name), paths: [main] },
    { attack: "truncated gzip", tarball: new Uint8Array(valid.subarray(0, valid.length - 24)), paths: [main] },
    archive("the Windows device name con.md", [good, file("package/con.md")], "package/con.md"),
    archive("the Windows device name NUL", [good, file("package/NUL")], "package/NUL"),
    archive("the Windows device name com1.txt", [good, file("package/com1.txt")], "package/com1.txt"),
    archive("a trailing dot", [file(`${main}.`)], `${main}.`),
    archive("a trailing space", [file(`${main} `)], `${main} `),
    archive("an unexpected extra file", [good, file("package/extra.md")], "package/extra.md"),
    archive("no package/<name>.md", [{ path: "package/", type: TYPE.folder }], main),
    archive("a pax header renaming a file to ../x", [{ path: "PaxHeader/x", type: TYPE.pax, data: paxRecords({ path: "../x" }) }, good], "../x"),
    // GNU tar 1.34 and Python's tarfile list this entry as `../x`; node-tar ignores a global `path`.
    archive("a global pax header renaming files to ../x", [{ path: "pax_global_header", type: TYPE.globalPax, data: paxRecords({ path: "../x" }) }, good], "../x"),
    archive("a GNU long-name record renaming a file to ../x", [{ path: "././@LongLink", type: TYPE.gnuLongName, data: "../x\0" }, good], "../x"),
    archive("a pax header giving a file a link target", [{ path: "PaxHeader/x", type: TYPE.pax, data: paxRecords({ linkpath: "/etc/passwd" }) }, good], main),
    archive("an entry after a lone zero block", [{ path: ZERO_BLOCK }, good], main),
    { attack: "a tarball gzip'd twice", tarball: new Uint8Array(gzipSync(valid)), paths: [main] },
    { attack: "a header with a wrong checksum", tarball: new Uint8Array(gzipSync(badChecksum)), paths: [main] },
  ];
}

/**
 * Writes a built static registry into `dir` that serves `tarball` as `<name>@1.0.0`, with the correct
 * sha512 integrity and size, so that only the archive checks can refuse it.
 */
export async function hostileRegistry(dir: string, name: string, tarball: Uint8Array): Promise<string> {
  const integrity = `sha512-${createHash("sha512").update(tarball).digest("base64")}`;
  const at = "2026-01-01T00:00:00.000Z";
  const tarballPath = `tarballs/${name}/${name}-1.0.0.tgz`;
  const index = { schemaVersion: 1, name: "hostile", serial: 1, generatedAt: at, agents: [{ name, description: "A hostile fixture", latest: "1.0.0", keywords: [], tools: "all", updatedAt: at }] };
  const frontmatter = { name, description: "A hostile fixture" };
  const packument = { name, description: "A hostile fixture", distTags: { latest: "1.0.0" }, versions: { "1.0.0": { integrity, tarball: tarballPath, size: tarball.length, publishedAt: at, frontmatter } } };
  await mkdir(join(dir, "agents"), { recursive: true });
  await mkdir(join(dir, "tarballs", name), { recursive: true });
  await writeFile(join(dir, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  await writeFile(join(dir, "agents", `${name}.json`), `${JSON.stringify(packument, null, 2)}\n`);
  await writeFile(join(dir, tarballPath), tarball);
  return dir;
}
