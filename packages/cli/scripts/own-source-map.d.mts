// Types of own-source-map.mjs, for the tests that import it.
export interface SourceMap {
  version: 3;
  sources: string[];
  names: string[];
  mappings: string;
}

export function keepOwnSources(map: SourceMap, keep: (source: string) => boolean): SourceMap;
