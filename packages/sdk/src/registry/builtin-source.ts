import { readBuiltinFile } from "./builtin-files.js";
import { isSafeRegistryPath, type RegistrySource } from "./registry-source.js";

export const BUILTIN_REGISTRY = "builtin";
const PREFIX = "builtin:";

/**
 * The default registry, built from this repository's `registry/` folder and shipped inside the package,
 * so installing from it needs no network.
 *
 * @example
 * const source = createBuiltinSource();
 * const index = await source.read("index.json");
 */
export function createBuiltinSource(): RegistrySource {
  return {
    id: BUILTIN_REGISTRY,
    location: "the builtin registry",
    read: (path) => (isSafeRegistryPath(path) ? readBuiltinFile(path) : Promise.resolve(undefined)),
    resolvedUrl: (path) => PREFIX + path,
    pathOf: (resolved) => (resolved.startsWith(PREFIX) ? resolved.slice(PREFIX.length) : undefined),
  };
}
