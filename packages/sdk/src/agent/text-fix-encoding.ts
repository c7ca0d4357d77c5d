import { findMojibake, type MojibakeRepair } from "./lint-mojibake.js";
import { decodeUtf8 } from "./lint-utf8.js";
import { cp1252ByteOf } from "./text-cp1252.js";
import { checkArgument } from "../check-arguments.js";

export interface FixEncodingResult {
  /** The repaired bytes; the input itself when there was nothing to repair. */
  bytes: Uint8Array;
  repairs: MojibakeRepair[];
}

/**
 * Repairs mojibake in a file's bytes for `validate --fix-encoding`: each damaged run is replaced by
 * the UTF-8 bytes it stands for, and every other byte stays as it was (line endings, a BOM, even
 * invalid UTF-8 elsewhere). Install never calls this: agentreg changes bytes only when asked.
 *
 * @example
 * const { bytes, repairs } = fixEncoding(await readFile("reviewer.md"));
 * if (repairs.length > 0) await writeFile("reviewer.md", bytes);
 */
export function fixEncoding(bytes: Uint8Array): FixEncodingResult {
  checkArgument("fixEncoding", "bytes", bytes, "bytes");
  const { text, offsets } = decodeUtf8(bytes);
  const runs = findMojibake(text);
  if (runs.length === 0) return { bytes, repairs: [] };

  // Each damaged character is at least two bytes in the file and one once repaired, so the
  // result is shorter than the input.
  const fixed = new Uint8Array(bytes.length);
  let length = 0;
  let from = 0;
  for (const run of runs) {
    // A run's characters are all valid UTF-8 in the file, so its start and end fall on byte offsets.
    const start = offsets[run.index] ?? bytes.length;
    fixed.set(bytes.subarray(from, start), length);
    length += start - from;
    // The repair is the bytes the damaged characters were decoded from, one per character.
    for (let index = run.index; index < run.end; index++) fixed[length++] = cp1252ByteOf(text.charCodeAt(index)) ?? 0;
    from = offsets[run.end] ?? bytes.length;
  }
  fixed.set(bytes.subarray(from), length);
  length += bytes.length - from;
  return { bytes: fixed.slice(0, length), repairs: runs.map(({ line, column, from, to }) => ({ line, column, from, to })) };
}
