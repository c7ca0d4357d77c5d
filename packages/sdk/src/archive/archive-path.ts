/**
 * The one rule for paths inside an agent tarball, shared by `packAgent` and `unpackAgent` so that
 * agentreg never produces an archive it would refuse to read. A path that passes is a relative
 * POSIX path that means the same file on Linux, macOS and Windows: this is what keeps every write
 * inside the target folder (DESIGN §8) once the installer joins it to `.claude/agents/`.
 */

// Windows maps these device names onto every folder, with any extension (`nul.md`), and treats a
// stem with trailing spaces the same way. COM0/LPT0 and the superscript digits are reserved too.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\..*)?$/i;

// Characters Win32 refuses in file names; `:` also opens NTFS alternate data streams (`a.md:x`).
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

// C0 controls and DEL, including NUL, which C-based tar implementations treat as end of string.
const CONTROL = /[\u0000-\u001f\u007f]/;

// Invisible and bidirectional formatting characters make two different paths look the same on screen
// (Trojan Source, CVE-2021-42574), so a reviewer could not tell which file they are approving.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * Tells whether `path` is safe to use inside an agent tarball, and if not, why.
 *
 * @param path - A path as written in the archive, `/`-separated, e.g. `package/references/x.md`.
 * @returns `undefined` when the path is safe, otherwise a short reason for an error message.
 *
 * @example
 * checkArchivePath("references/api.md"); // undefined
 * checkArchivePath("../.bashrc"); // "contains a '..' segment"
 */
export function checkArchivePath(path: string): string | undefined {
  if (path === "") return "is empty";
  if (CONTROL.test(path)) return "contains a control character";
  if (path.startsWith("/")) return "is an absolute path";
  if (/^[a-zA-Z]:/.test(path)) return "starts with a drive letter";
  if (path.includes("\\")) return "contains a backslash, which Windows reads as a folder separator";
  if (INVISIBLE.test(path)) return "contains an invisible or bidirectional Unicode character";
  for (const segment of path.split("/")) {
    const reason = checkSegment(segment);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function checkSegment(segment: string): string | undefined {
  if (segment === "") return "has an empty segment (`//` or a trailing `/`)";
  if (segment === "..") return "contains a '..' segment";
  if (segment === ".") return "contains a '.' segment";
  if (WINDOWS_FORBIDDEN.test(segment)) return `has a character Windows forbids in '${segment}'`;
  if (WINDOWS_RESERVED.test(segment)) return `uses the Windows device name '${segment}'`;
  if (/[. ]$/.test(segment)) return `has a segment ending in a dot or space ('${segment}'), which Windows strips`;
  return undefined;
}

/**
 * The key under which two archive paths count as the same file on a case-insensitive,
 * normalising file system (macOS APFS and HFS+, Windows NTFS): Unicode NFC, then case-folded.
 * Upper-casing before lower-casing folds `ß` with `SS` and `ǅ` with `Ǆ`, as such systems do.
 *
 * @example
 * foldArchivePath("Agent.md") === foldArchivePath("agent.md"); // true
 * foldArchivePath("caf\u0065\u0301.md") === foldArchivePath("caf\u00e9.md"); // true
 */
export function foldArchivePath(path: string): string {
  return path.normalize("NFC").toUpperCase().toLowerCase();
}

/**
 * Finds two paths in a set of files that cannot coexist on disk: the same file under case or Unicode
 * normalisation (`a.md`, `A.md`), or a file that is also another file's folder (`x`, `x/y.md`).
 *
 * @returns A message naming both paths, or `undefined` when the set is coherent.
 *
 * @example
 * findPathConflict(["a.md", "A.md"]); // "'A.md' and 'a.md' are the same file on case-insensitive file systems"
 * findPathConflict(["a.md", "refs/b.md"]); // undefined
 */
export function findPathConflict(paths: Iterable<string>): string | undefined {
  const files = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const path of [...paths].sort()) {
    const key = foldArchivePath(path);
    const same = files.get(key);
    if (same !== undefined) {
      return same === path
        ? `'${path}' appears twice`
        : `'${same}' and '${path}' are the same file on case-insensitive file systems`;
    }
    const child = folders.get(key);
    if (child !== undefined) return `'${path}' is a file but '${child}' needs it as a folder`;
    files.set(key, path);
    const segments = key.split("/");
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join("/");
      const file = files.get(folder);
      if (file !== undefined) return `'${file}' is a file but '${path}' needs it as a folder`;
      if (!folders.has(folder)) folders.set(folder, path);
    }
  }
  return undefined;
}
