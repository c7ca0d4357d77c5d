import {
  atxHeading,
  closesFence,
  fenceOpening,
  indentOf,
  isBlank,
  isThematicBreak,
  listMarker,
  quoteContent,
  setextLevel,
  splitTableRow,
  stripIndent,
  tableAlignments,
  trimSpaces,
  type Fence,
  type ListMarker,
} from "./markdown-lines.js";

export type Alignment = "l" | "c" | "r" | undefined;

/** The block structure of a Markdown document; inline text is kept as source for the inline parser. */
export type Block =
  | { readonly kind: "heading"; readonly level: number; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "code"; readonly info: string; readonly text: string }
  | { readonly kind: "quote"; readonly blocks: readonly Block[] }
  | { readonly kind: "list"; readonly ordered: boolean; readonly start: number; readonly loose: boolean; readonly items: readonly (readonly Block[])[] }
  | { readonly kind: "rule" }
  | { readonly kind: "table"; readonly alignments: readonly Alignment[]; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] }
  /** Content nested deeper than {@link MAX_DEPTH}, shown as it was written. */
  | { readonly kind: "text"; readonly text: string };

export interface ParsedBlocks {
  readonly blocks: Block[];
  /** A blank line separated two of the blocks: a list item holding them makes its list loose. */
  readonly loose: boolean;
}

/**
 * How many quotes and list items may nest. Every level re-reads the lines it holds, so the cap
 * keeps `> > > …` or `- - - …` ten thousand deep linear in time and in stack depth.
 */
export const MAX_DEPTH = 32;

type Step = readonly [Block, number];

/**
 * The blocks of `lines`, which are the lines of a document or of one container's content.
 *
 * @example
 * parseBlocks(["# Title", "", "Some *text*."]).blocks;
 * // [{ kind: "heading", level: 1, text: "Title" }, { kind: "paragraph", text: "Some *text*." }]
 */
export function parseBlocks(lines: readonly string[], depth = 0): ParsedBlocks {
  if (depth > MAX_DEPTH) {
    const text = trimSpaces(lines.join("\n"));
    return { blocks: text === "" ? [] : [{ kind: "text", text }], loose: false };
  }
  const blocks: Block[] = [];
  let loose = false;
  let blankBefore = false;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (isBlank(line)) {
      blankBefore = blocks.length > 0;
      index++;
      continue;
    }
    loose ||= blankBefore;
    blankBefore = false;
    const [block, next] = parseBlock(lines, index, depth);
    blocks.push(block);
    index = next;
  }
  return { blocks, loose };
}

function parseBlock(lines: readonly string[], start: number, depth: number): Step {
  const line = lines[start] ?? "";
  if (indentOf(line) >= 4) return indentedCode(lines, start);
  const fence = fenceOpening(line);
  if (fence !== undefined) return fencedCode(lines, start, fence);
  const heading = atxHeading(line);
  if (heading !== undefined) return [{ kind: "heading", ...heading }, start + 1];
  if (isThematicBreak(line)) return [{ kind: "rule" }, start + 1];
  if (quoteContent(line) !== undefined) return blockQuote(lines, start, depth);
  const marker = listMarker(line);
  if (marker !== undefined) return list(lines, start, marker, depth);
  return table(lines, start) ?? paragraph(lines, start);
}

function indentedCode(lines: readonly string[], start: number): Step {
  const body: string[] = [];
  let end = start;
  for (let line = lines[end]; line !== undefined && (isBlank(line) || indentOf(line) >= 4); line = lines[++end]) body.push(stripIndent(line, 4));
  // Blank lines after the code are not part of it.
  while (isBlank(body.at(-1) ?? "x")) {
    body.pop();
    end--;
  }
  return [{ kind: "code", info: "", text: body.join("\n") }, end];
}

/** A fenced block runs to its closing fence or, unclosed, to the end of its container. */
function fencedCode(lines: readonly string[], start: number, fence: Fence): Step {
  const body: string[] = [];
  let end = start + 1;
  for (let line = lines[end]; line !== undefined; line = lines[++end]) {
    if (closesFence(line, fence)) return [{ kind: "code", info: fence.info, text: body.join("\n") }, end + 1];
    body.push(stripIndent(line, fence.indent));
  }
  return [{ kind: "code", info: fence.info, text: body.join("\n") }, end];
}

function paragraph(lines: readonly string[], start: number): Step {
  const text: string[] = [trimSpaces(lines[start] ?? "", "start")];
  let end = start + 1;
  for (let line = lines[end]; line !== undefined && !isBlank(line); line = lines[++end]) {
    const level = setextLevel(line);
    if (level !== undefined) return [{ kind: "heading", level, text: trimSpaces(text.join("\n")) }, end + 1];
    if (interruptsParagraph(lines, end)) break;
    text.push(trimSpaces(line, "start"));
  }
  return [{ kind: "paragraph", text: trimSpaces(text.join("\n"), "end") }, end];
}

/** Whether `lines[index]` starts a block even right after a line of paragraph text (CommonMark §4.8). */
function interruptsParagraph(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? "";
  if (fenceOpening(line) || atxHeading(line) || isThematicBreak(line) || quoteContent(line) !== undefined) return true;
  const marker = listMarker(line);
  if (marker !== undefined && marker.content !== "" && (!marker.ordered || marker.start === 1)) return true;
  return tableHead(lines, index) !== undefined;
}

/** A GFM table's header: a row with pipes, then a delimiter row with as many cells. */
function tableHead(lines: readonly string[], start: number): { alignments: Alignment[]; head: string[] } | undefined {
  const line = lines[start] ?? "";
  const delimiterRow = lines[start + 1];
  if (!line.includes("|") || delimiterRow === undefined || indentOf(line) >= 4) return undefined;
  const alignments = tableAlignments(delimiterRow);
  const head = splitTableRow(line);
  return alignments !== undefined && alignments.length === head.length ? { alignments, head } : undefined;
}

/** A GFM table: its header, then rows up to a blank line or another block. */
function table(lines: readonly string[], start: number): Step | undefined {
  const header = tableHead(lines, start);
  if (header === undefined) return undefined;
  const rows: string[][] = [];
  let end = start + 2;
  for (let row = lines[end]; row !== undefined && !isBlank(row) && !interruptsParagraph(lines, end); row = lines[++end]) {
    // Cells past the header's are dropped (GFM); missing ones are left out, not padded, so that a
    // wide header over many short rows cannot multiply the size of the output.
    rows.push(splitTableRow(row).slice(0, header.head.length));
  }
  return [{ kind: "table", ...header, rows }, end];
}

function blockQuote(lines: readonly string[], start: number, depth: number): Step {
  const content: string[] = [];
  let end = start;
  for (let line = lines[end]; line !== undefined; line = lines[++end]) {
    const inside = quoteContent(line);
    if (inside !== undefined) content.push(inside);
    else if (continuesLazily(content.at(-1), lines, end)) content.push(line);
    else break;
  }
  return [{ kind: "quote", blocks: parseBlocks(content, depth + 1).blocks }, end];
}

/**
 * Whether a line without its container's prefix still continues the paragraph the container ended
 * with ("lazy continuation", CommonMark §5.1). Approximated: the previous line must be text.
 */
function continuesLazily(previous: string | undefined, lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? "";
  if (previous === undefined || isBlank(previous) || isBlank(line) || indentOf(previous) >= 4) return false;
  if (fenceOpening(previous) || atxHeading(previous) || isThematicBreak(previous)) return false;
  return !interruptsParagraph(lines, index);
}

function list(lines: readonly string[], start: number, first: ListMarker, depth: number): Step {
  const items: Block[][] = [];
  let loose = false;
  let index = start;
  let trailingBlanks = 0;
  for (let marker: ListMarker | undefined = first; marker !== undefined; ) {
    const body = [marker.content];
    for (index++; index < lines.length; index++) {
      const line = lines[index] ?? "";
      if (isBlank(line)) {
        // An item may start with at most one blank line; an empty item ends at a blank line.
        if (body.length === 1 && body[0] === "") break;
        body.push("");
      } else if (indentOf(line) >= marker.contentColumn) body.push(stripIndent(line, marker.contentColumn));
      // Any marker ends the item here, even `2.`, which could not interrupt a paragraph elsewhere.
      else if (listMarker(line) === undefined && continuesLazily(body.at(-1), lines, index)) body.push(trimSpaces(line, "start"));
      else break;
    }
    for (trailingBlanks = 0; body.length > 1 && body.at(-1) === ""; trailingBlanks++) body.pop();
    const item = parseBlocks(body, depth + 1);
    items.push(item.blocks);
    loose ||= item.loose;
    const next = lines[index] === undefined || isThematicBreak(lines[index] ?? "") ? undefined : listMarker(lines[index] ?? "");
    marker = next !== undefined && next.ordered === first.ordered && next.delimiter === first.delimiter ? next : undefined;
    loose ||= marker !== undefined && trailingBlanks > 0;
  }
  // The blank lines after the last item separate the list from what follows, in the caller.
  return [{ kind: "list", ordered: first.ordered, start: first.start, loose, items }, index - trailingBlanks];
}
