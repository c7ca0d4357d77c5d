import { cp1252ByteOf } from "./text-cp1252.js";
import { createPositionFinder } from "./text-position.js";

/** One damaged run of text and what it stands for. */
export interface MojibakeRepair {
  /** 1-based line of the run's first character. */
  line: number;
  /** 1-based column of the run's first character, in code points. */
  column: number;
  /** The damaged text, as it is in the file (`ðŸ§¹`). */
  from: string;
  /** The text it was before the damage (`🧹`). */
  to: string;
}

/** A repair with where it is in the string, for callers that rewrite the text or its bytes. */
export interface MojibakeRun extends MojibakeRepair {
  /** UTF-16 index of the run's first character. */
  index: number;
  /** UTF-16 index just after the run. */
  end: number;
}

export interface RepairMojibakeResult {
  text: string;
  repairs: MojibakeRepair[];
}

/** Characters that can start a multi-byte UTF-8 sequence once read back as cp1252 (bytes C2–F4). */
const LEAD = /[\u00c2-\u00f4]/g;
const LETTER = /\p{L}/u;
const UPPERCASE = /\p{Lu}/u;
/**
 * cp1252 bytes that, as characters, close a word: quotes, guillemets, dashes, ellipsis, no-break
 * space. `IRMÃ”` (Portuguese, all caps, then a closing quote) reads as mojibake of `IRMÔ`.
 */
const CLOSING_BYTES = new Set([0x82, 0x84, 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x9b, 0xa0, 0xab, 0xbb]);
/** The apostrophe closes a word even before a letter: `IRMÃ’s`, `PÅ’n`. */
const APOSTROPHE = 0x92;

/** Touching UTF-8 sequences found in the text: `Ã©Ã¨` is one run, `Ã©tÃ©` two. */
interface Run {
  index: number;
  end: number;
  /** What each sequence decodes to. */
  codePoints: number[];
  /** The last byte of the first sequence, which the plausibility test of a lone pair needs. */
  trail: number;
}

/**
 * Finds text that was UTF-8, was decoded as cp1252 or Latin-1, and was saved again as UTF-8: runs
 * of characters whose cp1252 bytes form valid multi-byte UTF-8 (`Ã©` is `é`, `â€™` is `’`, `ðŸ§¹`
 * is `🧹`).
 *
 * Real text can contain such pairs by chance (`CAFÉ’S` is the cp1252 reading of `ɒ`), so a run
 * counts as evidence only when chance is implausible: a sequence of three or four bytes, two or more
 * sequences in a row, or a lone pair that decodes to a Latin-1, Latin Extended-A or Greek character
 * and is not a word-final capital followed by closing punctuation. One wrong decode damages every
 * non-ASCII character of a file, so once there is evidence every run is reported; without any,
 * none is.
 *
 * @example
 * findMojibake("**ðŸ§¹ CLEAN**")[0]; // { line: 1, column: 3, from: "ðŸ§¹", to: "🧹", index: 2, end: 6 }
 * findMojibake("Café, naïve, Straße"); // []
 */
export function findMojibake(text: string): MojibakeRun[] {
  const runs = findRuns(text);
  if (!runs.some((run) => isEvidence(text, run))) return [];
  const positionOf = createPositionFinder(text);
  return runs.map(({ index, end, codePoints }) => {
    const { line, column } = positionOf(index);
    return { line, column, from: text.slice(index, end), to: fromCodePoints(codePoints), index, end };
  });
}

/**
 * Returns the text with every mojibake run {@link findMojibake} reports replaced by what it stands
 * for; text without evidence of damage comes back unchanged.
 *
 * @example
 * repairMojibake("Ã©tÃ© â€œhotâ€\u009D ðŸ§¹").text; // "été “hot” 🧹"
 */
export function repairMojibake(text: string): RepairMojibakeResult {
  const runs = findMojibake(text);
  let repaired = "";
  let from = 0;
  for (const run of runs) {
    repaired += text.slice(from, run.index) + run.to;
    from = run.end;
  }
  repaired += text.slice(from);
  return { text: repaired, repairs: runs.map(({ line, column, from, to }) => ({ line, column, from, to })) };
}

/** Every run of consecutive characters whose cp1252 bytes form valid multi-byte UTF-8. */
function findRuns(text: string): Run[] {
  const runs: Run[] = [];
  const lead = new RegExp(LEAD);
  for (let match = lead.exec(text); match !== null; match = lead.exec(text)) {
    const index = match.index;
    const sequence = sequenceAt(text, index);
    if (sequence === undefined) continue;
    const last = runs.at(-1);
    if (last !== undefined && last.end === index) {
      last.codePoints.push(sequence.codePoint);
      last.end = sequence.end;
    } else {
      runs.push({ index, end: sequence.end, codePoints: [sequence.codePoint], trail: sequence.trail });
    }
    lead.lastIndex = sequence.end;
  }
  return runs;
}

/** The UTF-8 sequence starting at `index`, with the lead-byte ranges of RFC 3629 §4. */
function sequenceAt(text: string, index: number): { end: number; codePoint: number; trail: number } | undefined {
  const lead = text.charCodeAt(index);
  const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  // No overlong forms (E0, F0), no surrogates (ED), nothing above U+10FFFF (F4).
  const lower = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const upper = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  let codePoint = lead & (0x7f >> length);
  let trail = 0;
  for (let k = 1; k < length; k++) {
    const byte = cp1252ByteOf(text.charCodeAt(index + k));
    if (byte === undefined || byte < (k === 1 ? lower : 0x80) || byte > (k === 1 ? upper : 0xbf)) return undefined;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    trail = byte;
  }
  return { end: index + length, codePoint, trail };
}

/** Whether a run is implausible as real text (see {@link findMojibake}). */
function isEvidence(text: string, run: Run): boolean {
  const codePoint = run.codePoints[0] ?? 0;
  if (run.codePoints.length > 1 || codePoint > 0x7ff) return true;
  const plausible = (codePoint >= 0xa0 && codePoint <= 0x17f) || (codePoint >= 0x386 && codePoint <= 0x3ce);
  if (!plausible) return false;
  const before = text.codePointAt(run.index - 1);
  const after = text.codePointAt(run.end);
  const wordFinalCapital =
    CLOSING_BYTES.has(run.trail) &&
    before !== undefined &&
    UPPERCASE.test(String.fromCodePoint(before)) &&
    (run.trail === APOSTROPHE || after === undefined || !LETTER.test(String.fromCodePoint(after)));
  return !wordFinalCapital;
}

/** `String.fromCodePoint(...codePoints)` in slices: a damaged file can be one run of a million characters. */
function fromCodePoints(codePoints: number[]): string {
  let text = "";
  for (let start = 0; start < codePoints.length; start += 8192) text += String.fromCodePoint(...codePoints.slice(start, start + 8192));
  return text;
}
