/**
 * Memoises a dynamic `import()`. Each call of an `import()` costs more than it looks in the bundled
 * CLI: the bundler's interop copies every export of the module into a new object, and for node:zlib
 * that is ~150 properties, once per tarball of a 100-agent install.
 *
 * @example
 * const loadZlib = lazyImport(() => import("node:zlib"));
 * const { gunzipSync } = await loadZlib();
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
