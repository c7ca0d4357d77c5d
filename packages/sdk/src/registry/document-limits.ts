import { DEFAULT_ARCHIVE_LIMITS } from "../archive/archive-limits.js";
import { registryPaths } from "./protocol.js";

/**
 * The most bytes agentreg reads of one registry file, whatever the transport: an HTTP body and a file
 * in a registry folder are capped alike, so a hostile registry cannot exhaust memory by serving its
 * files from disk (a symlink to /dev/zero, a sparse 100 GiB file) instead of over the network.
 */
export const REGISTRY_FILE_LIMITS = Object.freeze({
  /** The index of a 10,000-agent registry is a few MiB; anything far larger is not an index. */
  index: 64 * 1024 * 1024,
  /** A packument or keys.json: hundreds of versions with their frontmatter fit in well under 1 MiB. */
  document: 8 * 1024 * 1024,
  /** A tarball: the compressed size an unpacked agent may have (archive-limits.ts). */
  tarball: DEFAULT_ARCHIVE_LIMITS.maxCompressedBytes,
});

/**
 * The cap for one registry-relative document path: the index's, or a packument's.
 *
 * @example
 * maxDocumentBytes("index.json");          // 67108864
 * maxDocumentBytes("agents/reviewer.json"); // 8388608
 */
export function maxDocumentBytes(path: string): number {
  return path === registryPaths.index ? REGISTRY_FILE_LIMITS.index : REGISTRY_FILE_LIMITS.document;
}
