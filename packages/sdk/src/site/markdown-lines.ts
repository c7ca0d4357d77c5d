// What one line of Markdown starts, following CommonMark 0.31 and GFM where it is cheap to.
// Each test reads its line once from the left, without regular expressions that could backtrack,
// so a hostile line costs time in proportion to its length.

/** A fence that opens a code block: its character, run length, indentation and info string. */
export interface Fence {
  readonly char: "`" | "~";
  readonly length: number;
  readonly indent: number;
  readonly info: string;
}

/** A list item's marker and where the item's content starts. */
export interface ListMarker {
  readonly ordered: boolean;
  /** `-`, `*` or `+`, or `.` or `)` after a number: items of one list share it. */
  readonly delimiter: string;
  readonly start: number;
  /** The column of the item's content: continuation lines indented this far belong to the item. */
  readonly contentColumn: number;
  readonly content: string;
}

/**
 * The width of the line's leading spaces and tabs, a tab reaching the next multiple of 4.
 *
 * @example
 * indentOf("  \tcode"); // 4
 */
export function indentOf(line: string): number {
  let column = 0;
  for (const char of line) {
    if (char === " ") column++;
    else if (char === "\t") column += 4 - (column % 4);
    else break;
  }
  return column;
}

/**
 * The line without `columns` columns of indentation; a tab only partly removed leaves spaces.
 *
 * @example
 * stripIndent("\tcode", 2); // "  code"
 */
export function stripIndent(line: string, columns: number): string {
  let column = 0;
  let index = 0;
  while (column < columns && index < line.length) {
    const char = line[index];
    if (char === " ") column++;
    else if (char === "\t") {
      const width = 4 - (column % 4);
      if (column + width > columns) return " ".repeat(column + width - columns) + line.slice(index + 1);
      column += width;
    } else break;
    index++;
  }
  return line.slice(index);
}

/**
 * Whether the line holds only spaces and tabs (CommonMark's blank line; U+00A0 is not blank).
 *
 * @example
 * isBlank(" \t"); // true
 */
export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/**
 * The text without leading and/or trailing spaces and tabs. Not `String#trim`, which also removes
 * U+FEFF and other Unicode spaces that the page must show, and not `/[ \t]+$/`, which backtracks
 * quadratically on a long run of spaces that does not end the line.
 *
 * @example
 * trimSpaces("\t a \uFEFF "); // "a \uFEFF"
 */
export function trimSpaces(text: string, side: "both" | "start" | "end" = "both"): string {
  let start = 0;
  let end = text.length;
  if (side !== "end") while (text[start] === " " || text[start] === "\t") start++;
  if (side !== "start") while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return text.slice(start, end);
}

/** Where the line's text starts when indented less than 4 columns (else it is indented code). */
function startOfText(line: string): number | undefined {
  const indent = indentOf(line);
  if (indent >= 4) return undefined;
  let index = 0;
  while (line[index] === " " || line[index] === "\t") index++;
  return index;
}

function runLength(line: string, from: number, char: string): number {
  let end = from;
  while (line[end] === char) end++;
  return end - from;
}

/**
 * The fence that opens a code block on this line, if one does.
 *
 * @example
 * fenceOpening("```ts title"); // { char: "`", length: 3, indent: 0, info: "ts title" }
 */
export function fenceOpening(line: string): Fence | undefined {
  const start = startOfText(line);
  if (start === undefined) return undefined;
  const char = line[start];
  if (char !== "`" && char !== "~") return undefined;
  const length = runLength(line, start, char);
  const info = trimSpaces(line.slice(start + length));
  if (length < 3 || (char === "`" && info.includes("`"))) return undefined;
  return { char, length, indent: start, info };
}

/**
 * Whether the line closes `fence`: the same character, at least as many, nothing after.
 *
 * @example
 * closesFence("~~~~", { char: "~", length: 3, indent: 0, info: "" }); // true
 */
export function closesFence(line: string, fence: Fence): boolean {
  const start = startOfText(line);
  if (start === undefined || line[start] !== fence.char) return false;
  const length = runLength(line, start, fence.char);
  return length >= fence.length && isBlank(line.slice(start + length));
}

/**
 * An ATX heading `## Title ##`: its level and text without the closing run of `#`.
 *
 * @example
 * atxHeading("## Usage ##"); // { level: 2, text: "Usage" }
 */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  const start = startOfText(line);
  if (start === undefined || line[start] !== "#") return undefined;
  const level = runLength(line, start, "#");
  const after = line[start + level];
  if (level > 6 || (after !== undefined && after !== " " && after !== "\t")) return undefined;
  let text = trimSpaces(line.slice(start + level));
  let end = text.length;
  while (end > 0 && text[end - 1] === "#") end--;
  if (end === 0) text = "";
  else if (end < text.length && (text[end - 1] === " " || text[end - 1] === "\t")) text = trimSpaces(text.slice(0, end), "end");
  return { level, text };
}

/**
 * Whether the line is `---`, `***` or `___`: three or more, spaces allowed between.
 *
 * @example
 * isThematicBreak("* * *"); // true
 */
export function isThematicBreak(line: string): boolean {
  const start = startOfText(line);
  if (start === undefined) return false;
  const char = line[start];
  if (char !== "-" && char !== "*" && char !== "_") return false;
  let count = 0;
  for (let index = start; index < line.length; index++) {
    const next = line[index];
    if (next === char) count++;
    else if (next !== " " && next !== "\t") return false;
  }
  return count >= 3;
}

/**
 * The level a setext underline gives the paragraph above it: 1 for `===`, 2 for `---`.
 *
 * @example
 * setextLevel("-----"); // 2
 */
export function setextLevel(line: string): 1 | 2 | undefined {
  const start = startOfText(line);
  if (start === undefined) return undefined;
  const char = line[start];
  if (char !== "=" && char !== "-") return undefined;
  const length = runLength(line, start, char);
  if (!isBlank(line.slice(start + length))) return undefined;
  return char === "=" ? 1 : 2;
}

/**
 * The line inside a block quote: after `>` and one optional space.
 *
 * @example
 * quoteContent("> > a"); // "> a"
 */
export function quoteContent(line: string): string | undefined {
  const start = startOfText(line);
  if (start === undefined || line[start] !== ">") return undefined;
  return stripIndent(line.slice(start + 1), 1);
}

/**
 * The list item marker that starts the line, if one does.
 *
 * @example
 * listMarker("3) step"); // { ordered: true, delimiter: ")", start: 3, contentColumn: 3, content: "step" }
 */
export function listMarker(line: string): ListMarker | undefined {
  const start = startOfText(line);
  if (start === undefined) return undefined;
  const first = line[start] ?? "";
  let markerEnd = start + 1;
  let ordered = false;
  let delimiter = first;
  let number = 1;
  if (first >= "0" && first <= "9") {
    while (markerEnd - start < 10 && (line[markerEnd] ?? "") >= "0" && (line[markerEnd] ?? "") <= "9") markerEnd++;
    delimiter = line[markerEnd] ?? "";
    if (markerEnd - start > 9 || (delimiter !== "." && delimiter !== ")")) return undefined;
    ordered = true;
    number = Number(line.slice(start, markerEnd));
    markerEnd++;
  } else if (first !== "-" && first !== "*" && first !== "+") return undefined;
  const rest = line.slice(markerEnd);
  if (rest !== "" && rest[0] !== " " && rest[0] !== "\t") return undefined;
  const markerColumn = indentOf(line) + markerEnd - start;
  // CommonMark: content indented 5 or more past the marker is indented code after one space.
  const spaces = indentOf(rest);
  if (isBlank(rest)) return { ordered, delimiter, start: number, contentColumn: markerColumn + 1, content: "" };
  const gap = spaces > 4 ? 1 : spaces;
  return { ordered, delimiter, start: number, contentColumn: markerColumn + gap, content: stripIndent(rest, gap) };
}

/**
 * The cells of a table row: outer pipes dropped, split at pipes that `\|` does not escape.
 *
 * @example
 * splitTableRow("| a | b\\|c |"); // ["a", "b|c"]
 */
export function splitTableRow(line: string): string[] {
  const text = trimSpaces(line);
  const cells: string[] = [];
  let cell = "";
  for (let index = text[0] === "|" ? 1 : 0; index < text.length; index++) {
    const char = text[index];
    if (char === "\\" && text[index + 1] === "|") {
      cell += "|";
      index++;
    } else if (char === "|") {
      cells.push(trimSpaces(cell));
      cell = "";
    } else cell += char;
  }
  if (trimSpaces(cell) !== "" || !text.endsWith("|") || text.endsWith("\\|")) cells.push(trimSpaces(cell));
  return cells;
}

/**
 * The column alignments a GFM delimiter row sets, or undefined when the line is not one.
 *
 * @example
 * tableAlignments("| :-- | :-: | --: | --- |"); // ["l", "c", "r", undefined]
 */
export function tableAlignments(line: string): ("l" | "c" | "r" | undefined)[] | undefined {
  if (!line.includes("|") || startOfText(line) === undefined) return undefined;
  const alignments: ("l" | "c" | "r" | undefined)[] = [];
  for (const cell of splitTableRow(line)) {
    if (!/^:?-+:?$/.test(cell)) return undefined;
    const left = cell.startsWith(":");
    const right = cell.endsWith(":");
    alignments.push(left && right ? "c" : right ? "r" : left ? "l" : undefined);
  }
  return alignments;
}
