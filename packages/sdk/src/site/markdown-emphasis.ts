// Emphasis, strong emphasis and strikethrough by the delimiter-run algorithm of CommonMark 0.31
// (§6.2 and "process emphasis" in its appendix), with GFM's `~~`. A match never rewrites the text
// between its delimiters: it records an opening tag on the opener and a closing tag on the closer,
// and drops the delimiters between from the list. Matches therefore nest, so the tags balance, and
// each delimiter is visited a bounded number of times, so `*` fifty thousand times stays linear.

/** A run of `*`, `_` or `~~` that may open or close emphasis. */
export interface Delimiter {
  readonly kind: "delimiter";
  readonly char: "*" | "_" | "~";
  /** The run's length as written: the "rule of 3" looks at it. */
  readonly length: number;
  /** The characters of the run not used by a match, which show as text. */
  count: number;
  readonly canOpen: boolean;
  readonly canClose: boolean;
  /** The run's place in the text; search limits are positions, which removal cannot invalidate. */
  readonly position: number;
  previous: Delimiter | undefined;
  next: Delimiter | undefined;
  /** Tags this run opens, the first match innermost. */
  readonly opens: string[];
  /** Tags this run closes, the first match innermost. */
  readonly closes: string[];
}

/** The delimiters not yet matched or discarded, as a doubly linked list. */
export interface DelimiterList {
  last: Delimiter | undefined;
  /** The position the next delimiter gets. */
  nextPosition: number;
}

/**
 * Pushes the run of `length` delimiter characters at `text[index]`, with whether it can open or
 * close by the flanking rules (CommonMark §6.2), and returns it.
 *
 * @example
 * pushDelimiter(list, "a *b*", 2, 1); // { char: "*", canOpen: true, canClose: false, … }
 */
export function pushDelimiter(list: DelimiterList, text: string, index: number, length: number): Delimiter {
  const char = text[index] === "_" ? "_" : text[index] === "~" ? "~" : "*";
  const before = charBefore(text, index);
  const after = charAfter(text, index + length);
  const leftFlanking = !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
  const rightFlanking = !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
  // `_` inside a word (snake_case) is not emphasis (CommonMark rules 2 and 4).
  const canOpen = char === "_" ? leftFlanking && (!rightFlanking || isPunctuation(before)) : leftFlanking;
  const canClose = char === "_" ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking;
  const delimiter: Delimiter = { kind: "delimiter", char, length, count: length, canOpen, canClose, position: list.nextPosition++, previous: list.last, next: undefined, opens: [], closes: [] };
  if (list.last !== undefined) list.last.next = delimiter;
  list.last = delimiter;
  return delimiter;
}

/**
 * Matches the delimiters at `bottom` or later, then removes them all from the list: what is left
 * unmatched is literal text. A link calls this for its text before the text after it is read.
 *
 * @example
 * processEmphasis(list, 0); // "*a*": the first run opens <em>, the second closes it
 */
export function processEmphasis(list: DelimiterList, bottom: number): void {
  let first = list.last;
  while (first?.previous !== undefined && first.previous.position >= bottom) first = first.previous;
  // Below these positions no opener can match a closer of the same kind: searches stop there.
  const openersBottom = new Map<string, number>();
  for (let closer = first?.position === undefined || first.position < bottom ? undefined : first; closer !== undefined; ) {
    if (!closer.canClose) {
      closer = closer.next;
      continue;
    }
    const kind = `${closer.char}${closer.canOpen}${closer.length % 3}`;
    const limit = Math.max(bottom, openersBottom.get(kind) ?? bottom);
    let opener = closer.previous;
    while (opener !== undefined && opener.position >= limit && !canPair(opener, closer)) opener = opener.previous;
    if (opener === undefined || opener.position < limit) {
      openersBottom.set(kind, closer.position);
      const next: Delimiter | undefined = closer.next;
      if (!closer.canOpen) unlink(list, closer);
      closer = next;
      continue;
    }
    const used = closer.char === "~" || (opener.count >= 2 && closer.count >= 2) ? 2 : 1;
    const tag = closer.char === "~" ? "del" : used === 2 ? "strong" : "em";
    opener.count -= used;
    closer.count -= used;
    opener.opens.push(`<${tag}>`);
    closer.closes.push(`</${tag}>`);
    opener.next = closer;
    closer.previous = opener;
    if (opener.count === 0) unlink(list, opener);
    if (closer.count === 0) {
      const next: Delimiter | undefined = closer.next;
      unlink(list, closer);
      closer = next;
    }
  }
  let keep = list.last;
  while (keep !== undefined && keep.position >= bottom) keep = keep.previous;
  if (keep !== undefined) keep.next = undefined;
  list.last = keep;
}

/**
 * The run as HTML: closing tags, the characters no match used, then opening tags.
 *
 * @example
 * delimiterHtml(run); // "</em>*<strong>" for a `***` run that closed one and opened two
 */
export function delimiterHtml(delimiter: Delimiter): string {
  return delimiter.closes.join("") + delimiter.char.repeat(delimiter.count) + [...delimiter.opens].reverse().join("");
}

function canPair(opener: Delimiter, closer: Delimiter): boolean {
  if (opener.char !== closer.char || !opener.canOpen) return false;
  if (closer.char === "~") return true;
  // The rule of 3: `*foo**bar*` is one emphasis, not two.
  const sum = opener.length + closer.length;
  return !((opener.canClose || closer.canOpen) && sum % 3 === 0 && (opener.length % 3 !== 0 || closer.length % 3 !== 0));
}

function unlink(list: DelimiterList, delimiter: Delimiter): void {
  if (delimiter.previous !== undefined) delimiter.previous.next = delimiter.next;
  if (delimiter.next !== undefined) delimiter.next.previous = delimiter.previous;
  if (list.last === delimiter) list.last = delimiter.previous;
}

function charBefore(text: string, index: number): string {
  const low = text.charCodeAt(index - 1);
  const high = text.charCodeAt(index - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(Math.max(0, index - (pair ? 2 : 1)), index);
}

function charAfter(text: string, index: number): string {
  const codePoint = text.codePointAt(index);
  return codePoint === undefined ? "" : String.fromCodePoint(codePoint);
}

/** The start and end of the text count as whitespace (CommonMark §2.1). ASCII is tested first: it is most text. */
function isWhitespace(char: string): boolean {
  if (char === "") return true;
  const code = char.charCodeAt(0);
  if (code < 0x80) return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
  return /^\p{Zs}$/u.test(char);
}

function isPunctuation(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x21 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
  return /^[\p{P}\p{S}]$/u.test(char);
}
