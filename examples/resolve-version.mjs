// examples/resolve-version.mjs: which version a range means, as `agentreg add name@range` picks it.
import { createBuiltinSource, createRegistryClient, resolveVersion } from "@agentreg/sdk";

const client = createRegistryClient(createBuiltinSource());
const packument = await client.getPackument("senior-backend-engineer");
for (const range of ["^1.0.0", "latest", "1.0.0"]) {
  const { version, entry } = resolveVersion({ packument, range });
  console.log(`${range} -> ${version} (${entry.size} bytes, ${entry.integrity.slice(0, 20)}…)`);
}
