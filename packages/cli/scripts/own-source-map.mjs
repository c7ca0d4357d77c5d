// A source map cut down to the mappings into agentreg's own sources (used by bundle.mjs).
import { decode, encode } from "@jridgewell/sourcemap-codec";

/**
 * The mappings of `map` whose source passes `keep`; the rest become unmapped, so a position in a
 * library's code is never attributed to the agentreg source before it (Node's lookup takes the
 * nearest mapping at or before a position, across lines too). Sources and names no kept mapping uses
 * are dropped.
 *
 * @example
 * keepOwnSources(JSON.parse(mapText), (source) => source.startsWith("../src/"));
 */
export function keepOwnSources(map, keep) {
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
  const lines = decode(map.mappings).map((line) => {
    const kept = [];
    for (const segment of line) {
      if (segment.length === 1 || !keep(map.sources[segment[1]])) {
        if (kept.length === 0 || kept[kept.length - 1].length > 1) kept.push([segment[0]]);
        continue;
      }
      const [column, source, sourceLine, sourceColumn, name] = segment;
      kept.push([column, sourceIndex(map.sources[source]), sourceLine, sourceColumn, ...(name === undefined ? [] : [nameIndex(map.names[name])])]);
    }
    return kept;
  });
  return { version: 3, sources, names, mappings: encode(lines) };
}
