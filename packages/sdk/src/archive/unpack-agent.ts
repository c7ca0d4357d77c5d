/**
 * Safe unpacking of an agent tarball into memory (DESIGN §8). Nothing is written to disk here: the
 * installer writes the returned bytes itself, so no entry can create a link, a device or a path
 * outside the target folder. Every rule below is checked for every entry before anything is returned;
 * one bad entry refuses the whole tarball. The rules answer the node-tar extraction advisories:
 * links (GHSA-r628-mhmh-qjhw, GHSA-34x7-hfp2-rc4v), backslashes and case-only twins
 * (GHSA-9r2w-394v-53qc), Unicode twins (GHSA-qq89-hq3f-393p, GHSA-r6q2-hw4h-h46w), deep or
 * numerous entries (GHSA-f5x3-32g6-xq36), plus `..`, absolute and drive-letter paths.
 */
import type { ReadEntry } from "tar";
import { AgentregError, ErrorCode } from "../errors.js";
import { type ArchiveLimits, computeGunzipCap, resolveArchiveLimits } from "./archive-limits.js";
import { foldArchivePath, checkArchivePath, findPathConflict } from "./archive-path.js";
import { type EntryDecision, gunzipTarball, readTarEntries } from "./read-tarball.js";
import { checkOptions } from "../check-arguments.js";

export type { ArchiveLimits } from "./archive-limits.js";
export { DEFAULT_ARCHIVE_LIMITS } from "./archive-limits.js";

export interface UnpackAgentOptions {
  /** The gzip'd tarball, already checked with `verifyIntegrity`. */
  tarball: Uint8Array;
  /** The agent's name; `package/<name>.md` must be in the tarball. */
  name: string;
  /** What to name in errors, e.g. `name@version`; defaults to `name`. */
  subject?: string;
  /** Extra files the version declares, relative to `package/` (e.g. `references/api.md`). */
  allowedFiles?: string[];
  /** Tighter or looser limits than `DEFAULT_ARCHIVE_LIMITS`. */
  limits?: Partial<ArchiveLimits>;
}

export interface UnpackAgentResult {
  /** The bytes of each file by path relative to `package/`, in sorted order. */
  files: Map<string, Uint8Array>;
}

const PREFIX = "package/";

// `OldFile` (typeflag NUL, pre-POSIX) and `ContiguousFile` (typeflag 7) are read as regular files by
// POSIX, GNU tar, bsdtar and node-tar alike, so accepting them opens no interpretation gap; refusing
// them would only reject tarballs made by older tools. Everything else that carries data is refused.
const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);

/**
 * Unpacks an agent tarball into memory, refusing anything that is not exactly `package/<name>.md`
 * plus the declared files: links, devices, FIFOs, unsafe or colliding paths, undeclared files,
 * oversized entries, gzip bombs and damaged archives.
 *
 * @throws AgentregError `E_UNSAFE_ARCHIVE` naming the offending entry and what to do.
 *
 * @example
 * verifyIntegrity(tgz, version.integrity, "code-reviewer@1.2.0");
 * const { files } = await unpackAgent({ tarball: tgz, name: "code-reviewer", subject: "code-reviewer@1.2.0" });
 * files.get("code-reviewer.md"); // Uint8Array
 */
export async function unpackAgent(options: UnpackAgentOptions): Promise<UnpackAgentResult> {
  checkOptions("unpackAgent", options, { tarball: "bytes", name: "string", subject: "string?", allowedFiles: "string[]?", limits: "object?" });
  const { tarball, name } = options;
  const subject = options.subject ?? name;
  const limits = resolveArchiveLimits(options.limits);
  const main = `${name}.md`;
  const allowed = allowedSet(main, options.allowedFiles ?? [], subject);
  if (tarball.length > limits.maxCompressedBytes) {
    throw unsafe(subject, `the tarball is ${tarball.length} bytes, more than the limit of ${limits.maxCompressedBytes}`);
  }
  const tar = await gunzipTarball(tarball, computeGunzipCap(limits), subject);
  const inspector = new EntryInspector(subject, allowed, limits);
  const kept = await readTarEntries(tar, subject, (entry) => inspector.inspect(entry));

  const files = new Map<string, Uint8Array>();
  for (const file of kept.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    files.set(file.path.slice(PREFIX.length), file.bytes);
  }
  if (!files.has(main)) {
    throw unsafe(subject, `the tarball has no '${PREFIX}${main}'`, "A tarball for this agent must hold its definition at package/<name>.md.");
  }
  const conflict = findPathConflict(files.keys());
  if (conflict !== undefined) throw unsafe(subject, conflict);
  return { files };
}

function allowedSet(main: string, declared: string[], subject: string): Set<string> {
  const allowed = new Set([main, ...declared]);
  for (const path of allowed) {
    const reason = checkArchivePath(path);
    if (reason !== undefined) {
      throw unsafe(subject, `the declared file '${path}' is not a safe path: it ${reason}`, "Fix the agent's name or its declared files in the packument.");
    }
  }
  return allowed;
}

/** Applies the rules to one entry header at a time, remembering what it has seen. */
class EntryInspector {
  readonly #seen = new Map<string, string>();
  readonly #folders = new Set<string>();
  #entries = 0;
  #total = 0;

  constructor(
    readonly subject: string,
    readonly allowed: Set<string>,
    readonly limits: ArchiveLimits,
  ) {
    for (const path of allowed) {
      const segments = path.split("/");
      for (let i = 1; i < segments.length; i++) this.#folders.add(segments.slice(0, i).join("/"));
    }
  }

  inspect(entry: ReadEntry): EntryDecision {
    const path = entry.path;
    this.#entries += 1;
    if (this.#entries > this.limits.maxEntries) {
      throw this.#refuse(path, `the tarball has more than ${this.limits.maxEntries} entries`);
    }
    const isFolder = entry.type === "Directory" && entry.header.type === "Directory";
    this.#checkType(entry, path, isFolder);
    // A folder entry may end in one `/`; the rest of the path must pass like any file's. node-tar
    // turns `\` into `/` in `entry.path` on Windows only, so the raw header path is checked too.
    const bare = isFolder && path.endsWith("/") ? path.slice(0, -1) : path;
    const raw = entry.header.path ?? "";
    for (const candidate of new Set([bare, isFolder && raw.endsWith("/") ? raw.slice(0, -1) : raw])) {
      const reason = checkArchivePath(candidate);
      if (reason !== undefined) throw this.#refuse(path, `entry '${path}' ${reason}`);
    }
    if (bare !== "package" && !bare.startsWith(PREFIX)) throw this.#refuse(path, `entry '${path}' is outside 'package/'`);
    const relative = bare.slice(PREFIX.length);
    this.#checkDuplicate(path, relative);
    if (isFolder) {
      if (relative !== "" && !this.#folders.has(relative)) {
        throw this.#refuse(path, `folder '${path}' holds no declared file`, undeclaredHint);
      }
      return "skip";
    }
    if (!this.allowed.has(relative)) {
      throw this.#refuse(path, `entry '${path}' is not a file this agent declares`, undeclaredHint);
    }
    this.#checkSize(entry, path);
    return "keep";
  }

  #checkType(entry: ReadEntry, path: string, isFolder: boolean): void {
    if (isFolder) return;
    // pax records can override the header's fields on the entry, so both must say "regular file".
    const odd = [entry.type, entry.header.type].find((type) => !FILE_TYPES.has(type));
    if (odd !== undefined) {
      throw this.#refuse(path, `entry '${path}' is ${describeType(odd, entry.meta)}; only regular files are allowed`);
    }
    if (entry.linkpath) throw this.#refuse(path, `entry '${path}' carries a link target ('${entry.linkpath}')`);
  }

  #checkDuplicate(path: string, relative: string): void {
    const key = foldArchivePath(relative);
    const earlier = this.#seen.get(key);
    if (earlier === path) throw this.#refuse(path, `entry '${path}' appears twice`);
    if (earlier !== undefined) {
      throw this.#refuse(path, `entries '${earlier}' and '${path}' are the same file on case-insensitive or Unicode-normalising file systems`);
    }
    this.#seen.set(key, path);
  }

  #checkSize(entry: ReadEntry, path: string): void {
    if (entry.size > this.limits.maxEntryBytes) {
      throw this.#refuse(path, `entry '${path}' is ${entry.size} bytes, more than the limit of ${this.limits.maxEntryBytes}`);
    }
    this.#total += entry.size;
    if (this.#total > this.limits.maxTotalBytes) {
      throw this.#refuse(path, `the files unpack to more than the limit of ${this.limits.maxTotalBytes} bytes`);
    }
  }

  #refuse(path: string, message: string, hint?: string): AgentregError {
    return unsafe(this.subject, message, hint, { entry: path });
  }
}

const undeclaredHint = "A tarball may hold only package/ plus the agent's own .md file and the files its version declares; do not install it.";

function describeType(type: string, meta: boolean): string {
  switch (type) {
    case "SymbolicLink":
      return "a symbolic link";
    case "Link":
      return "a hard link";
    case "CharacterDevice":
    case "BlockDevice":
      return "a device";
    case "FIFO":
      return "a FIFO";
    case "Directory":
      return "a folder";
    default:
      return meta ? `an oversized ${type} record` : `an entry of unsupported type '${type}'`;
  }
}

function unsafe(subject: string, message: string, hint?: string, details?: Record<string, unknown>): AgentregError {
  return new AgentregError(ErrorCode.UNSAFE_ARCHIVE, message, {
    subject,
    hint: hint ?? "The tarball may be malicious or damaged; do not install it. Report it to the registry owner.",
    details,
  });
}
