import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The bundle's lazily compiled parts (the core, undici, tar) travel in one block comment at the end of
 * dist/agentreg.cjs. As string literals they cost ~6 ms of scanning on every start, `--version`
 * included; V8 skips a comment far faster, and the parts are read from the file only when a command
 * needs them. The comment is written by scripts/bundle.mjs:
 *
 *     /*agentreg-parts {"core":{"offset":0,"length":N,"hash":"…"},…}\n<core text><undici text>…*\/
 *
 * Offsets count from the line after the header. The file is pure ASCII (esbuild escapes the rest),
 * so characters and bytes agree. A `*\/` inside a part would end the comment early, so the bundler
 * writes it as `*\x01/` and marks the part `escaped`.
 */
export const PARTS_MARKER = "/*agentreg-parts ";
export const ESCAPED_COMMENT_END = "*\u0001/";

export interface BundledPart {
  code: string;
  /**
   * sha256 (hex) of `code` itself, computed by the bundler: the key of the part's V8 code cache. V8
   * would accept another part's cache for any code of the same length, so this must be the content's.
   */
  hash: string;
}

interface PartHeader {
  offset: number;
  length: number;
  hash: string;
  escaped?: boolean;
}

/** Reads the parts from the running bundle; undefined when the code is not running from a bundle. */
export function readBundledParts(): Map<string, BundledPart> | undefined {
  return parseBundledParts(readFileSync(fileURLToPath(import.meta.url), "latin1"));
}

/**
 * The parts carried by a bundle's text; undefined when it has none.
 *
 * @example
 * parseBundledParts(readFileSync("dist/agentreg.cjs", "latin1"))?.get("core")?.hash;
 */
export function parseBundledParts(text: string): Map<string, BundledPart> | undefined {
  const at = text.lastIndexOf(PARTS_MARKER);
  if (at === -1) return undefined;
  const headerEnd = text.indexOf("\n", at);
  const headers = JSON.parse(text.slice(at + PARTS_MARKER.length, headerEnd)) as Record<string, PartHeader>;
  const body = headerEnd + 1;
  const parts = new Map<string, BundledPart>();
  for (const [name, part] of Object.entries(headers)) {
    const raw = text.slice(body + part.offset, body + part.offset + part.length);
    parts.set(name, { code: part.escaped ? raw.replaceAll(ESCAPED_COMMENT_END, "*/") : raw, hash: part.hash });
  }
  return parts;
}
