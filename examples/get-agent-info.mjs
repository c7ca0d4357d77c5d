// examples/get-agent-info.mjs: what a registry says about an agent, and what its file grants.
import { getAgentInfo } from "@agentreg/sdk";

const info = await getAgentInfo({ dir: process.cwd(), spec: "code-reviewer" });
console.log(`${info.name} ${info.resolved} from ${info.registry}, license ${info.license ?? "none"}`);
console.log(`tools: ${info.tools === "all" ? "all" : info.tools.join(", ")}`);
console.log(`model: ${info.model ?? "inherit"}`);
for (const version of info.versions) console.log(`  ${version.version}  ${version.integrity.slice(0, 24)}…`);
