// examples/install-agents.mjs: what CI runs; install exactly what agentreg.lock pins, or fail.
import { readFile, writeFile } from "node:fs/promises";
import { CONFIG_FILE, installAgents } from "@agentreg/sdk";

const dir = process.cwd();
// A project that wants one agent (normally committed, written by `agentreg add`).
const wanted = { agents: { "code-reviewer": "^1.0.0" } };
await writeFile(CONFIG_FILE, `${JSON.stringify(wanted, null, 2)}\n`);

// The first install resolves and writes agentreg.lock; commit it.
const first = await installAgents({ dir });
console.log(`first: ${first.agents.map((a) => `${a.action} ${a.key}@${a.version}`).join(", ")}; lockfile changed: ${first.lockfileChanged}`);

// In CI: frozen, as `agentreg install --frozen`. Nothing resolves; a lockfile out of date is an error.
const ci = await installAgents({ dir, frozen: true });
console.log(`frozen: ${ci.agents.map((a) => `${a.action} ${a.key}@${a.version}`).join(", ")}; lockfile changed: ${ci.lockfileChanged}`);
console.log((await readFile("agentreg.lock", "utf8")).includes('"integrity": "sha512-') ? "agentreg.lock pins sha512 hashes" : "no hashes?");
