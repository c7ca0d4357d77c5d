// Issue 16: a git registry's first request starts in the CLI's entry, before the core (commander, the
// commands, most of the SDK) is loaded, and the command takes it over. The order is read from a
// preload that logs the CLI's child processes and its require of core.cjs, in the order they happen.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI_PATH, runProcess, useTempDirs } from "../helpers/fixtures.js";
import { makeReviewerRepo } from "../helpers/git-fixtures.js";

const makeFileDir = useTempDirs("file");
const makeTempDir = useTempDirs();
let location = "";
let preload = "";

beforeAll(async () => {
  location = await makeReviewerRepo(await makeFileDir("early-repo"));
  preload = join(await makeFileDir("preload"), "order.cjs");
  await writeFile(
    preload,
    `const fs = require("node:fs"), Module = require("node:module"), cp = require("node:child_process");
const log = (line) => fs.appendFileSync(process.env.ORDER_LOG, line + "\\n");
const load = Module._load;
Module._load = function (request) { if (/core\\.cjs$/.test(request)) log("load core"); return load.apply(this, arguments); };
const spawn = cp.spawn;
cp.spawn = function (command, args) { log(command + " " + args.find((arg) => !arg.startsWith("-"))); return spawn.apply(this, arguments); };
`,
  );
});

/** What the CLI did, in order: `load core` and `git <command>` lines. */
async function order(args: string[]): Promise<{ code: number | null; stderr: string; steps: string[] }> {
  const log = join(await makeTempDir("log"), "order.log");
  const result = await runProcess(process.execPath, ["--require", preload, CLI_PATH, ...args], { cwd: await makeTempDir(), env: { AGENTREG_CACHE: await makeTempDir("cache"), ORDER_LOG: log } });
  const steps = (await readFile(log, "utf8").catch(() => "")).split("\n").filter((line) => line !== "");
  return { code: result.code, stderr: result.stderr, steps };
}

describe("the first request of a --registry git registry", () => {
  it("starts before the core is loaded, and the add takes it over: one fetch", async () => {
    const { code, stderr, steps } = await order(["add", "reviewer", "--registry", location]);
    expect(code, stderr).toBe(0);
    // The fetch, and the cat-file that will read the files it brings, both before the core.
    expect(steps.slice(0, 3)).toEqual(["git fetch", "git cat-file", "load core"]);
    expect(steps.filter((step) => step === "git fetch" || step === "git ls-remote")).toEqual(["git fetch"]);
  });

  it.each([
    ["asked for help", ["add", "reviewer", "--registry", "<git>", "--help"]],
    ["offline", ["add", "reviewer", "--registry", "<git>", "--offline"]],
    ["given before the command", ["--registry", "<git>", "add", "reviewer"]],
  ])("waits for the command when the line is %s", async (_case, args) => {
    const { stderr, steps } = await order(args.map((arg) => (arg === "<git>" ? location : arg)));
    expect(steps[0], stderr).toBe("load core");
  });
});
