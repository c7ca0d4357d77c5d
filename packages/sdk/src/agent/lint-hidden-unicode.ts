import { makeFinding, type LintFinding } from "./lint-finding.js";
import { describeCodePoint, formatCodePoint } from "./text-describe.js";
import { createPositionFinder } from "./text-position.js";

const NON_ASCII = /[^\x00-\x7f]/;

/** How much of a hidden tag text a message spells out; enough to show what it says. */
const MAX_SPELLED = 200;

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const VS16 = 0xfe0f;
const VS15 = 0xfe0e;
const WAVING_BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;

/**
 * The subdivision flags that are recommended for general interchange (UTS #51, emoji-sequences.txt,
 * RGI_Emoji_Tag_Sequence): England, Scotland and Wales. Any other tag letters on 🏴 draw as a plain
 * black flag in every vendor's font, so the letters are invisible: a place to hide text.
 */
const RGI_SUBDIVISIONS = new Set(["gbeng", "gbsct", "gbwls"]);

/**
 * The Unicode property patterns, compiled on first use: building them cost every command ~2 ms at
 * start-up, and only text with a non-ASCII character needs them.
 */
function patterns(): UnicodePatterns {
  return (compiled ??= compilePatterns());
}

type UnicodePatterns = ReturnType<typeof compilePatterns>;
let compiled: UnicodePatterns | undefined;

function compilePatterns() {
  return {
    /**
     * Characters a reader cannot see: every format character (general category Cf) and every
     * default-ignorable code point (which adds Hangul fillers, variation selectors, the combining
     * grapheme joiner and unassigned tag code points). Each one is then judged in its context.
     * U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (Zl, Zp) count too: editors draw them as
     * a line break, terminals as nothing, while YAML and Markdown read no break at all, so a
     * reviewer can see `tools: Bash` on a line of its own that is really the end of `description`.
     * Nothing an agent says needs them, so they block like the rest.
     */
    invisible: /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/u,
    bidiControl: /\p{Bidi_Control}/u,
    pictographic: /\p{Extended_Pictographic}/u,
    emojiModifier: /\p{Emoji_Modifier}/u,
    letterOrMark: /[\p{L}\p{M}]/u,
    ideograph: /\p{Ideographic}/u,
    mongolian: /\p{Script=Mongolian}/u,
    /** What VS15 (text) and VS16 (emoji presentation) can follow: emoji, keycap digits, `#` and `*`. */
    emoji: /\p{Emoji}/u,
    /**
     * What VS1–VS14 can follow, approximating Unicode's StandardizedVariants.txt by its bases: Han
     * ideographs (CJK compatibility variants), mathematical symbols (`≩ + VS1`), Myanmar, Phags-pa,
     * Manichaean and Egyptian hieroglyphs, the digit zero (slashed), and the quotation marks and
     * CJK punctuation that have fullwidth or centred forms.
     */
    standardizedBase:
      /[\p{Ideographic}\p{Sm}\p{Script=Myanmar}\p{Script=Phags_Pa}\p{Script=Manichaean}\p{Script=Egyptian_Hieroglyphs}0\u2018\u2019\u201C\u201D\u3001\u3002\uFF01\uFF0C\uFF0E\uFF1A\uFF1B\uFF1F]/u,
    /**
     * Scripts whose spelling needs ZWNJ and ZWJ between letters: Persian `می\u200Cخواهم`, Hindi
     * `क्\u200Dष`, Malayalam chillu forms (Unicode §23.2, "Layout Controls").
     */
    joiningScripts: [
      "Arabic", "Syriac", "Nko", "Mongolian", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil",
      "Telugu", "Kannada", "Malayalam", "Sinhala", "Myanmar", "Khmer", "Tibetan",
    ].map((script) => new RegExp(`\\p{Script=${script}}`, "u")),
  };
}

/** The viramas of the Indic scripts above: a joiner after one selects a half or chillu form. */
const VIRAMAS = new Set([
  0x94d, 0x9cd, 0xa4d, 0xacd, 0xb4d, 0xbcd, 0xc4d, 0xccd, 0xd3b, 0xd3c, 0xd4d, 0xdca, 0xf84, 0x1039, 0x103a, 0x17d2,
]);

/**
 * Prepended concatenation marks (Arabic number signs and the like) are Cf but visible: they draw a
 * sign that spans the digits after them, so they hide nothing.
 */
const VISIBLE_FORMAT = new Set([0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6dd, 0x70f, 0x890, 0x891, 0x8e2, 0x110bd, 0x110cd]);

type HiddenRule = "hidden-unicode" | "bidi-control" | "bom";

interface Hit {
  ruleId: HiddenRule;
  index: number;
  end: number;
  codePoints: number[];
}

/**
 * Reports invisible characters that could hide text from a human reviewer while the model reads it:
 * tag characters, bidirectional controls, zero-width characters, variation selectors, line and
 * paragraph separators and other format characters, each run of them once, at its line and column.
 * What writing systems and emoji need passes: ZWJ inside emoji sequences (👨\u200D👩\u200D👧), ZWNJ/ZWJ
 * inside Arabic-script and Indic words, the England, Scotland and Wales flags (🏴 then `gbeng` in tag
 * letters then CANCEL TAG), and a variation selector after a character it has a variant for.
 *
 * @example
 * findHiddenUnicode("Review the code.\u{E0049}\u{E0067}");
 * // [{ ruleId: "hidden-unicode", line: 1, column: 17, codePoint: "U+E0049", message: '2 hidden tag characters spell "Ig"…' }]
 * findHiddenUnicode("می\u200Cخواهم 👨\u200D👩\u200D👧"); // []
 */
export function findHiddenUnicode(text: string): LintFinding[] {
  // Every character this looks for is outside ASCII; most agent files are ASCII throughout.
  if (!NON_ASCII.test(text)) return [];
  const hits: Hit[] = [];
  const invisible = new RegExp(patterns().invisible.source, "gu");
  for (let match = invisible.exec(text); match !== null; match = invisible.exec(text)) {
    const index = match.index;
    const codePoint = text.codePointAt(index) ?? 0;
    if (isTag(codePoint)) {
      invisible.lastIndex = tagHits(text, index, hits);
      continue;
    }
    const ruleId = judge(text, index, codePoint);
    if (ruleId !== undefined) hits.push({ ruleId, index, end: index + match[0].length, codePoints: [codePoint] });
  }
  const positionOf = createPositionFinder(text);
  return mergeAdjacent(hits).map((hit) => toFinding(hit, positionOf(hit.index)));
}

/** Which rule an invisible character breaks, or undefined when its context makes it legitimate. */
function judge(text: string, index: number, codePoint: number): HiddenRule | undefined {
  if (patterns().bidiControl.test(String.fromCodePoint(codePoint))) return "bidi-control";
  if (codePoint === 0xfeff && index === 0) return "bom";
  if (VISIBLE_FORMAT.has(codePoint)) return undefined;
  if (codePoint === ZWJ || codePoint === ZWNJ) return isNeededJoiner(text, index, codePoint) ? undefined : "hidden-unicode";
  if (isVariationSelector(codePoint)) return isNeededSelector(text, index, codePoint) ? undefined : "hidden-unicode";
  return "hidden-unicode";
}

/** ZWJ between two pictographs (modifiers and VS16 allowed before it), or a joiner inside a word. */
function isNeededJoiner(text: string, index: number, codePoint: number): boolean {
  const before = codePointBefore(text, index);
  const after = text.codePointAt(index + 1);
  if (before === undefined) return false;
  if (codePoint === ZWJ && after !== undefined && isPictographic(after) && isPictographic(emojiBaseBefore(text, index))) return true;
  if (after !== undefined && sameJoiningScript(before, after)) return true;
  // After a virama the joiner picks a half form or, word-finally, a Malayalam chillu; it must not
  // start a chain of invisible characters, which would be a place to hide bits.
  return VIRAMAS.has(before) && (after === undefined || !patterns().invisible.test(String.fromCodePoint(after)));
}

/** The code point before the emoji modifiers and VS16 that precede `index`. */
function emojiBaseBefore(text: string, index: number): number | undefined {
  let at = index;
  for (;;) {
    const before = codePointBefore(text, at);
    if (before === undefined) return undefined;
    if (before !== VS16 && !patterns().emojiModifier.test(String.fromCodePoint(before))) return before;
    at -= before > 0xffff ? 2 : 1;
  }
}

function sameJoiningScript(before: number, after: number): boolean {
  const a = String.fromCodePoint(before);
  const b = String.fromCodePoint(after);
  if (!patterns().letterOrMark.test(a) || !patterns().letterOrMark.test(b)) return false;
  return patterns().joiningScripts.some((script) => script.test(a) && script.test(b));
}

/**
 * A variation selector picks a glyph for the character right before it, and only for a character
 * that has variation sequences. Anywhere else it selects nothing and shows nothing, which is how
 * "emoji smuggling" hides bytes: one selector after each letter, or a run of them after an emoji.
 * VS15/VS16 follow emoji; VS1–VS14 the bases of standardized variation sequences; ideographic
 * selectors (VS17–VS256) ideographs; Mongolian free variation selectors Mongolian letters.
 */
function isNeededSelector(text: string, index: number, codePoint: number): boolean {
  const before = codePointBefore(text, index);
  if (before === undefined) return false;
  const base = String.fromCodePoint(before);
  if (patterns().invisible.test(base)) return false;
  if (codePoint >= 0xe0100) return patterns().ideograph.test(base);
  if (codePoint === VS15 || codePoint === VS16) return patterns().emoji.test(base);
  if (codePoint >= 0xfe00) return patterns().standardizedBase.test(base);
  return patterns().mongolian.test(base) && patterns().letterOrMark.test(base);
}

/**
 * Records the tag characters of the run starting at `start` and returns where the run ends. A run
 * is legitimate only as one of the three RGI subdivision flags: 🏴, then `gbeng`, `gbsct` or
 * `gbwls` in tag letters, then CANCEL TAG. Whatever follows the flag's CANCEL TAG is reported.
 */
function tagHits(text: string, start: number, hits: Hit[]): number {
  let end = start;
  while (isTag(text.codePointAt(end) ?? 0)) end += 2;
  let from = start;
  if (codePointBefore(text, start) === WAVING_BLACK_FLAG) {
    // Each tag is a surrogate pair; a subdivision id is five of them, then CANCEL TAG.
    let id = "";
    for (let at = start; at < start + 10 && at < end; at += 2) id += String.fromCharCode((text.codePointAt(at) ?? 0) - 0xe0000);
    if (RGI_SUBDIVISIONS.has(id) && text.codePointAt(start + 10) === CANCEL_TAG) from = start + 12;
  }
  if (from < end) {
    const codePoints: number[] = [];
    for (let at = from; at < end; at += 2) codePoints.push(text.codePointAt(at) ?? 0);
    hits.push({ ruleId: "hidden-unicode", index: from, end, codePoints });
  }
  return end;
}

/** Joins hits of one rule that touch, so a hidden payload is one finding, not one per character. */
function mergeAdjacent(hits: Hit[]): Hit[] {
  const merged: Hit[] = [];
  for (const hit of hits) {
    const last = merged.at(-1);
    if (last !== undefined && last.end === hit.index && last.ruleId === hit.ruleId && hit.ruleId !== "bom") {
      last.end = hit.end;
      // One by one: spreading a run of a million tag characters into push() overflows the stack.
      for (const codePoint of hit.codePoints) last.codePoints.push(codePoint);
    } else {
      merged.push({ ...hit, codePoints: [...hit.codePoints] });
    }
  }
  return merged;
}

function toFinding(hit: Hit, position: { line: number; column: number }): LintFinding {
  const codePoint = formatCodePoint(hit.codePoints[0] ?? 0);
  const fields = { ...position, codePoint };
  if (hit.ruleId === "bom") {
    return makeFinding(
      "bom",
      "the file starts with a byte order mark (U+FEFF); UTF-8 needs none, and a tool that expects `---` on the first line may not see the frontmatter",
      fields,
    );
  }
  const count = hit.codePoints.length;
  const names = count === 1 ? [describeCodePoint(hit.codePoints[0] ?? 0)] : [...new Set(hit.codePoints)].map(describeCodePoint);
  const listed = names.length > 3 ? `${names.slice(0, 3).join(", ")}, …` : names.join(", ");
  if (hit.ruleId === "bidi-control") {
    const what = count === 1 ? `bidirectional control ${listed}` : `${count} bidirectional controls (${listed})`;
    return makeFinding("bidi-control", `${what}: the text may display in a different order than the model reads it`, fields);
  }
  const tags = hit.codePoints.filter(isTag);
  if (tags.length === count) {
    const spelled = tags.slice(0, MAX_SPELLED).map((tag) => (tag >= 0xe0020 && tag <= 0xe007e ? String.fromCharCode(tag - 0xe0000) : `<${formatCodePoint(tag)}>`));
    const more = count > MAX_SPELLED ? "…" : "";
    const what = count === 1 ? `hidden tag character ${listed}` : `${count} hidden tag characters spell "${spelled.join("")}${more}"`;
    return makeFinding("hidden-unicode", `${what}: invisible to a reviewer, but the model reads ${count === 1 ? "it" : "them"}`, fields);
  }
  const what = count === 1 ? `hidden character ${listed}` : `${count} hidden characters (${listed})`;
  return makeFinding("hidden-unicode", `${what}: invisible to a reviewer, but the model reads ${count === 1 ? "it" : "them"}`, fields);
}

function isTag(codePoint: number): boolean {
  return codePoint >= 0xe0000 && codePoint <= 0xe007f;
}

function isVariationSelector(codePoint: number): boolean {
  return (
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef) ||
    (codePoint >= 0x180b && codePoint <= 0x180d) ||
    codePoint === 0x180f
  );
}

function isPictographic(codePoint: number | undefined): boolean {
  return codePoint !== undefined && patterns().pictographic.test(String.fromCodePoint(codePoint));
}

/** The code point that ends just before `index`, reading a surrogate pair as one. */
function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2);
  }
  return low;
}
