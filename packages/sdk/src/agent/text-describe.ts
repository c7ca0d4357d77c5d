import { confusableName } from "./text-confusables.js";
import { checkArgument } from "../check-arguments.js";

/**
 * How findings name a character: `U+202E RIGHT-TO-LEFT OVERRIDE`. Only the characters the lint
 * reports are named (with the look-alikes of text-confusables.ts); any other code point is shown
 * by number alone.
 */
const NAMES: Record<number, string> = {
  0x7f: "DELETE",
  0xad: "SOFT HYPHEN",
  0x34f: "COMBINING GRAPHEME JOINER",
  0x61c: "ARABIC LETTER MARK",
  0x115f: "HANGUL CHOSEONG FILLER",
  0x1160: "HANGUL JUNGSEONG FILLER",
  0x17b4: "KHMER VOWEL INHERENT AQ",
  0x17b5: "KHMER VOWEL INHERENT AA",
  0x180b: "MONGOLIAN FREE VARIATION SELECTOR ONE",
  0x180c: "MONGOLIAN FREE VARIATION SELECTOR TWO",
  0x180d: "MONGOLIAN FREE VARIATION SELECTOR THREE",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x180f: "MONGOLIAN FREE VARIATION SELECTOR FOUR",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2061: "FUNCTION APPLICATION",
  0x2062: "INVISIBLE TIMES",
  0x2063: "INVISIBLE SEPARATOR",
  0x2064: "INVISIBLE PLUS",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0x206a: "INHIBIT SYMMETRIC SWAPPING",
  0x206b: "ACTIVATE SYMMETRIC SWAPPING",
  0x206c: "INHIBIT ARABIC FORM SHAPING",
  0x206d: "ACTIVATE ARABIC FORM SHAPING",
  0x206e: "NATIONAL DIGIT SHAPES",
  0x206f: "NOMINAL DIGIT SHAPES",
  0x2800: "BRAILLE PATTERN BLANK",
  0x3164: "HANGUL FILLER",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
  0xffa0: "HALFWIDTH HANGUL FILLER",
  0xfff9: "INTERLINEAR ANNOTATION ANCHOR",
  0xfffa: "INTERLINEAR ANNOTATION SEPARATOR",
  0xfffb: "INTERLINEAR ANNOTATION TERMINATOR",
  0x1d159: "MUSICAL SYMBOL NULL NOTEHEAD",
  0xe0001: "LANGUAGE TAG",
  0xe007f: "CANCEL TAG",
};

/** The C0 controls by their standard abbreviations (ISO 6429), which is what people search for. */
const C0 = "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US".split(" ");
const C1 = "PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 DCS PU1 PU2 STS CCH MW SPA EPA SOS SGCI SCI CSI ST OSC PM APC".split(" ");

/**
 * The code point in the form Unicode charts use.
 *
 * @example
 * formatCodePoint(0x202e);  // "U+202E"
 * formatCodePoint(0xe0049); // "U+E0049"
 */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The code point and, when known, its Unicode name or control abbreviation.
 *
 * @example
 * describeCodePoint(0x200b);  // "U+200B ZERO WIDTH SPACE"
 * describeCodePoint(0xe0049); // "U+E0049 TAG LATIN CAPITAL LETTER I"
 * describeCodePoint(0x1b);    // "U+001B ESC"
 */
export function describeCodePoint(codePoint: number): string {
  const name = nameOf(codePoint);
  return name === undefined ? formatCodePoint(codePoint) : `${formatCodePoint(codePoint)} ${name}`;
}

/**
 * Replaces every character a terminal would not show as itself (controls, format characters,
 * default-ignorable code points, line and paragraph separators) with `<U+XXXX>`, so a message that
 * quotes agent text cannot hide or reorder what the user reads (Trojan Source, CVE-2021-42574).
 *
 * @example
 * escapeInvisible("a\u202Eb\u001B"); // "a<U+202E>b<U+001B>"
 */
export function escapeInvisible(text: string): string {
  checkArgument("escapeInvisible", "text", text, "string");
  return text.replace(/[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/gu, (char) => `<${formatCodePoint(char.codePointAt(0) ?? 0)}>`);
}

/**
 * A short, safe quotation of agent text for a message: at most `max` code points, then `…`, with
 * invisible characters escaped as {@link escapeInvisible} does.
 *
 * @example
 * quoteExcerpt("ðŸ§¹"); // "ðŸ§¹"
 * quoteExcerpt("a".repeat(50), 3); // "aaa…"
 */
export function quoteExcerpt(text: string, max = 40): string {
  let count = 0;
  let end = 0;
  for (const char of text) {
    if (count === max) return `${escapeInvisible(text.slice(0, end))}…`;
    count++;
    end += char.length;
  }
  return escapeInvisible(text);
}

function nameOf(codePoint: number): string | undefined {
  if (codePoint < 0x20) return C0[codePoint];
  if (codePoint >= 0x80 && codePoint <= 0x9f) return C1[codePoint - 0x80];
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return `VARIATION SELECTOR-${codePoint - 0xfe00 + 1}`;
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return `VARIATION SELECTOR-${codePoint - 0xe0100 + 17}`;
  if (codePoint >= 0xe0020 && codePoint <= 0xe007e) return `TAG ${asciiName(codePoint - 0xe0000)}`;
  return NAMES[codePoint] ?? confusableName(codePoint);
}

/** The name of a printable ASCII character as the tag block's names spell it. */
function asciiName(ascii: number): string {
  const char = String.fromCharCode(ascii);
  if (char >= "A" && char <= "Z") return `LATIN CAPITAL LETTER ${char}`;
  if (char >= "a" && char <= "z") return `LATIN SMALL LETTER ${char.toUpperCase()}`;
  if (char >= "0" && char <= "9") return `DIGIT ${DIGITS[ascii - 0x30] ?? char}`;
  return ASCII_PUNCTUATION[char] ?? `'${char}'`;
}

const DIGITS = "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE".split(" ");
const ASCII_PUNCTUATION: Record<string, string> = {
  " ": "SPACE",
  "!": "EXCLAMATION MARK",
  '"': "QUOTATION MARK",
  "'": "APOSTROPHE",
  ",": "COMMA",
  "-": "HYPHEN-MINUS",
  ".": "FULL STOP",
  ":": "COLON",
  ";": "SEMICOLON",
  "?": "QUESTION MARK",
};
