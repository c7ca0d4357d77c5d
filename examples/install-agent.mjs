// Looks an agent up in the builtin registry, shows its tool grants, and installs it into the
// current folder, exactly as `agentreg add` would. Run: node examples/install-agent.mjs [name]
import { addAgents, getAgentInfo, isAgentregError } from "@agentreg/sdk";

const name = process.argv[2] ?? "senior-backend-engineer";
try {
  const info = await getAgentInfo({ dir: process.cwd(), spec: name });
  console.log(`${info.name}@${info.resolved}: ${info.description}`);
  console.log(`tools: ${info.tools === "all" ? "all" : info.tools.join(", ")}`);

  const { agents } = await addAgents({
    dir: process.cwd(),
    specs: [`${name}@^${info.resolved}`],
    onEvent: (event) => console.log(`${event.type} ${event.key}@${event.version}`),
  });
  for (const agent of agents) console.log(`installed ${agent.path} (${agent.integrity.slice(0, 20)}…)`);
} catch (error) {
  if (!isAgentregError(error)) throw error;
  console.error(`${error.code}: ${error.message}\n${error.hint ?? ""}`);
  process.exitCode = 1;
}
