// The built agentreg CLI as the harness uses it: registry builds with their cost, and registry servers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, startServer } from "./processes.mjs";

const maxRssWrapper = fileURLToPath(new URL("max-rss.mjs", import.meta.url));

/** Runs `agentreg <args>` to completion (untimed setup); returns stdout. */
export function agentreg(args, { cli, cwd, env }) {
  return run(process.execPath, [cli, ...args], { cwd, env, label: `agentreg ${args.join(" ")}` });
}

/** `agentreg registry build <source> --out <out>`, once, with its wall time and peak memory. */
export function buildRegistry({ cli, source, out, env, scratch }) {
  const report = join(scratch, "build-max-rss.json");
  const start = process.hrtime.bigint();
  run(process.execPath, [maxRssWrapper, report, cli, "registry", "build", source, "--out", out], { env, label: `agentreg registry build ${source}` });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, maxRssBytes: JSON.parse(readFileSync(report, "utf8")).maxRssBytes };
}

/** `agentreg registry serve <dir>` in the background; resolves once it has printed its URL. */
export async function serveRegistry({ cli, dir, env, logFile }) {
  const server = await startServer(process.execPath, [cli, "registry", "serve", dir, "--port", "0"], {
    env,
    logFile,
    ready: async (log) => /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(log())?.[1],
  });
  return { url: server.value, stop: server.stop };
}
