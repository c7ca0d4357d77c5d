// examples/fetch-agent.mjs: download one agent, verified, without installing it.
import { writeFile } from "node:fs/promises";
import { computeIntegrity, fetchAgent } from "@agentreg/sdk";

const agent = await fetchAgent({ dir: process.cwd(), spec: "senior-backend-engineer@^1" });
console.log(`${agent.name}@${agent.version} from ${agent.registry}`);
console.log(`tarball ${agent.integrity.slice(0, 20)}…, file ${agent.bytes.length} bytes`);
// The bytes were checked against the registry's sha512 before they were returned; this re-check shows
// they are the same bytes a lockfile would pin.
console.log(`file hash matches: ${computeIntegrity(agent.bytes) === agent.fileIntegrity}`);
await writeFile(`${agent.version}-${agent.path.split("/").pop()}`, agent.bytes);
