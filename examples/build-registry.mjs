// examples/build-registry.mjs: author an agent, publish it into a registry source, build static files.
import { buildRegistry, initRegistrySource, publishAgent, scaffoldAgent } from "@agentreg/sdk";

await initRegistrySource({ dir: "my-registry", name: "acme" });
const { path } = await scaffoldAgent({ name: "reviewer", description: "Reviews diffs for bugs. Use after a change.", out: "agents" });
const published = await publishAgent({ file: path, to: "my-registry", version: "1.0.0", license: "MIT" });
console.log(`${published.status} ${published.name}@${published.version}`);

// The folder `public` can now be served by any static host (see serve-registry.mjs).
const built = await buildRegistry({ source: "my-registry", out: "public" });
console.log(`built ${built.agents} agent(s), ${built.versions} version(s) into ${built.out}:`);
for (const file of built.files) console.log(`  ${file}`);
