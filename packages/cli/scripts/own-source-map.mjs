// A source map cut down to the mappings into agentreg's own sources (used by bundle.mjs).
import { decode, encode } from "@jridgewell/sourcemap-codec";

/**
 * The mappings of `map` whose source passes `keep`; the rest become unmapped, so a position in a
 * library's code is never attributed to the agentreg source before it (Node's lookup takes the
 * nearest mapping at or before a position, across lines too). Sources and names no kept mapping uses
 * are dropped. Given the generated `code`, a name is kept only where the code calls something: Node
 * names a stack frame's function by the name mapped at its caller's call site, and no other name is
 * read, so the rest (two thirds of them) would only make the package larger.
 *
 * @example
 * keepOwnSources(JSON.parse(mapText), (source) => source.startsWith("../src/"));
 */
export function keepOwnSources(map, keep, code) {
  const generatedLines = code?.split("\n");
  const sources = [];
  const names = [];
  const indexIn = (list) => {
    const index = new Map();
    return (value) => {
      if (!index.has(value)) index.set(value, list.push(value) - 1);
      return index.get(value);
    };
  };
  const sourceIndex = indexIn(sources);
  const nameIndex = indexIn(names);
  const lines = decode(map.mappings).map((line, lineIndex) => {
    const kept = [];
    for (const segment of line) {
      if (segment.length === 1 || !keep(map.sources[segment[1]])) {
        if (kept.length === 0 || kept[kept.length - 1].length > 1) kept.push([segment[0]]);
        continue;
      }
      const [column, source, sourceLine, sourceColumn, name] = segment;
      const named = name !== undefined && (generatedLines === undefined || isCallSite(generatedLines[lineIndex] ?? "", column));
      kept.push([column, sourceIndex(map.sources[source]), sourceLine, sourceColumn, ...(named ? [nameIndex(map.names[name])] : [])]);
    }
    return kept;
  });
  return { version: 3, sources, names, mappings: encode(lines) };
}

/** Whether `column` of a generated line starts a call: an identifier or a member chain, then `(`. */
function isCallSite(line, column) {
  return /^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*\s*\(/.test(line.slice(column));
}
