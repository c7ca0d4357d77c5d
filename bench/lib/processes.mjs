// Untimed process plumbing for setting scenarios up: one-off commands and background servers.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Runs a setup command to completion; throws with its output when it fails. Returns stdout. */
export function run(command, args, { cwd, env, label = `${command} ${args.join(" ")}` } = {}) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new Error(`${label}: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) throw new Error(`${label} exited with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Starts a long-running server whose output goes to `logFile`, not to a pipe: the timed runs block
 * the harness's event loop (spawnSync), and a server writing into a full pipe would stall with it.
 * `ready()` is polled until it returns a value; the server dying first is an error showing its log.
 */
export async function startServer(command, args, { cwd, env, logFile, ready, timeoutMs = 30_000 }) {
  const fd = openSync(logFile, "w");
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  let exited;
  child.on("exit", (code, signal) => (exited = code ?? signal));
  const log = () => readFileSync(logFile, "utf8");
  const stop = async () => {
    if (exited !== undefined) return;
    const done = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await done;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`${args.join(" ")} exited (${exited}) before it was ready:\n${log()}`);
    const value = await ready(log).catch(() => undefined);
    if (value !== undefined) return { value, stop, pid: child.pid };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${args.join(" ")} was not ready after ${timeoutMs / 1000} s:\n${log()}`);
    }
    await sleep(50);
  }
}

/** A port that was free a moment ago, for servers that must be told their port up front. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
