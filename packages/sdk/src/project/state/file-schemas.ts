import { projectConfigSchemas } from "./project-config.js";
import { lockfileSchemas } from "./lockfile.js";

// The schema objects of the public API. The SDK's own functions build each on first use instead
// (`projectConfigSchemas`, `lockfileSchemas`), so a command that never reads agentreg.json or
// agentreg.lock never builds them; these are the same objects, built when this module is loaded.

/** `agentreg.json`: what the project wants (DESIGN §5). Unknown top-level keys are kept. */
export const projectConfigSchema = projectConfigSchemas().projectConfigSchema;

/**
 * `agentreg.lock`: what the project got (DESIGN §5). Every entry is checked before anything reads it
 * (DESIGN §8): its key is an agent name, and the only files it may name are that agent's own files in
 * the agents folders of the targets, so a hostile lockfile cannot make `install` or `remove` delete,
 * or `--force` back up, any other path.
 */
export const lockfileSchema = lockfileSchemas().lockfileSchema;
