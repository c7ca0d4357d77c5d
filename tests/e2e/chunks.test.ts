// Which of the CLI's chunks a command reads (packages/cli/scripts/bundle.mjs): `add` and `install`
// never read dist/cold.cjs (authoring, static builds, the site, the other operations) or
// dist/semver.cjs (semver itself, for what is not a plain x.y.z version), and the commands that need
// them find them there. Read from a preload that logs every chunk the CLI requires.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addSeed, CLI_PATH, runProcess, SEED, useTempDirs } from "../helpers/fixtures.js";
import { makeReviewerRepo } from "../helpers/git-fixtures.js";

const makeFileDir = useTempDirs("file");
const makeTempDir = useTempDirs();
let location = "";
let preload = "";

beforeAll(async () => {
  location = await makeReviewerRepo(await makeFileDir("chunks-repo"));
  preload = join(await makeFileDir("preload"), "chunks.cjs");
  await writeFile(
    preload,
    `const fs = require("node:fs"), Module = require("node:module");
const load = Module._load;
Module._load = function (request) { const chunk = /([\\w-]+)\\.cjs$/.exec(request); if (chunk) fs.appendFileSync(process.env.CHUNK_LOG, chunk[1] + "\\n"); return load.apply(this, arguments); };
`,
  );
});

/** Runs the CLI in `cwd`; returns its result and the chunks it required, each once, in order. */
async function chunksOf(args: string[], cwd: string, cache: string): Promise<{ code: number | null; stderr: string; chunks: string[] }> {
  const log = join(await makeTempDir("log"), "chunks.log");
  const result = await runProcess(process.execPath, ["--require", preload, CLI_PATH, ...args], { cwd, env: { AGENTREG_CACHE: cache, CHUNK_LOG: log } });
  const chunks = [...new Set((await readFile(log, "utf8").catch(() => "")).split("\n").filter((line) => line !== ""))];
  return { code: result.code, stderr: result.stderr, chunks };
}

describe("the chunks a command reads", () => {
  it("add and install of the builtin registry read neither the cold chunk nor semver", async () => {
    const cwd = await makeTempDir();
    const cache = await makeTempDir("cache");
    const add = await chunksOf(["add", SEED.name], cwd, cache);
    expect(add.code, add.stderr).toBe(0);
    expect(add.chunks).toContain("core");
    expect(add.chunks).not.toContain("cold");
    expect(add.chunks).not.toContain("semver");
    const install = await chunksOf(["install", "--frozen"], cwd, cache);
    expect(install.code, install.stderr).toBe(0);
    expect(install.chunks).not.toContain("cold");
  });

  it("a first and a second add from a git registry read no cold chunk", async () => {
    const cache = await makeTempDir("cache");
    for (const run of ["first", "second"]) {
      const result = await chunksOf(["add", "reviewer", "--registry", location], await makeTempDir(), cache);
      expect(result.code, `${run}: ${result.stderr}`).toBe(0);
      expect(result.chunks, run).toEqual(["agentreg", "git", "core"]);
    }
  });

  it("a command whose operation is in the cold chunk reads it, and works", async () => {
    const cwd = await makeTempDir();
    await addSeed(cwd);
    const list = await chunksOf(["list"], cwd, await makeTempDir("cache"));
    expect(list.code, list.stderr).toBe(0);
    expect(list.chunks).toContain("cold");
  });

  it("a range semver.ts does not answer itself reads the semver chunk, and resolves", async () => {
    const cwd = await makeTempDir();
    const result = await chunksOf(["add", `${SEED.name}@>=1.0.0 <2`], cwd, await makeTempDir("cache"));
    expect(result.code, result.stderr).toBe(0);
    expect(result.chunks).toContain("semver");
    expect(JSON.parse(await readFile(join(cwd, "agentreg.json"), "utf8")).agents[SEED.name]).toBe(">=1.0.0 <2");
  });
});
