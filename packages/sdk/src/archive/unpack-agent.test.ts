import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Header, type HeaderData } from "tar";
import { describe, expect, it } from "vitest";
import { AgentregError } from "../errors.js";
import { type UnpackAgentOptions, unpackAgent } from "./unpack-agent.js";

/** One raw tar entry, written exactly as given: this is how the hostile tarballs are made. */
type RawEntry = { path: string; type?: HeaderData["type"]; body?: string | Uint8Array; linkpath?: string } | { raw: Buffer };

const MIB = 1024 * 1024;
const MAIN: RawEntry = { path: "package/a.md", body: "---\nname: a\ndescription: A.\n---\nHi.\n" };
const ZERO_BLOCK: RawEntry = { raw: Buffer.alloc(512) };

function rawTar(entries: RawEntry[], { end = true } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    if ("raw" in entry) {
      blocks.push(entry.raw);
      continue;
    }
    const body = Buffer.from(entry.body ?? "");
    const header = new Header({ path: entry.path, type: entry.type ?? "File", mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: new Date(0), linkpath: entry.linkpath });
    header.encode();
    blocks.push(header.block as Buffer, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  if (end) blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const tgz = (entries: RawEntry[], options?: { end?: boolean }): Uint8Array => new Uint8Array(gzipSync(rawTar(entries, options)));

/** A pax extended header (POSIX.1-2001): each record is "<length> <key>=<value>\n", length included. */
function pax(records: Record<string, string>): RawEntry {
  const body = Object.entries(records)
    .map(([key, value]) => {
      const rest = ` ${key}=${value}\n`;
      let length = Buffer.byteLength(rest) + 1;
      while (String(length).length + Buffer.byteLength(rest) !== length) length += 1;
      return `${length}${rest}`;
    })
    .join("");
  return { path: "PaxHeader/entry", type: "ExtendedHeader", body };
}

function unpack(tarball: Uint8Array, options: Partial<UnpackAgentOptions> = {}) {
  return unpackAgent({ tarball, name: "a", subject: "a@1.0.0", ...options });
}

async function refusal(run: Promise<unknown>): Promise<AgentregError> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof AgentregError) return error;
  throw new Error(`expected an AgentregError, got ${String(error)}`);
}

const file = (path: string, body = "x"): RawEntry => ({ path, body });
const manyDeclared = Array.from({ length: 70 }, (_, i) => `r/${i}.md`);

describe("unpackAgent accepts", () => {
  it("package/<name>.md alone, keyed relative to package/", async () => {
    const { files } = await unpack(tgz([MAIN]));
    expect([...files.keys()]).toEqual(["a.md"]);
    expect(new TextDecoder().decode(files.get("a.md"))).toContain("name: a");
  });

  it("declared files, returned in sorted order whatever the archive order", async () => {
    const { files } = await unpack(tgz([file("package/refs/z.md", "z"), file("package/refs/b.md", "b"), MAIN]), {
      allowedFiles: ["refs/b.md", "refs/z.md", "refs/never-shipped.md"],
    });
    expect([...files.keys()]).toEqual(["a.md", "refs/b.md", "refs/z.md"]);
  });

  it("folder entries for package/ and declared folders, which it skips", async () => {
    const entries: RawEntry[] = [{ path: "package/", type: "Directory" }, { path: "package/refs/", type: "Directory" }, MAIN, file("package/refs/x.md")];
    const { files } = await unpack(tgz(entries), { allowedFiles: ["refs/x.md"] });
    expect([...files.keys()]).toEqual(["a.md", "refs/x.md"]);
  });

  it.each(["OldFile", "ContiguousFile"] as const)("%s entries, which every tar reader treats as regular files", async (type) => {
    const { files } = await unpack(tgz([{ ...MAIN, type } as RawEntry]));
    expect([...files.keys()]).toEqual(["a.md"]);
  });

  it("pax records that only carry metadata", async () => {
    const { files } = await unpack(tgz([pax({ mtime: "1234567890.5", comment: "hi" }), MAIN]));
    expect([...files.keys()]).toEqual(["a.md"]);
  });

  it.skipIf(spawnSync("tar", ["--version"]).status !== 0)("a tarball made by the system tar, folder entries and all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "agentreg-unpack-"));
    try {
      mkdirSync(join(dir, "package", "refs"), { recursive: true });
      writeFileSync(join(dir, "package", "a.md"), "---\nname: a\n---\n");
      writeFileSync(join(dir, "package", "refs", "x.md"), "x");
      const made = spawnSync("tar", ["-czf", "-", "-C", dir, "package"]);
      expect(made.status, made.stderr.toString()).toBe(0);
      const { files } = await unpack(new Uint8Array(made.stdout), { allowedFiles: ["refs/x.md"] });
      expect([...files.keys()]).toEqual(["a.md", "refs/x.md"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("unpackAgent refuses entries", () => {
  it.each<[string, RawEntry[], RegExp, Partial<UnpackAgentOptions>?]>([
    ["a symbolic link", [MAIN, { path: "package/b.md", type: "SymbolicLink", linkpath: "/etc/passwd" }], /symbolic link/, { allowedFiles: ["b.md"] }],
    ["a symbolic link as the main file", [{ path: "package/a.md", type: "SymbolicLink", linkpath: "../../.bashrc" }], /symbolic link/],
    ["a hard link", [MAIN, { path: "package/b.md", type: "Link", linkpath: "package/a.md" }], /hard link/, { allowedFiles: ["b.md"] }],
    ["a character device", [MAIN, { path: "package/b.md", type: "CharacterDevice" }], /a device/, { allowedFiles: ["b.md"] }],
    ["a block device", [MAIN, { path: "package/b.md", type: "BlockDevice" }], /a device/, { allowedFiles: ["b.md"] }],
    ["a FIFO", [MAIN, { path: "package/b.md", type: "FIFO" }], /a FIFO/, { allowedFiles: ["b.md"] }],
    ["a GNU dump folder", [MAIN, { path: "package/refs/", type: "GNUDumpDir", body: "x" }], /unsupported type/, { allowedFiles: ["refs/x.md"] }],
    ["a sparse file", [MAIN, { path: "package/b.md", type: "SparseFile" }], /unsupported type/, { allowedFiles: ["b.md"] }],
    ["a '..' path", [file("package/../a.md")], /'\.\.'/],
    ["a leading '../'", [MAIN, file("../.bashrc")], /'\.\.'/],
    ["an absolute path", [file("/package/a.md")], /absolute/],
    ["a drive letter", [file("C:\\package\\a.md")], /drive letter/],
    ["a backslash", [MAIN, file("package\\a.md")], /backslash/],
    ["a pax path that climbs out", [pax({ path: "package/../../evil.md" }), MAIN], /'\.\.'/],
    ["a pax record that turns a file into a link", [pax({ type: "2", linkpath: "/etc/passwd" }), MAIN], /link target/],
    ["an oversized pax record", [pax({ comment: "x".repeat(70 * 1024) }), MAIN], /oversized ExtendedHeader record/],
    ["a GNU long name that climbs out", [{ path: "././@LongLink", type: "NextFileHasLongPath", body: "package/../../evil.md\0" }, MAIN], /'\.\.'/],
    ["a Windows device name", [MAIN, file("package/con.md")], /device name/],
    ["a Windows device name with two extensions", [MAIN, file("package/refs/NUL.tar.gz")], /device name/],
    ["a trailing dot", [MAIN, file("package/a.md.")], /dot or space/],
    ["a trailing space", [MAIN, file("package/a.md ")], /dot or space/],
    ["a file entry ending in '/', which tar reads as a folder", [MAIN, { path: "package/b.md/", body: "x" }], /folder 'package\/b\.md\/' holds no declared file/],
    ["a duplicate", [MAIN, MAIN], /appears twice/],
    ["a case-only duplicate", [MAIN, file("package/A.md")], /same file/],
    ["an NFC/NFD duplicate", [MAIN, file("package/caf\u00e9.md"), file("package/cafe\u0301.md")], /same file/, { allowedFiles: ["caf\u00e9.md", "cafe\u0301.md"] }],
    ["an undeclared file", [MAIN, file("package/evil.md")], /not a file this agent declares/],
    ["a file outside package/", [MAIN, file("other/a.md")], /outside 'package\/'/],
    ["a file at the archive root", [file("a.md")], /outside 'package\/'/],
    ["an undeclared folder", [MAIN, { path: "package/hooks/", type: "Directory" }], /holds no declared file/],
    // node-tar reads a folder's size as 0, so claimed folder data is parsed as the next header.
    ["a folder claiming to carry data", [MAIN, { path: "package/refs/", type: "Directory", body: "x" }], /not a valid tar archive/, { allowedFiles: ["refs/x.md"] }],
    ["entries after a lone zero block", [MAIN, ZERO_BLOCK, file("package/b.md")], /zero block/, { allowedFiles: ["b.md"] }],
    ["more than 64 entries", [MAIN, ...manyDeclared.map((path) => file(`package/${path}`))], /more than 64 entries/, { allowedFiles: manyDeclared }],
    ["more entries than a custom limit", [MAIN, file("package/b.md")], /more than 1 entries/, { allowedFiles: ["b.md"], limits: { maxEntries: 1 } }],
    ["an entry over 4 MiB", [{ path: "package/a.md", body: new Uint8Array(4 * MIB + 1) }], /4194305 bytes, more than the limit of 4194304/],
    ["files over the total limit", [MAIN, file("package/b.md", "0123456789")], /more than the limit of 40 bytes/, { allowedFiles: ["b.md"], limits: { maxTotalBytes: 40 } }],
    ["a missing main file", [file("package/refs/x.md")], /no 'package\/a\.md'/, { allowedFiles: ["refs/x.md"] }],
  ])("with %s", async (_case, entries, reason, options = {}) => {
    const error = await refusal(unpack(tgz(entries), options));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.subject).toBe("a@1.0.0");
    expect(error.message).toMatch(reason);
    expect(error.hint).toBeTruthy();
  });

  it("names the offending entry in the details", async () => {
    const error = await refusal(unpack(tgz([MAIN, { path: "package/b.md", type: "SymbolicLink", linkpath: "/etc" }]), { allowedFiles: ["b.md"] }));
    expect(error.details).toEqual({ entry: "package/b.md" });
  });

  it("refuses more than 8 MiB of files in all by default", async () => {
    const big = (name: string): RawEntry => ({ path: `package/${name}`, body: new Uint8Array(3 * MIB) });
    const error = await refusal(unpack(tgz([MAIN, big("b.md"), big("c.md"), big("d.md")]), { allowedFiles: ["b.md", "c.md", "d.md"] }));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.message).toMatch(/more than/);
  });

  it.each([
    ["a '..' segment", "../x.md"],
    ["an absolute path", "/etc/x.md"],
  ])("refuses a declared file with %s before reading the tarball", async (_case, declared) => {
    const error = await refusal(unpack(tgz([MAIN]), { allowedFiles: [declared] }));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.message).toMatch(/declared file/);
  });

  it("names the agent when no subject is given", async () => {
    const error = await refusal(unpackAgent({ tarball: tgz([MAIN, file("package/evil.md")]), name: "a" }));
    expect(error.subject).toBe("a");
  });
});

describe("unpackAgent refuses damaged or hostile compression", () => {
  const good = tgz([MAIN]);
  const flip = (bytes: Uint8Array, offset: number): Uint8Array => {
    const copy = Uint8Array.from(bytes);
    copy[offset] = (copy[offset] ?? 0) ^ 0xff;
    return copy;
  };
  const corruptHeader = rawTar([MAIN]);
  corruptHeader[10] = 0x41;

  it.each<[string, () => Uint8Array, RegExp]>([
    ["a plain, uncompressed tar", () => new Uint8Array(rawTar([MAIN])), /not gzip/],
    ["an empty input", () => new Uint8Array(0), /not gzip/],
    ["a truncated gzip stream", () => good.subarray(0, Math.floor(good.length / 2)), /truncated/],
    ["a gzip stream without its trailer", () => good.subarray(0, good.length - 4), /truncated/],
    ["a gzip CRC mismatch", () => flip(good, good.length - 8), /corrupt/],
    ["trailing bytes after the gzip stream", () => new Uint8Array([...good, 1, 2, 3, 4]), /corrupt/],
    ["a tarball compressed twice", () => new Uint8Array(gzipSync(gzipSync(rawTar([MAIN])))), /compressed twice/],
    ["compressed input over 8 MiB", () => new Uint8Array([0x1f, 0x8b, ...randomBytes(8 * MIB)]), /more than the limit of 8388608/],
    ["a tar header with a bad checksum", () => new Uint8Array(gzipSync(corruptHeader)), /not a valid tar archive: checksum failure/],
    ["a tar cut inside a file", () => new Uint8Array(gzipSync(rawTar([{ path: "package/a.md", body: "x".repeat(2000) }]).subarray(0, 1024))), /Truncated input/],
    ["a tar without its end-of-archive blocks", () => tgz([MAIN], { end: false }), /two zero blocks/],
    ["only zero blocks", () => new Uint8Array(gzipSync(Buffer.alloc(1024))), /not a valid tar archive/],
    ["random bytes that gunzip fine", () => new Uint8Array(gzipSync(randomBytes(4096))), /not a valid tar archive|two zero blocks/],
  ])("with %s", async (_case, make, reason) => {
    const error = await refusal(unpack(make()));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.subject).toBe("a@1.0.0");
    expect(error.message).toMatch(reason);
    expect(error.message).not.toMatch(/Z_|ERR_/);
  });

  it("stops a gzip bomb (100 MiB of zeros behind one header) at the output cap", async () => {
    const bomb = new Uint8Array(gzipSync(rawTar([{ path: "package/a.md", body: new Uint8Array(100 * MIB) }]), { level: 9 }));
    expect(bomb.length).toBeLessThan(MIB);
    const error = await refusal(unpack(bomb));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.message).toMatch(/unpacks to more than \d+ bytes/);
  });
});
