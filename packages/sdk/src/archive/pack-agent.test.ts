import { spawnSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { Header } from "tar";
import { describe, expect, it } from "vitest";
import { AgentregError } from "../errors.js";
import { computeIntegrity, verifyIntegrity } from "./integrity.js";
import { packAgent } from "./pack-agent.js";
import { unpackAgent } from "./unpack-agent.js";

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

const FILES = {
  "code-reviewer.md": text("---\nname: code-reviewer\ndescription: Reviews code.\n---\nYou review code.\n"),
  "references/style.md": text("# Style\n".repeat(100)),
  "references/api.md": text("# API\n"),
};

const hasSystemTar = spawnSync("tar", ["--version"]).status === 0;

async function failure(run: () => Promise<unknown>): Promise<AgentregError> {
  const error = await run().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof AgentregError) return error;
  throw new Error(`expected an AgentregError, got ${String(error)}`);
}

/** Reads the ustar headers of an uncompressed tar, the way any tar reader walks it. */
function readHeaders(tar: Buffer): Header[] {
  const headers: Header[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = new Header(tar, offset);
    if (header.nullBlock) break;
    headers.push(header);
    offset += 512 + Math.ceil((header.size ?? 0) / 512) * 512;
  }
  return headers;
}

describe("packAgent", () => {
  it("round-trips: unpacking the tarball gives back the same bytes", async () => {
    const packed = await packAgent({ name: "code-reviewer", files: FILES });
    const { files } = await unpackAgent({
      tarball: packed.tarball,
      name: "code-reviewer",
      allowedFiles: ["references/style.md", "references/api.md"],
    });
    expect(Object.fromEntries(files)).toEqual(FILES);
  });

  it("is deterministic: the same files give byte-identical tarballs, whatever their order", async () => {
    const first = await packAgent({ name: "code-reviewer", files: FILES });
    const reversed = Object.fromEntries(Object.entries(FILES).reverse());
    const second = await packAgent({ name: "code-reviewer", files: reversed });
    expect(Buffer.from(second.tarball).equals(Buffer.from(first.tarball))).toBe(true);
    expect(second.integrity).toBe(first.integrity);
  });

  it("reports the tarball's integrity and size, and every file's integrity", async () => {
    const packed = await packAgent({ name: "code-reviewer", files: FILES });
    expect(packed.integrity).toBe(computeIntegrity(packed.tarball));
    expect(packed.size).toBe(packed.tarball.length);
    expect(packed.files).toEqual({
      "code-reviewer.md": computeIntegrity(FILES["code-reviewer.md"]),
      "references/api.md": computeIntegrity(FILES["references/api.md"]),
      "references/style.md": computeIntegrity(FILES["references/style.md"]),
    });
    expect(Object.keys(packed.files)).toEqual(["code-reviewer.md", "references/api.md", "references/style.md"]);
  });

  it("produces a tarball whose integrity verifies, and fails verification after one changed byte", async () => {
    const { tarball, integrity } = await packAgent({ name: "code-reviewer", files: FILES });
    expect(() => verifyIntegrity(tarball, integrity, "code-reviewer@1.0.0")).not.toThrow();
    for (const offset of [0, 9, Math.floor(tarball.length / 2), tarball.length - 1]) {
      const tampered = Uint8Array.from(tarball);
      tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;
      expect(() => verifyIntegrity(tampered, integrity, "code-reviewer@1.0.0")).toThrow(/integrity mismatch/);
    }
  });

  it("writes a gzip header that does not depend on the platform or the time", async () => {
    const { tarball } = await packAgent({ name: "code-reviewer", files: FILES });
    expect([...tarball.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect([...tarball.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(tarball[9]).toBe(255);
  });

  it("writes sorted ustar entries under package/ with fixed owner, mode and mtime, then two zero blocks", async () => {
    const { tarball } = await packAgent({ name: "code-reviewer", files: FILES });
    const tar = gunzipSync(tarball);
    const headers = readHeaders(tar);
    expect(headers.map((h) => h.path)).toEqual([
      "package/code-reviewer.md",
      "package/references/api.md",
      "package/references/style.md",
    ]);
    for (const header of headers) {
      expect(header.cksumValid).toBe(true);
      expect(header).toMatchObject({ type: "File", mode: 0o644, uid: 0, gid: 0, uname: "", gname: "" });
      expect(header.mtime?.toISOString()).toBe("1985-10-26T08:15:00.000Z");
    }
    expect(tar.toString("latin1", 257, 265)).toBe("ustar\u000000");
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(-1024).every((byte) => byte === 0)).toBe(true);
  });

  it.skipIf(!hasSystemTar)("makes a tarball the system tar lists like any other", async () => {
    const { tarball } = await packAgent({ name: "code-reviewer", files: FILES });
    const listing = spawnSync("tar", ["-tzvf", "-"], { input: tarball, encoding: "utf8" });
    expect(listing.status, listing.stderr).toBe(0);
    expect(listing.stderr).toBe("");
    const lines = listing.stdout.trim().split("\n");
    expect(lines.map((line) => line.split(/\s+/).at(-1))).toEqual([
      "package/code-reviewer.md",
      "package/references/api.md",
      "package/references/style.md",
    ]);
    for (const line of lines) expect(line).toMatch(/^-rw-r--r-- 0\/0 .* 1985-10-26 /);
  });

  it.each([
    ["an absolute path", "/etc/cron.d/x.md", /absolute/],
    ["a parent segment", "../x.md", /'\.\.'/],
    ["a backslash", "references\\x.md", /backslash/],
    ["a drive letter", "C:/x.md", /drive letter/],
    ["an empty segment", "references//x.md", /empty segment/],
    ["a Windows device name", "con.md", /device name/],
    ["a trailing dot", "notes.md.", /dot or space/],
  ])("refuses %s (%j)", async (_case, path, reason) => {
    const error = await failure(() => packAgent({ name: "a", files: { "a.md": text("a"), [path]: text("x") } }));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.subject).toBe(path);
    expect(error.message).toMatch(reason);
    expect(error.hint).toBeTruthy();
  });

  it.each([
    ["case-only twins", { "a.md": text("a"), "A.md": text("A") }, /same file/],
    ["Unicode NFC/NFD twins", { "a.md": text("a"), "caf\u00e9.md": text("1"), "cafe\u0301.md": text("2") }, /same file/],
    ["a file that is another file's folder", { "a.md": text("a"), refs: text("1"), "refs/x.md": text("2") }, /folder/],
  ])("refuses %s", async (_case, files, reason) => {
    const error = await failure(() => packAgent({ name: "a", files }));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.message).toMatch(reason);
  });

  it("refuses a path that plain ustar cannot hold", async () => {
    const error = await failure(() => packAgent({ name: "a", files: { "a.md": text("a"), "caf\u00e9.md": text("x") } }));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.message).toMatch(/pax/);
  });

  it("refuses a package without its main file", async () => {
    const error = await failure(() => packAgent({ name: "a", files: { "b.md": text("b") } }));
    expect(error.code).toBe("E_INVALID_AGENT");
    expect(error.message).toContain("'a.md'");
  });

  it.each([
    ["a file over 4 MiB", { "a.md": new Uint8Array(4 * 1024 * 1024 + 1) }, /more than the limit of 4194304/],
    ["more than 64 files", Object.fromEntries(Array.from({ length: 65 }, (_, i) => [i === 0 ? "a.md" : `r/${i}.md`, text("x")])), /65 files/],
  ])("refuses %s, which unpackAgent would refuse too", async (_case, files, reason) => {
    const error = await failure(() => packAgent({ name: "a", files }));
    expect(error.code).toBe("E_UNSAFE_ARCHIVE");
    expect(error.message).toMatch(reason);
  });
});
