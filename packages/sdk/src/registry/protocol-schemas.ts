import { indexSchemas, packumentSchemas } from "./protocol.js";

// The schema objects of the public API: the same objects the registry client builds on first use
// (`indexSchemas`, `packumentSchemas` in protocol.ts), built when this module is loaded.

/** `index.json`: every agent of a registry with its latest version (DESIGN §3). */
export const registryIndexSchema = indexSchemas().registryIndexSchema;

/** `agents/<name>.json`: every version of one agent (DESIGN §3). */
export const packumentSchema = packumentSchemas().packumentSchema;

/** One version in a packument: its integrity, tarball, date, frontmatter, state and signatures. */
export const packumentVersionSchema = packumentSchemas().packumentVersionSchema;
