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
const IMPLAUSIBLE = /[\p{Cc}\p{Cn}\p{Co}]/u;
const FORMAT = /\p{Cf}/u;
/**
 * cp1252 bytes that, as characters, close a word: quotes, guillemets, dashes, ellipsis, bullet,
 * no-break space, middle dot, and the signs that follow a word (™, ®, ©, °). `IRMÃ”` (Portuguese, all caps, then a closing quote) reads as mojibake of `IRMÔ`.
 */
const CLOSING_BYTES = new Set([0x82, 0x84, 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9b, 0xa0, 0xa9, 0xab, 0xae, 0xb0, 0xb7, 0xbb]);
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
 * Real text can contain such pairs by chance (`CAFÉ’S` is the cp1252 reading of `ɒ`, `café–™` of a
 * CJK character), so a run counts as evidence only when chance is implausible: two or more sequences
 * in a row; a lone sequence of three or four bytes whose repair is plausible (punctuation, a symbol,
 * an emoji, or a script the text already uses); or a lone pair that decodes to a Latin-1, Latin
 * Extended-A or Greek character and is not a word-final capital followed by closing punctuation. One wrong decode damages every
 * non-ASCII character of a file, so once there is evidence every run is reported; without any,
 * none is.
 *
 * @example
 * findMojibake("**ðŸ§¹ CLEAN**")[0]; // { line: 1, column: 3, from: "ðŸ§¹", to: "🧹", index: 2, end: 6 }
 * findMojibake("Café, naïve, Straße"); // []
 */
export function findMojibake(text: string): MojibakeRun[] {
  const runs = findRuns(text);
  let scripts: Set<string> | undefined;
  const scriptsOutsideRuns = (): Set<string> => (scripts ??= scriptsOutside(text, runs));
  if (!runs.some((run) => isEvidence(text, run, scriptsOutsideRuns))) return [];
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

/**
 * Whether a run is implausible as real text (see {@link findMojibake}). A lone sequence of three or
 * four bytes counts only when what it repairs to is what double encoding typically hides (typographic
 * punctuation, a currency sign, ™, an emoji: `â€™` is `’`, `ðŸ§¹` is `🧹`) or a letter of a
 * non-Latin script the rest of the text already uses. An accented letter before typographic
 * punctuation (`é–™`, `ê…”`, `á»…`) also decodes, to a CJK, Yi, Hangul or rare Latin character, and
 * repairing it would bring into the text a script or symbol it has nowhere else.
 */
function isEvidence(text: string, run: Run, scriptsOutsideRuns: () => ReadonlySet<string>): boolean {
  if (run.codePoints.some(isTelltale)) return true;
  // Text that was real before the damage holds no control, unassigned or private-use characters, so
  // sequences that would repair to one are no evidence; two plausible ones in a row are.
  const plausibleSequences = run.codePoints.filter((point) => !isImplausible(point) && (point > 0x7ff || isLikelyTwoByteLetter(point)));
  if (plausibleSequences.length > 1) return true;
  const codePoint = plausibleSequences[0];
  if (codePoint === undefined) return false;
  if (codePoint > 0x7ff) {
    const script = scriptOf(codePoint);
    return script !== "Common" && script !== "Latin" && scriptsOutsideRuns().has(script);
  }
  // A lone pair is evidence only as a Latin or Greek letter: a Cyrillic, Hebrew or Arabic word is
  // two letters or more, which the touching-sequences rule above catches.
  if (!((codePoint >= 0xa0 && codePoint <= 0x17f) || (codePoint >= 0x386 && codePoint <= 0x3ce))) return false;
  const before = text.codePointAt(run.index - 1);
  const after = text.codePointAt(run.end);
  const wordFinalCapital =
    CLOSING_BYTES.has(run.trail) &&
    before !== undefined &&
    UPPERCASE.test(String.fromCodePoint(before)) &&
    (run.trail === APOSTROPHE || after === undefined || !LETTER.test(String.fromCodePoint(after)));
  return !wordFinalCapital;
}

/**
 * Characters of two UTF-8 bytes that real text is made of: Latin-1 and Latin Extended-A, and the
 * letters of Greek, Cyrillic, Hebrew and Arabic. Latin Extended-B, IPA, modifier letters and
 * combining marks are what chance pairs of cp1252 characters decode to far more often than text.
 */
function isLikelyTwoByteLetter(codePoint: number): boolean {
  return (
    (codePoint >= 0xa0 && codePoint <= 0x17f) ||
    (codePoint >= 0x386 && codePoint <= 0x3ce) ||
    (codePoint >= 0x400 && codePoint <= 0x4ff) ||
    (codePoint >= 0x5d0 && codePoint <= 0x5ea) ||
    (codePoint >= 0x620 && codePoint <= 0x64a)
  );
}

/** Controls, unassigned and private-use characters, and the format characters of two UTF-8 bytes (the soft hyphen, Arabic number signs): never what a double-encoded text held. */
function isImplausible(codePoint: number): boolean {
  const char = String.fromCodePoint(codePoint);
  return IMPLAUSIBLE.test(char) || (codePoint < 0x800 && FORMAT.test(char));
}

/** General punctuation, currency signs, ™ and emoji: what `â€…` and `ðŸ…` runs stand for. */
function isTelltale(codePoint: number): boolean {
  if ((codePoint >= 0x2000 && codePoint <= 0x206f) || (codePoint >= 0x20a0 && codePoint <= 0x20cf) || codePoint === 0x2122) return true;
  return codePoint >= 0x10000 && /\p{Extended_Pictographic}/u.test(String.fromCodePoint(codePoint));
}

/**
 * The scripts a repair may bring into a text. Common (punctuation, symbols, emoji) and Inherited
 * (combining marks) count as one; a script not listed here is too rare to be worth a guess.
 */
const SCRIPTS = ["Latin", "Greek", "Cyrillic", "Armenian", "Hebrew", "Arabic", "Devanagari", "Bengali", "Tamil", "Thai", "Georgian", "Hangul", "Hiragana", "Katakana", "Han", "Yi", "Ethiopic"] as const;
let scriptPatterns: Array<[string, RegExp]> | undefined;

function scriptOf(codePoint: number): string {
  const char = String.fromCodePoint(codePoint);
  if (/[\p{Script=Common}\p{Script=Inherited}]/u.test(char)) return "Common";
  // Compiled on first use: most texts never get here.
  scriptPatterns ??= SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, "u")]);
  return scriptPatterns.find(([, pattern]) => pattern.test(char))?.[0] ?? "Other";
}

/** The scripts of the non-ASCII characters outside the runs. */
function scriptsOutside(text: string, runs: Run[]): Set<string> {
  const scripts = new Set<string>();
  let from = 0;
  for (const run of [...runs, { index: text.length, end: text.length }]) {
    for (const char of text.slice(from, run.index)) {
      const codePoint = char.codePointAt(0) ?? 0;
      if (codePoint > 0x7f) scripts.add(scriptOf(codePoint));
    }
    from = run.end;
  }
  return scripts;
}

/** `String.fromCodePoint(...codePoints)` in slices: a damaged file can be one run of a million characters. */
function fromCodePoints(codePoints: number[]): string {
  let text = "";
  for (let start = 0; start < codePoints.length; start += 8192) text += String.fromCodePoint(...codePoints.slice(start, start + 8192));
  return text;
}
