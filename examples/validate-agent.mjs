// examples/validate-agent.mjs: check an agent file the way Claude Code reads it, plus agentreg's rules.
import { validateAgent } from "@agentreg/sdk";

const text = ["---", "name: reviewer", "description: Reviews diffs: bugs, risky changes.", "tools: Read, Grep", "---", "You review code.", ""].join("\n");
const result = validateAgent({ bytes: new TextEncoder().encode(text), fileName: "reviewer.md" });
console.log(`ok: ${result.ok}, loaded as: ${result.agent?.name}, repaired: ${result.repaired}`);
for (const issue of result.issues) console.log(`  ${issue.severity} ${issue.ruleId} (line ${issue.line ?? "-"}): ${issue.message}`);

const broken = validateAgent({ text: "---\nname: reviewer\n---\nNo description.\n", fileName: "reviewer.md" });
console.log(`ok: ${broken.ok}`);
for (const issue of broken.issues) console.log(`  ${issue.severity} ${issue.ruleId}: ${issue.message}`);
