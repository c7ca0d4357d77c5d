// The parts of a link that follow its text, and autolinks (CommonMark §6.3, §6.5). Every scan is
// bounded: a destination or title gives up after MAX_LENGTH characters and a destination after
// MAX_PARENS nested parentheses (cmark's limit too), so text like `[a](` repeated, where each `]`
// starts a scan, costs at most MAX_LENGTH per bracket instead of the rest of the text.

const MAX_LENGTH = 2048;
const MAX_PARENS = 32;
/** RFC 5321 caps an address at 254 characters; the cap also bounds the regular expression below. */
const MAX_EMAIL = 254;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const EMAIL_CHARS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~@-]/;

export interface LinkTail {
  readonly destination: string;
  readonly title: string | undefined;
  /** The index just past the closing parenthesis. */
  readonly end: number;
}

/**
 * The `(destination "title")` of an inline link whose `(` is at `text[start]`, or undefined.
 *
 * @example
 * parseLinkTail('[a](/x "T") b', 3); // { destination: "/x", title: "T", end: 11 }
 */
export function parseLinkTail(text: string, start: number): LinkTail | undefined {
  if (text[start] !== "(") return undefined;
  let index = skipSpace(text, start + 1);
  const from = index;
  let destination: string;
  if (text[index] === "<") {
    for (index++; text[index] !== ">"; index++) {
      const char = text[index];
      if (char === undefined || char === "\n" || char === "<" || index - from > MAX_LENGTH) return undefined;
      if (char === "\\") index++;
    }
    destination = text.slice(from + 1, index++);
  } else {
    let depth = 0;
    for (; index < text.length && index - from <= MAX_LENGTH; index++) {
      const char = text[index] ?? "";
      if (char === "\\" && isAsciiPunctuation(text[index + 1])) index++;
      else if (char === "(") depth++;
      else if (char === ")") {
        if (depth === 0) break;
        depth--;
      } else if (char <= " " || char === "\u007f") break;
      if (depth > MAX_PARENS) return undefined;
    }
    if (depth > 0 || index - from > MAX_LENGTH) return undefined;
    destination = text.slice(from, index);
  }
  const afterDestination = index;
  index = skipSpace(text, index);
  let title: string | undefined;
  const quote = text[index];
  if (index > afterDestination && (quote === '"' || quote === "'" || quote === "(")) {
    const close = quote === "(" ? ")" : quote;
    const titleStart = index + 1;
    for (index = titleStart; text[index] !== close; index++) {
      const char = text[index];
      if (char === undefined || (quote === "(" && char === "(") || index - titleStart > MAX_LENGTH) return undefined;
      if (char === "\\") index++;
    }
    title = unescapeBackslashes(text.slice(titleStart, index));
    index = skipSpace(text, index + 1);
  }
  if (text[index] !== ")") return undefined;
  return { destination: unescapeBackslashes(destination), title, end: index + 1 };
}

/**
 * The autolink `<scheme:…>` or `<user@host>` whose `<` is at `text[start]`: its URL (`mailto:` added
 * for an address), the text to show, and the index past `>`.
 *
 * @example
 * parseAutolink("see <https://a.example>", 4); // { url: "https://a.example", label: "https://a.example", end: 23 }
 */
export function parseAutolink(text: string, start: number): { url: string; label: string; end: number } | undefined {
  let index = start + 1;
  while (index - start <= 33 && /[A-Za-z0-9+.-]/.test(text[index] ?? "") && (index > start + 1 || /[A-Za-z]/.test(text[index] ?? ""))) index++;
  if (text[index] === ":" && index - start >= 3 && index - start <= 33) {
    // Scans stop at the next `<`, so the scans of all the `<` in a text never overlap.
    for (index++; text[index] !== ">"; index++) {
      const char = text[index];
      if (char === undefined || char <= " " || char === "<") return undefined;
    }
    const url = text.slice(start + 1, index);
    return { url, label: url, end: index + 1 };
  }
  for (index = start + 1; index - start <= MAX_EMAIL && EMAIL_CHARS.test(text[index] ?? ""); ) index++;
  const address = text.slice(start + 1, index);
  if (text[index] !== ">" || !EMAIL.test(address)) return undefined;
  return { url: `mailto:${address}`, label: address, end: index + 1 };
}

/** Spaces and tabs with at most one line break among them. */
function skipSpace(text: string, index: number): number {
  let lineBreaks = 0;
  for (; text[index] === " " || text[index] === "\t" || text[index] === "\n"; index++) {
    if (text[index] === "\n" && ++lineBreaks > 1) break;
  }
  return index;
}

function isAsciiPunctuation(char: string | undefined): boolean {
  return char !== undefined && /^[!-/:-@[-`{-~]$/.test(char);
}

/** `\(` → `(`: a backslash before ASCII punctuation makes it literal (CommonMark §2.4). */
function unescapeBackslashes(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}
