// examples/serve-registry.mjs: serve a built registry over HTTP and install from it by URL.
import { addAgents, buildRegistry, initRegistrySource, publishAgent, scaffoldAgent, serveRegistry } from "@agentreg/sdk";

await initRegistrySource({ dir: "my-registry", name: "acme" });
const { path } = await scaffoldAgent({ name: "reviewer", description: "Reviews diffs for bugs. Use after a change.", out: "agents" });
await publishAgent({ file: path, to: "my-registry", version: "1.0.0" });
await buildRegistry({ source: "my-registry", out: "public" });

// 127.0.0.1 and a free port unless told otherwise.
const server = await serveRegistry({ dir: "public" });
try {
  console.log(`serving ${server.url.replace(/:\d+$/, ":<port>")}`);
  const { agents } = await addAgents({ dir: "app", specs: ["reviewer"], registry: server.url });
  for (const agent of agents) console.log(`${agent.action} ${agent.key}@${agent.version} -> app/${agent.path}`);
} finally {
  await server.close();
}
