// Issue 15: an unexpected error shows its stack only with `--verbose` or DEBUG=agentreg, and then with
// the bundle's source maps applied, so every frame of agentreg's own code names a packages/…/src/*.ts
// file and line instead of a position in minified dist/core.cjs.
import { readdir, readFile } from "node:fs/promises";
import { SourceMap, type SourceMapPayload } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCliError, REPO_ROOT, runCli, runTestBuildCli, SEED, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const DIST = join(REPO_ROOT, "packages/cli/dist");

/** Arms the test build's hook: a TypeError thrown from the install progress callback, inside addAgents. */
const FAIL_INSIDE_ADD = { AGENTREG_TEST_FAIL_ON: "planned" };
const FIRST_LINE = "agentreg: E_INTERNAL unexpected failure: test hook: AGENTREG_TEST_FAIL_ON=planned";

interface Frame {
  path: string;
  line: number;
}

/** The frames of a printed stack that name a TypeScript source of this repository. */
function sourceFrames(stderr: string): Frame[] {
  return [...stderr.matchAll(/^ {4}at (?:.* \()?(\/\S+\/packages\/(?:cli|sdk)\/src\/\S+\.ts):(\d+):\d+\)?$/gm)].map(([, path, line]) => ({ path: path!, line: Number(line) }));
}

async function sourceLine(frame: Frame): Promise<string | undefined> {
  return (await readFile(frame.path, "utf8")).split("\n")[frame.line - 1];
}

describe("an internal error", () => {
  it.each([
    ["--verbose", ["--verbose"], {}],
    ["DEBUG=agentreg", [], { DEBUG: "express,agentreg" }],
  ])("with %s prints its stack, each frame of agentreg's code at its .ts file and line", async (_how, flags, env) => {
    const result = await runTestBuildCli(["add", SEED.name, ...flags], { cwd: await makeTempDir(), env: { ...FAIL_INSIDE_ADD, ...env } });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe(FIRST_LINE);
    const frames = sourceFrames(result.stderr);
    // The top frame is the throw itself, and the stack runs through the SDK's add and the CLI's entry.
    expect(frames[0]?.path).toBe(join(REPO_ROOT, "packages/cli/src/test-hooks.ts"));
    expect(await sourceLine(frames[0]!)).toContain("throw new TypeError");
    expect(frames.map((frame) => frame.path.slice(REPO_ROOT.length))).toEqual(
      expect.arrayContaining(["packages/cli/src/commands/installing.ts", "packages/sdk/src/project/operations/add-agents.ts", "packages/cli/src/run-cli.ts"]),
    );
    for (const frame of frames) expect(await sourceLine(frame), `${frame.path}:${frame.line}`).toMatch(/\S/);
    // Frames of the bundle itself are left only for library code (commander here).
    const bundleFrames = result.stderr.split("\n").filter((line) => /dist-test\/\w+\.cjs:\d+/.test(line));
    expect(bundleFrames.length).toBeLessThan(frames.length);
  });

  it("without either prints the error and the hint, and no stack", async () => {
    const result = await runTestBuildCli(["add", SEED.name], { cwd: await makeTempDir(), env: FAIL_INSIDE_ADD });
    expectCliError(result, "E_INTERNAL");
    expect(result.stderr).toBe(`${FIRST_LINE}\n  hint: This is a bug in agentreg. Rerun with --verbose and report the output.\n`);
  });
});

describe("the published CLI (dist/)", () => {
  it("has no test hooks: the variable that breaks the test build changes nothing", async () => {
    const result = await runCli(["add", SEED.name, "--verbose"], { cwd: await makeTempDir(), env: FAIL_INSIDE_ADD });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`+ ${SEED.name}@1.0.0`);
  });

  it("ships a source map for each chunk of agentreg's code, naming only its TypeScript sources", async () => {
    const maps = (await readdir(DIST)).filter((name) => name.endsWith(".map")).sort();
    expect(maps).toEqual(["agentreg.cjs.map", "cold.cjs.map", "core.cjs.map", "git.cjs.map"]);
    for (const name of maps) {
      const code = await readFile(join(DIST, name.replace(/\.map$/, "")), "utf8");
      expect(code.trimEnd().endsWith(`//# sourceMappingURL=${name}`), name).toBe(true);
      const map = JSON.parse(await readFile(join(DIST, name), "utf8")) as SourceMapPayload;
      expect(map.sources.length, name).toBeGreaterThan(0);
      for (const source of map.sources) expect(join(DIST, source), name).toMatch(/\/packages\/(cli|sdk)\/src\/[\w/-]+\.ts$/);
    }
  });

  it("maps agentreg's code to its source, and leaves a library's code unmapped rather than mapped to the wrong file", async () => {
    const core = await readFile(join(DIST, "core.cjs"), "utf8");
    const map = new SourceMap(JSON.parse(await readFile(join(DIST, "core.cjs.map"), "utf8")) as SourceMapPayload);
    const entryAt = (text: string) => {
      const offset = core.indexOf(text);
      expect(offset, text).toBeGreaterThan(-1);
      const lines = core.slice(0, offset).split("\n");
      return map.findEntry(lines.length - 1, lines.at(-1)!.length) as { originalSource?: string; originalLine?: number };
    };
    const ours = entryAt("unexpected failure: ");
    // Sources are relative to the map, as Node resolves them.
    expect(join(DIST, ours.originalSource ?? "")).toBe(join(REPO_ROOT, "packages/cli/src/render/render-error.ts"));
    expect((await readFile(join(DIST, ours.originalSource!), "utf8")).split("\n")[ours.originalLine!]).toContain("unexpected failure: ");
    // commander's own message: its code has no mapping at all.
    expect(entryAt("unknown option '").originalSource).toBeUndefined();
  });
});
