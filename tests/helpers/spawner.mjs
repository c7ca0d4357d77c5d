// A small Node process that starts the tests' child processes for them (see runProcess in
// fixtures.ts). Starting a process forks the one that asks, and forking the test runner, a process of
// a gigabyte or more, copied its page tables for each of the suite's ~1,500 processes (~25 s of CPU,
// measured with `perf record -a`); forking this one costs a fraction of that. Each request is one
// process, started with exactly the command, arguments, folder, environment and timeout it names.
import { spawn } from "node:child_process";

process.on("message", ({ id, command, args, cwd, env, timeoutMs }) => {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
  const stdout = [];
  const stderr = [];
  child.stdout.on("data", (chunk) => stdout.push(chunk));
  child.stderr.on("data", (chunk) => stderr.push(chunk));
  child.on("error", (error) => process.send({ id, error: { message: error.message, code: error.code } }));
  child.on("close", (code) => process.send({ id, code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }));
});

// The test worker that started this process is gone: so is the need for it.
process.on("disconnect", () => process.exit(0));
