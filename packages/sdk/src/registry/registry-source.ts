/**
 * Where registry documents come from. A source only moves bytes; the client parses and checks them.
 * Every source serves the same static layout (DESIGN §3), addressed by registry-relative POSIX paths.
 */
export interface RegistrySource {
  /** The id recorded in the lockfile: `builtin`, a configured registry name, or the path/URL as given. */
  readonly id: string;
  /** Where the registry lives, for messages. */
  readonly location: string;
  /** Reads one document; `undefined` when the registry has no such file. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** The `resolved` value a lockfile records for a registry-relative path. */
  resolvedUrl(path: string): string;
  /** The registry-relative path back from a lockfile's `resolved` value, or `undefined` if it is not ours. */
  pathOf(resolved: string): string | undefined;
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
