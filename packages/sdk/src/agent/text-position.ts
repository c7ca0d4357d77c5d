/** A 1-based place in a text, as editors show it: lines split at `\n`, columns counted in code points. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Returns a function that turns a UTF-16 index into a line and a column. Columns count code points,
 * not UTF-16 units, so an emoji before the finding moves it one column, as it looks on screen.
 * Line starts are computed once, and a query at or after the previous one on the same line counts
 * on from there, so reporting many findings in order reads the text once, even on one long line.
 *
 * @example
 * const positionOf = createPositionFinder("a\n😀b");
 * positionOf(4); // { line: 2, column: 2 }
 */
export function createPositionFinder(text: string): (index: number) => TextPosition {
  const lineStarts = [0];
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lineStarts.push(index + 1);
  let lastIndex = 0;
  let lastLine = 1;
  let lastColumn = 1;

  return (index) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    const start = lineStarts[low] ?? 0;
    const resume = lastLine === low + 1 && lastIndex <= index;
    let column = resume ? lastColumn : 1;
    for (let at = resume ? lastIndex : start; at < index; at++) {
      // A low surrogate after a high one is the second half of one code point: it adds no column.
      if (isLowSurrogate(text.charCodeAt(at)) && at > start && isHighSurrogate(text.charCodeAt(at - 1))) continue;
      column++;
    }
    lastIndex = index;
    lastLine = low + 1;
    lastColumn = column;
    return { line: lastLine, column };
  };
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
