// Runs a Node program in this process and, at exit, writes its peak resident memory to a file:
//
//     node bench/lib/max-rss.mjs <report.json> <program.mjs> [args…]
//
// A portable stand-in for GNU `/usr/bin/time -f %M`, which not every machine has. The program sees
// the argv it would see if started directly, and sets its exit code as usual.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [reportFile, program, ...args] = process.argv.slice(2);
if (!reportFile || !program) {
  process.stderr.write("usage: node max-rss.mjs <report.json> <program.mjs> [args…]\n");
  process.exit(2);
}
process.on("exit", () => {
  // resourceUsage().maxRSS is in kibibytes (getrusage(2) ru_maxrss on Linux).
  writeFileSync(reportFile, `${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
});
process.argv = [process.argv[0], resolve(program), ...args];
await import(pathToFileURL(resolve(program)).href);
