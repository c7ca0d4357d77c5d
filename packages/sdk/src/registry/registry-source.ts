import { AgentregError, ErrorCode } from "../errors.js";

/**
 * Where registry documents come from. A source only moves bytes; the client parses and checks them.
 * Every source serves the same static layout (DESIGN §3), addressed by registry-relative POSIX paths.
 */
export interface RegistrySource {
  /** The id recorded in the lockfile: `builtin`, a configured registry name, or the path/URL as given. */
  readonly id: string;
  /** Where the registry lives, for messages (never with secrets in it). */
  readonly location: string;
  /**
   * Reads one document; `undefined` when the registry has no such file. `check` throws if the bytes
   * are not a valid document; a caching source calls it before it stores anything, so a broken
   * answer never outlives the command that received it.
   */
  read(path: string, check?: (bytes: Uint8Array) => void): Promise<Uint8Array | undefined>;
  /** The lockfile's `resolved` value for a packument's `tarball` field; refuses one that leaves the registry. */
  resolveTarball(tarball: string): string;
  /**
   * Reads the tarball a `resolved` value names (`undefined` when missing). The caller verifies the
   * bytes against `integrity`; caches use it as the key.
   */
  readTarball(resolved: string, integrity: string): Promise<Uint8Array | undefined>;
  /**
   * What `readTarball` returns: a gzipped tarball of the agent (the default), or `"file"`, the agent
   * file itself (a git registry, whose versions are files at commits; its integrity is the file's).
   */
  readonly artifact?: "tarball" | "file";
  /** Releases network connections. */
  close?(): Promise<void>;
  /**
   * Checks, before any request to any registry, what this source will need to send one (its
   * `${VAR}`s are allowed and set); throws `E_CONFIG` otherwise. Not called for `--offline` runs.
   */
  prepare?(): void;
}

/**
 * Refuses registry-relative paths that could leave the registry root: a hostile packument must not be
 * able to point a `tarball` at `../../.ssh/id_ed25519`.
 */
export function isSafeRegistryPath(path: string): boolean {
  if (path.length === 0 || path.length > 1024) return false;
  if (path.startsWith("/") || path.includes("\\") || path.includes("\0") || /^[A-Za-z]:/.test(path)) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/**
 * A registry path fit to follow a registry's base in a URL or a lockfile: a safe path made only of
 * unreserved characters, so no percent-encoding (`%2e%2e` is `..` to a URL parser), query, fragment
 * or backslash can move it elsewhere once resolved.
 *
 * @example
 * isSafeTarballPath("tarballs/x/x-1.0.0.tgz"); // true
 * isSafeTarballPath("tarballs/%2e%2e/x.tgz");  // false
 */
export function isSafeTarballPath(path: string): boolean {
  return /^[A-Za-z0-9._~+@-]+(?:\/[A-Za-z0-9._~+@-]+)*$/.test(path) && isSafeRegistryPath(path);
}

/** What a path source is asked for: a JSON document or a tarball, which have different size caps. */
export type PathSourceFileKind = "document" | "tarball";

/**
 * A source whose tarballs live inside it at relative paths (the builtin snapshot, a local folder):
 * `resolved` is `<prefix><path>`.
 */
export function createPathSource(options: {
  id: string;
  location: string;
  prefix: string;
  read: (path: string, kind: PathSourceFileKind) => Promise<Uint8Array | undefined>;
}): RegistrySource {
  const { id, location, prefix, read } = options;
  const safeRead = (path: string): Promise<Uint8Array | undefined> => (isSafeRegistryPath(path) ? read(path, "document") : Promise.resolve(undefined));
  return {
    id,
    location,
    read: safeRead,
    resolveTarball(tarball) {
      if (!isSafeTarballPath(tarball)) {
        throw new AgentregError(ErrorCode.REGISTRY, `tarball path ${JSON.stringify(tarball)} leaves the registry`, {
          subject: location,
          hint: `The registry at ${location} is broken or hostile; report it to its owner.`,
        });
      }
      return prefix + tarball;
    },
    readTarball(resolved) {
      if (!resolved.startsWith(prefix) || !isSafeTarballPath(resolved.slice(prefix.length))) throw notOurs(id, resolved);
      return read(resolved.slice(prefix.length), "tarball");
    },
  };
}

export function notOurs(id: string, resolved: string): AgentregError {
  return new AgentregError(ErrorCode.LOCKFILE, `locked tarball ${resolved} is not a tarball of registry ${id}`, {
    subject: resolved,
    hint: "Restore agentreg.lock from version control, or delete this entry from it and run `agentreg install` to resolve the agent again.",
  });
}
