import { escapeAttribute, escapeHtml } from "./escape-html.js";
import { delimiterHtml, processEmphasis, pushDelimiter, type Delimiter, type DelimiterList } from "./markdown-emphasis.js";
import { parseAutolink, parseLinkTail } from "./markdown-links.js";
import { trimSpaces } from "./markdown-lines.js";
import { safeHref } from "./safe-href.js";

// The inline text of one paragraph, heading or table cell, read once from the left as CommonMark's
// appendix describes: text, code spans and autolinks become HTML at once; `*`, `_`, `~~` runs wait
// in a delimiter list and `[`, `![` on a bracket stack until a closer decides what they are. Raw
// HTML is not a construct here: its `<` is text, escaped like everything else.

type InlineNode =
  | { readonly kind: "html"; readonly html: string }
  | Delimiter
  | { readonly kind: "link"; readonly href: string | undefined; readonly title: string | undefined; readonly image: boolean }
  | { readonly kind: "end-link" };

/** An unclosed `[` or `![`: where its node is and which delimiters came after it. */
interface Bracket {
  readonly node: number;
  readonly image: boolean;
  readonly firstDelimiter: number;
}

const SPECIAL = new Set(["\\", "`", "*", "_", "~", "[", "]", "!", "<", "\n"]);
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const REL = "nofollow noopener noreferrer";

/**
 * Inline Markdown as HTML: code spans, emphasis, strong, `~~strikethrough~~`, links, autolinks,
 * backslash escapes and hard line breaks. Images become links labelled `image: alt` (the site loads
 * nothing from elsewhere); links to unsafe schemes become their text. Tags always balance.
 *
 * @example
 * renderInline("Use `rg` *first*"); // "Use <code>rg</code> <em>first</em>"
 */
export function renderInline(source: string): string {
  const nodes: InlineNode[] = [];
  const delimiters: DelimiterList = { last: undefined, nextPosition: 0 };
  const brackets: Bracket[] = [];
  const codeSpans = backtickRuns(source);
  // Brackets below this stack index are inactive: a link may not contain a link.
  let linkFloor = 0;
  let text = "";
  const flush = (): void => {
    if (text !== "") nodes.push({ kind: "html", html: escapeHtml(text) });
    text = "";
  };

  for (let index = 0; index < source.length; ) {
    const char = source[index] ?? "";
    const next = source[index + 1];
    if (!SPECIAL.has(char)) {
      let end = index + 1;
      while (end < source.length && !SPECIAL.has(source[end] ?? "")) end++;
      text += source.slice(index, end);
      index = end;
    } else if (char === "\n") {
      // Two spaces before a line break make a hard break; other trailing spaces are dropped.
      const trimmed = trimSpaces(text, "end");
      const hard = text.length - trimmed.length >= 2;
      text = trimmed;
      flush();
      nodes.push({ kind: "html", html: hard ? "<br>\n" : "\n" });
      index++;
    } else if (char === "\\") {
      if (next === "\n") {
        flush();
        nodes.push({ kind: "html", html: "<br>\n" });
        index += 2;
      } else if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        text += next;
        index += 2;
      } else {
        text += "\\";
        index++;
      }
    } else if (char === "`") {
      let end = index;
      while (source[end] === "`") end++;
      const close = codeSpans.next(end - index, end);
      if (close === undefined) text += source.slice(index, end);
      else {
        flush();
        nodes.push({ kind: "html", html: `<code>${escapeHtml(codeSpanContent(source.slice(end, close)))}</code>` });
      }
      index = close === undefined ? end : close + end - index;
    } else if (char === "*" || char === "_" || char === "~") {
      let end = index;
      while (source[end] === char) end++;
      // GFM strikethrough is `~~`; a lone `~` or a longer run is text (`~5 min`).
      if (char === "~" && end - index !== 2) text += source.slice(index, end);
      else {
        flush();
        nodes.push(pushDelimiter(delimiters, source, index, end - index));
      }
      index = end;
    } else if (char === "[" || (char === "!" && next === "[")) {
      flush();
      brackets.push({ node: nodes.length, image: char === "!", firstDelimiter: delimiters.nextPosition });
      nodes.push({ kind: "html", html: char === "!" ? "![" : "[" });
      index += char === "!" ? 2 : 1;
    } else if (char === "]") {
      const bracket = brackets.pop();
      const active = bracket !== undefined && (bracket.image || brackets.length >= linkFloor);
      linkFloor = Math.min(linkFloor, brackets.length);
      const tail = active ? parseLinkTail(source, index + 1) : undefined;
      if (bracket === undefined || tail === undefined) {
        text += "]";
        index++;
        continue;
      }
      flush();
      nodes[bracket.node] = { kind: "link", href: safeHref(tail.destination), title: tail.title, image: bracket.image };
      processEmphasis(delimiters, bracket.firstDelimiter);
      nodes.push({ kind: "end-link" });
      if (!bracket.image) linkFloor = brackets.length;
      index = tail.end;
    } else if (char === "<") {
      const autolink = parseAutolink(source, index);
      const href = autolink === undefined ? undefined : safeHref(autolink.url);
      if (autolink === undefined || href === undefined) {
        text += autolink === undefined ? "<" : source.slice(index, autolink.end);
        index = autolink === undefined ? index + 1 : autolink.end;
        continue;
      }
      flush();
      nodes.push({ kind: "link", href, title: undefined, image: false }, { kind: "html", html: escapeHtml(autolink.label) }, { kind: "end-link" });
      index = autolink.end;
    } else {
      text += char;
      index++;
    }
  }
  flush();
  processEmphasis(delimiters, 0);
  return serialize(nodes);
}

function serialize(nodes: readonly InlineNode[]): string {
  let html = "";
  // Whether each open link emitted an <a>: none does inside another, as HTML forbids nested links
  // (an image in a link's text, a link in an image's alt).
  const anchors: boolean[] = [];
  let insideAnchor = false;
  for (const node of nodes) {
    if (node.kind === "html") html += node.html;
    else if (node.kind === "delimiter") html += delimiterHtml(node);
    else if (node.kind === "link") {
      const open: boolean = node.href !== undefined && !insideAnchor;
      anchors.push(open);
      insideAnchor ||= open;
      const title = node.title === undefined ? "" : ` title="${escapeAttribute(node.title)}"`;
      if (open) html += `<a href="${escapeAttribute(node.href ?? "")}"${title} rel="${REL}">`;
      if (node.image) html += "image: ";
    } else if (anchors.pop() === true) {
      insideAnchor = false;
      html += "</a>";
    }
  }
  return html;
}

/** Line breaks become spaces, and one space is stripped from each side if both have one (§6.1). */
function codeSpanContent(code: string): string {
  const flat = code.replaceAll("\n", " ");
  return flat.length >= 2 && flat.startsWith(" ") && flat.endsWith(" ") && !/^ *$/.test(flat) ? flat.slice(1, -1) : flat;
}

/**
 * Where each run of backticks starts, by run length, so that finding the closer of a code span is a
 * lookup: scanning ahead from every opener would be quadratic on text full of unmatched backticks.
 * Openers are looked up left to right, so a cursor per length only moves forward.
 */
function backtickRuns(source: string): { next(length: number, from: number): number | undefined } {
  let starts: Map<number, number[]> | undefined;
  const cursors = new Map<number, number>();
  return {
    next(length, from) {
      starts ??= indexRuns(source);
      const runs = starts.get(length) ?? [];
      let cursor = cursors.get(length) ?? 0;
      while ((runs[cursor] ?? Infinity) < from) cursor++;
      cursors.set(length, cursor);
      return runs[cursor];
    },
  };
}

function indexRuns(source: string): Map<number, number[]> {
  const starts = new Map<number, number[]>();
  for (let index = source.indexOf("`"); index !== -1; index = source.indexOf("`", index)) {
    const start = index;
    while (source[index] === "`") index++;
    const runs = starts.get(index - start) ?? [];
    if (runs.length === 0) starts.set(index - start, runs);
    runs.push(start);
  }
  return starts;
}
