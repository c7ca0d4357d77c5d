// examples/install-agent.mjs: look an agent up, show what it may do, install it as `agentreg add` does.
// Run in a project folder: node install-agent.mjs [name]
import { addAgents, getAgentInfo, isAgentregError } from "@agentreg/sdk";

const name = process.argv[2] ?? "senior-backend-engineer";
try {
  const info = await getAgentInfo({ dir: process.cwd(), spec: name });
  console.log(`${info.name}@${info.resolved}: ${info.description.split(/(?<=[.!?])\s/)[0]}`);
  console.log(`tools: ${info.tools === "all" ? "all" : info.tools.join(", ")}`);

  const { agents } = await addAgents({
    dir: process.cwd(),
    specs: [`${name}@^${info.resolved}`],
    onEvent: (event) => {
      if (event.type === "resolved") console.log(`resolved ${event.key}@${event.version} in ${event.registry}`);
      if (event.type === "written") console.log(`wrote ${event.count} file(s)`);
    },
  });
  for (const agent of agents) console.log(`installed ${agent.path} (${agent.integrity.slice(0, 20)}…)`);
} catch (error) {
  if (!isAgentregError(error)) throw error;
  console.error(`${error.code}: ${error.message}\n${error.hint ?? ""}`);
  process.exitCode = 1;
}
