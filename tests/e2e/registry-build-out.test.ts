// Issue 12: `registry build --out DIR` deletes what DIR held, so it replaces DIR only when DIR is
// absent, empty, or an earlier build (every build leaves a `.agentreg-build` marker). Anything else
// is E_EXISTS naming DIR, with nothing deleted: an index.json alone (a web project has one) is not
// proof that agentreg wrote the folder.
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, assertSucceeded, expectCliError, runCli, snapshotTree, useRegistry, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();
const registry = useRegistry([{ name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Alpha agent" }) }]);
const MARKER = ".agentreg-build";

function build(out: string, flags: string[] = []) {
  return runCli([...flags, "registry", "build", registry.source, "--out", out], { cwd: registry.source });
}

describe("registry build --out", () => {
  it("marks its output, and a second build replaces the marked folder", async () => {
    const out = join(await makeTempDir("out"), "public");
    assertSucceeded(await build(out), "first build");
    expect(JSON.parse(await readFile(join(out, MARKER), "utf8"))).toEqual({ builtBy: "agentreg registry build", format: 1 });
    await writeFile(join(out, "agents/stale.json"), "{}");
    assertSucceeded(await build(out), "second build");
    expect(await snapshotTree(out)).not.toHaveProperty(["agents/stale.json"]);
  });

  it.each([
    {
      what: "a web project that happens to have an index.json",
      make: async (out: string) => {
        await writeFile(join(out, "index.json"), '{"name":"my-site"}\n');
        await mkdir(join(out, "src"));
        await writeFile(join(out, "src/main.ts"), "export {};\n");
      },
    },
    {
      what: "an index.json and agents/ beside a file no build writes",
      make: async (out: string) => {
        await writeFile(join(out, "index.json"), '{"schemaVersion":1,"agents":[]}\n');
        await mkdir(join(out, "agents"));
        await writeFile(join(out, "notes.txt"), "mine\n");
      },
    },
    {
      what: "only build-like names, but an index.json that is not a registry index",
      make: async (out: string) => {
        await writeFile(join(out, "index.json"), '{"pages":["home"]}\n');
        await mkdir(join(out, "agents"));
        await writeFile(join(out, "agents/reviewer.md"), "my agent\n");
      },
    },
    {
      what: "a marker with other content",
      make: async (out: string) => {
        await writeFile(join(out, MARKER), "not ours\n");
        await writeFile(join(out, "thesis.tex"), "\\begin{document}\n");
      },
    },
  ])("refuses a folder holding $what: E_EXISTS naming it, nothing deleted", async ({ make }) => {
    const out = await makeTempDir("out");
    await make(out);
    const before = await snapshotTree(out);
    const result = await build(out);
    expectCliError(result, "E_EXISTS");
    expect(result.stderr.split("\n")[0]).toBe(`agentreg: E_EXISTS ${out} is not empty and holds no earlier agentreg build; registry build replaces only an empty folder or an earlier build`);
    expect(await snapshotTree(out)).toEqual(before);
    // --dry-run says so too, instead of "would build".
    expectCliError(await build(out, ["--dry-run"]), "E_EXISTS");
  });

  it.each([
    { what: "a file", make: (out: string) => writeFile(out, "precious\n"), says: "is not a folder" },
    { what: "a symlink to a folder", make: async (out: string) => symlink(await makeTempDir("target"), out), says: "is a symlink" },
  ])("refuses an --out that is $what, and leaves it", async ({ make, says }) => {
    const parent = await makeTempDir("parent");
    const out = join(parent, "public");
    await make(out);
    const before = await snapshotTree(parent);
    const result = await build(out);
    expectCliError(result, "E_EXISTS");
    expect(result.stderr.split("\n")[0]).toContain(`${out} ${says}`);
    expect(await snapshotTree(parent)).toEqual(before);
  });

  it("replaces an empty folder, and a build from before the marker (protocol and marketplace files only, no catalog)", async () => {
    const empty = await makeTempDir("empty");
    assertSucceeded(await build(empty), "build into an empty folder");
    expect(await snapshotTree(empty)).toHaveProperty([MARKER]);

    const old = join(await makeTempDir("old"), "public");
    assertSucceeded(await runCli(["registry", "build", registry.source, "--out", old, "--no-site"], { cwd: registry.source }), "build");
    await rm(join(old, MARKER));
    await writeFile(join(old, "tarballs/stale.tgz"), "stale");
    assertSucceeded(await build(old), "rebuild over an unmarked build");
    const tree = await snapshotTree(old);
    expect(tree).toHaveProperty([MARKER]);
    expect(tree).not.toHaveProperty(["tarballs/stale.tgz"]);
  });
});
