// Types of chunk-split.mjs, for the tests that import it.

/** What splitModules reads of an esbuild metafile: each input's imports. */
export interface SplitMetafile {
  inputs: Record<string, { imports: ReadonlyArray<{ path: string; kind?: string; external?: boolean }> }>;
}

export interface SplitOptions {
  roots: readonly string[];
  facade: string;
  coldRoots?: readonly string[];
}

export interface ModuleSplit {
  hot: Set<string>;
  cold: Set<string>;
  coreTable: Set<string>;
  coldTable: Set<string>;
}

export function splitModules(metafile: SplitMetafile, options: SplitOptions): ModuleSplit;
export function moduleTable(paths: Iterable<string>, keyOf: (path: string) => string): string;

/** An esbuild plugin: imports of `modules` (absolute paths) become reads of `chunk`'s `modules` table. */
export function fromChunk(chunk: string, modules: ReadonlySet<string>, keyOf: (path: string) => string): { name: string; setup(build: unknown): void };
export function onlyModules(root: string, entry: string, allowed: ReadonlySet<string>): (inputs: Record<string, unknown>) => string | undefined;
