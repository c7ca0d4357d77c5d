// Issue 6, "Tests": property-based tests of archive path normalisation through the SDK's public
// `packAgent` and `unpackAgent`. Safe paths round-trip byte for byte; any path with a `..` segment, a
// leading `/`, a backslash or a drive letter is refused, and so are case-only and Unicode twins.
// Hostile tarballs are written by tests/helpers/hostile-archives.ts, not by `packAgent`, which would
// refuse to make them.
import { createHash } from "node:crypto";
import { packAgent, unpackAgent } from "@agentreg/sdk";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agentMarkdown, type TarEntry, tgz } from "../helpers/hostile-archives.js";

const NAME = "kit";
const MAIN = `${NAME}.md`;
const mainBytes = new TextEncoder().encode(agentMarkdown(NAME));

// Windows device names, with any extension: the generators below must not produce them by chance.
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9]|lpt[0-9])(\..*)?$/i;

/** A folder name: ASCII letters, digits, `_` and `-` (no dot, so it can never equal a file's name). */
const folder = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/).filter((s) => !RESERVED.test(s));
/** A file name: a stem that does not start or end with a dot, and an extension (so it always has a dot). */
const fileName = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9_-]([A-Za-z0-9._-]{0,8}[A-Za-z0-9_-])?$/), fc.constantFrom(".md", ".txt", ".json"))
  .map(([stem, ext]) => `${stem}${ext}`)
  .filter((s) => !RESERVED.test(s) && !s.includes(".."));
/** A relative path inside the package: up to three folders, then a file. */
const safePath = fc.tuple(fc.array(folder, { maxLength: 3 }), fileName).map(([folders, file]) => [...folders, file].join("/"));

/** Extra files whose paths differ even on case-insensitive file systems, none of them the main file. */
const extraFiles = fc
  .uniqueArray(fc.tuple(safePath, fc.uint8Array({ maxLength: 2048 })), { maxLength: 12, selector: ([path]) => path.toLowerCase() })
  .map((entries) => entries.filter(([path]) => path.toLowerCase() !== MAIN));

const safeSegments = fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 });
const unsafePath = fc.oneof(
  // `..` anywhere: first, between folders or last.
  fc.tuple(safeSegments, fc.nat(), fc.boolean()).map(([segments, at, inPackage]) => {
    const parts = [...segments];
    parts.splice(at % (parts.length + 1), 0, "..");
    return `${inPackage ? "package/" : ""}${parts.join("/")}`;
  }),
  safeSegments.map((segments) => `/${segments.join("/")}`),
  fc.tuple(safeSegments, fc.boolean()).map(([segments, inPackage]) => `${inPackage ? "package\\" : ""}${segments.join("\\")}\\x.md`),
  fc.tuple(fc.constantFrom(..."ACDZacz"), fc.constantFrom("/", "\\", ""), safeSegments).map(([letter, separator, segments]) => `${letter}:${separator}${segments.join("/")}`),
);
const UNSAFE_REASON = /contains a '\.\.' segment|is an absolute path|starts with a drive letter|contains a backslash/;

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; message: string; details?: { entry?: string } }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string; details?: { entry?: string } };
  }
  throw new Error("a hostile archive was accepted");
}

describe("safe paths round-trip through packAgent and unpackAgent", () => {
  it("every file comes back at its path with its bytes, and nothing else comes back", async () => {
    await fc.assert(
      fc.asyncProperty(extraFiles, fc.uint8Array({ maxLength: 4096 }), async (extras, main) => {
        const files: Record<string, Uint8Array> = Object.fromEntries([[MAIN, main], ...extras]);
        const packed = await packAgent({ name: NAME, files });
        expect(packed.integrity).toBe(`sha512-${createHash("sha512").update(packed.tarball).digest("base64")}`);
        const { files: unpacked } = await unpackAgent({ tarball: packed.tarball, name: NAME, allowedFiles: extras.map(([path]) => path) });
        expect([...unpacked.keys()].sort()).toEqual(Object.keys(files).sort());
        for (const [path, bytes] of Object.entries(files)) expect(Buffer.from(unpacked.get(path) ?? []).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it("packing is deterministic: the same files give the same tarball bytes, in any insertion order", async () => {
    await fc.assert(
      fc.asyncProperty(extraFiles, async (extras) => {
        const forward = await packAgent({ name: NAME, files: Object.fromEntries([[MAIN, mainBytes], ...extras]) });
        const backward = await packAgent({ name: NAME, files: Object.fromEntries([...extras].reverse().concat([[MAIN, mainBytes]])) });
        expect(Buffer.from(backward.tarball).equals(Buffer.from(forward.tarball))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

describe("unsafe paths are refused", () => {
  it("unpackAgent refuses a tarball with a '..' segment, a leading '/', a backslash or a drive letter, naming the entry", async () => {
    await fc.assert(
      fc.asyncProperty(unsafePath, fc.boolean(), async (path, hostileFirst) => {
        const entries: TarEntry[] = [{ path: `package/${MAIN}`, data: mainBytes }];
        entries.splice(hostileFirst ? 0 : 1, 0, { path, data: "pwned\n" });
        const error = await refusal(unpackAgent({ tarball: tgz(entries), name: NAME }));
        expect(error.code).toBe("E_UNSAFE_ARCHIVE");
        expect(error.message).toMatch(UNSAFE_REASON);
        expect(error.details?.entry).toBe(path);
      }),
    );
  });

  it("unpackAgent refuses an unsafe path even when the caller declares it as an extra file", async () => {
    await fc.assert(
      fc.asyncProperty(unsafePath.filter((path) => !path.startsWith("package")), async (path) => {
        const tarball = tgz([{ path: `package/${MAIN}`, data: mainBytes }, { path: `package/${path}`, data: "pwned\n" }]);
        const error = await refusal(unpackAgent({ tarball, name: NAME, allowedFiles: [path] }));
        expect(error.code).toBe("E_UNSAFE_ARCHIVE");
        expect(error.message).toMatch(UNSAFE_REASON);
      }),
    );
  });

  it("packAgent refuses to make an archive with such a path (agentreg never packs what it would refuse to unpack)", async () => {
    await fc.assert(
      fc.asyncProperty(unsafePath, async (path) => {
        const error = await refusal(packAgent({ name: NAME, files: { [MAIN]: mainBytes, [path]: new Uint8Array([1]) } }));
        expect(error.code).toBe("E_UNSAFE_ARCHIVE");
      }),
    );
  });
});

describe("twins that one file system would merge are refused", () => {
  it("two declared paths that differ only in case", async () => {
    const twins = safePath
      .chain((path) => fc.tuple(fc.constant(path), fc.array(fc.boolean(), { minLength: path.length, maxLength: path.length })))
      .map(([path, flips]) => [path, [...path].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join("")] as const)
      .filter(([a, b]) => a !== b && a.toLowerCase() !== MAIN);
    await fc.assert(
      fc.asyncProperty(twins, async ([a, b]) => {
        const tarball = tgz([{ path: `package/${MAIN}`, data: mainBytes }, { path: `package/${a}`, data: "a\n" }, { path: `package/${b}`, data: "b\n" }]);
        const error = await refusal(unpackAgent({ tarball, name: NAME, allowedFiles: [a, b] }));
        expect(error).toMatchObject({ code: "E_UNSAFE_ARCHIVE", details: { entry: `package/${b}` } });
        expect(error.message).toMatch(/are the same file/);
      }),
    );
  });

  it("two declared paths that are the NFC and NFD spellings of one name", async () => {
    const accented = fc.array(fc.constantFrom("é", "ü", "ñ", "å", "ç", "ö", "À", "Ê", "a", "b", "x"), { minLength: 1, maxLength: 10 }).map((chars) => `${chars.join("")}.md`);
    const twins = accented.map((name) => [name.normalize("NFC"), name.normalize("NFD")] as const).filter(([nfc, nfd]) => nfc !== nfd);
    await fc.assert(
      fc.asyncProperty(twins, fc.boolean(), async ([nfc, nfd], nfdFirst) => {
        const [first, second] = nfdFirst ? [nfd, nfc] : [nfc, nfd];
        const tarball = tgz([{ path: `package/${MAIN}`, data: mainBytes }, { path: `package/${first}`, data: "1\n" }, { path: `package/${second}`, data: "2\n" }]);
        const error = await refusal(unpackAgent({ tarball, name: NAME, allowedFiles: [nfc, nfd] }));
        expect(error).toMatchObject({ code: "E_UNSAFE_ARCHIVE", details: { entry: `package/${second}` } });
      }),
    );
  });
});
