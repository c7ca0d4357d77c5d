// Builds the repository's registry/ source into packages/sdk/builtin/: the snapshot the SDK reads as
// the `builtin` registry, and that the CLI bundle embeds.
import { fileURLToPath } from "node:url";
import { buildRegistry } from "../dist/index.js";

const source = fileURLToPath(new URL("../../../registry/", import.meta.url));
const out = fileURLToPath(new URL("../builtin/", import.meta.url));
// The CLI installs from the builtin registry through the agentreg protocol only: the Claude Code
// marketplace files and the catalog website would make the bundle bigger for nothing.
const result = await buildRegistry({ source, out, marketplace: false, site: false });
console.log(`builtin registry: ${result.agents} agents, ${result.versions} versions, ${result.bytes} bytes`);
