// examples/verify-project.mjs: check every installed agent file against agentreg.lock.
import { appendFile } from "node:fs/promises";
import { addAgents, verifyProject } from "@agentreg/sdk";

const dir = process.cwd();
await addAgents({ dir, specs: ["code-reviewer"] });
console.log(`after add: ok=${(await verifyProject({ dir })).ok}`);

// An edit by hand is found: the file no longer matches its sha512 in the lockfile.
await appendFile(".claude/agents/code-reviewer.md", "\nAlso check the tests.\n");
const { ok, problems } = await verifyProject({ dir, strict: true });
console.log(`after an edit: ok=${ok}`);
for (const agent of problems) console.log(`  ${agent.key}: ${agent.state} (${agent.path})`);
