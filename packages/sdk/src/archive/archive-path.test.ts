import { describe, expect, it } from "vitest";
import { foldArchivePath, checkArchivePath, findPathConflict } from "./archive-path.js";

describe("checkArchivePath", () => {
  it.each([
    "a.md",
    "senior-backend-engineer.md",
    "references/api.md",
    "package/references/deep/x.md",
    "a.b.c.md",
    ".hidden.md",
    "console.md",
    "con-artist.md",
    "com10.md",
    "lpt.md",
    "caf\u00e9.md",
    "日本語.md",
  ])("accepts %j", (path) => {
    expect(checkArchivePath(path)).toBeUndefined();
  });

  it.each([
    ["", /empty/],
    ["/etc/passwd", /absolute/],
    ["//server/share/a.md", /absolute/],
    ["C:x.md", /drive letter/],
    ["c:/windows/a.md", /drive letter/],
    ["C:\\x", /drive letter/],
    ["a\\b.md", /backslash/],
    ["..\\a.md", /backslash/],
    ["..", /'\.\.'/],
    ["../a.md", /'\.\.'/],
    ["a/../../b.md", /'\.\.'/],
    ["./a.md", /'\.' segment/],
    ["a//b.md", /empty segment/],
    ["a/", /empty segment/],
    ["con", /device name/],
    ["con.md", /device name/],
    ["CON.MD", /device name/],
    ["nul.tar.gz", /device name/],
    ["aux", /device name/],
    ["prn.md", /device name/],
    ["com1.md", /device name/],
    ["COM9", /device name/],
    ["lpt1.txt", /device name/],
    ["com\u00b9.md", /device name/],
    ["con .md", /device name/],
    ["con/a.md", /device name/],
    ["a.md.", /dot or space/],
    ["a.md ", /dot or space/],
    ["dir./a.md", /dot or space/],
    ["a:b.md", /drive letter/],
    ["refs/a:b.md", /Windows forbids/],
    ["a?.md", /Windows forbids/],
    ["a*.md", /Windows forbids/],
    ["a<b>.md", /Windows forbids/],
    ['a".md', /Windows forbids/],
    ["a|b.md", /Windows forbids/],
    ["a\u0000.md", /control character/],
    ["a\nb.md", /control character/],
    ["a\u007f.md", /control character/],
    ["a\u202egpj.md", /invisible or bidirectional/],
    ["a\u200bb.md", /invisible or bidirectional/],
    ["\ufeffa.md", /invisible or bidirectional/],
  ])("refuses %j (%s)", (path, reason) => {
    expect(checkArchivePath(path)).toMatch(reason);
  });
});

describe("foldArchivePath", () => {
  it.each([
    ["a.md", "A.md"],
    ["Agent.MD", "agent.md"],
    ["caf\u00e9.md", "cafe\u0301.md"],
    ["stra\u00dfe.md", "STRASSE.md"],
  ])("treats %j and %j as one file", (a, b) => {
    expect(foldArchivePath(a)).toBe(foldArchivePath(b));
  });

  it("keeps different files apart", () => {
    expect(foldArchivePath("a.md")).not.toBe(foldArchivePath("b.md"));
  });
});

describe("findPathConflict", () => {
  it.each([
    [["a.md"]],
    [["a.md", "b.md", "refs/a.md", "refs/b.md"]],
    [["refs/a.md", "refs-b.md", "refs.md"]],
  ])("accepts %j", (paths) => {
    expect(findPathConflict(paths)).toBeUndefined();
  });

  it.each([
    [["a.md", "a.md"], /appears twice/],
    [["a.md", "A.md"], /same file/],
    [["caf\u00e9.md", "cafe\u0301.md"], /same file/],
    [["refs", "refs/a.md"], /'refs' is a file but 'refs\/a\.md' needs it as a folder/],
    [["REFS", "refs/a.md"], /needs it as a folder/],
    [["refs/a.md", "Refs"], /needs it as a folder/],
  ])("refuses %j", (paths, reason) => {
    expect(findPathConflict(paths)).toMatch(reason);
  });
});
