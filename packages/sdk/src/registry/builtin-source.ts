import { readBuiltinFile } from "./builtin-files.js";
import { createPathSource, type RegistrySource } from "./registry-source.js";

export const BUILTIN_REGISTRY = "builtin";

/**
 * The default registry, built from this repository's `registry/` folder and shipped inside the package,
 * so installing from it needs no network.
 *
 * @example
 * const source = createBuiltinSource();
 * const index = await source.read("index.json");
 */
export function createBuiltinSource(): RegistrySource {
  return createPathSource({ id: BUILTIN_REGISTRY, location: "the builtin registry", prefix: "builtin:", read: readBuiltinFile });
}
