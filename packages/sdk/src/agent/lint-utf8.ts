import { makeFinding, type LintFinding } from "./lint-finding.js";

export interface DecodeUtf8Result {
  /** The text, with U+FFFD for each invalid sequence exactly as `TextDecoder` decodes it. */
  text: string;
  /** For each UTF-16 unit of `text` (and once more for its end): the byte offset it came from. */
  offsets: Uint32Array;
  /** One `invalid-utf8` finding for each stretch of bytes that is not UTF-8. */
  findings: LintFinding[];
}

const REPLACEMENT = 0xfffd;

/**
 * Decodes UTF-8 the way the WHATWG Encoding standard does (a byte order mark is kept, every
 * maximal invalid subpart becomes one U+FFFD) while remembering where each character came from and
 * where the bytes are not UTF-8: overlong forms, surrogates, code points past U+10FFFF, stray
 * continuation bytes and truncated sequences.
 *
 * @example
 * const { text, findings } = decodeUtf8(Uint8Array.of(0x63, 0x61, 0x66, 0xe9)); // "caf" then Latin-1 "é"
 * text;               // "caf\uFFFD"
 * findings[0].offset; // 3
 */
export function decodeUtf8(bytes: Uint8Array): DecodeUtf8Result {
  const units = new Uint16Array(bytes.length);
  const offsets = new Uint32Array(bytes.length + 1);
  const invalid: Array<{ start: number; end: number; line: number; column: number }> = [];
  let length = 0;
  let line = 1;
  let column = 1;

  const emit = (codePoint: number, start: number): void => {
    if (codePoint > 0xffff) {
      offsets[length] = start;
      units[length++] = 0xd800 + ((codePoint - 0x10000) >> 10);
      offsets[length] = start;
      units[length++] = 0xdc00 + ((codePoint - 0x10000) & 0x3ff);
    } else {
      offsets[length] = start;
      units[length++] = codePoint;
    }
    if (codePoint === 0x0a) {
      line++;
      column = 1;
    } else {
      column++;
    }
  };
  const fail = (start: number, end: number): void => {
    const last = invalid.at(-1);
    if (last !== undefined && last.end === start) last.end = end;
    else invalid.push({ start, end, line, column });
    emit(REPLACEMENT, start);
  };

  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at] ?? 0;
    if (lead < 0x80) {
      emit(lead, at++);
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (need === 0) {
      fail(at, at + 1);
      at++;
      continue;
    }
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    let lower = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    let upper = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    let codePoint = lead & (0x3f >> need);
    let seen = 0;
    while (seen < need) {
      const byte = bytes[at + 1 + seen];
      if (byte === undefined || byte < lower || byte > upper) break;
      codePoint = (codePoint << 6) | (byte & 0x3f);
      lower = 0x80;
      upper = 0xbf;
      seen++;
    }
    if (seen === need) emit(codePoint, at);
    else fail(at, at + 1 + seen);
    at += 1 + seen;
  }
  offsets[length] = bytes.length;

  return {
    text: unitsToString(units, length),
    offsets: offsets.slice(0, length + 1),
    findings: invalid.map(({ start, end, line, column }) => {
      const shown = [...bytes.subarray(start, Math.min(end, start + 8))].map((byte) => byte.toString(16).toUpperCase().padStart(2, "0"));
      const more = end - start > 8 ? " …" : "";
      const count = end - start === 1 ? "1 byte" : `${end - start} bytes`;
      return makeFinding(
        "invalid-utf8",
        `invalid UTF-8 at byte ${start} (${count}: ${shown.join(" ")}${more}); the file is damaged or not UTF-8 (Latin-1 or cp1252?)`,
        { line, column, offset: start },
      );
    }),
  };
}

/** Builds the string in slices, since spreading millions of units into one call overflows the stack. */
function unitsToString(units: Uint16Array, length: number): string {
  let text = "";
  for (let start = 0; start < length; start += 8192) {
    text += String.fromCharCode(...units.subarray(start, Math.min(length, start + 8192)));
  }
  return text;
}
