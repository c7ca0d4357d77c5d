import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  agentText,
  expectCliError,
  flipByte,
  installSeed,
  jsonError,
  makeRegistry,
  REPO_ROOT,
  runCli,
  SEED,
  snapshotTree,
  updateJson,
  useTempDirs,
} from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

/** A built registry holding alpha 1.0.0, the test's own to tamper with. */
async function makeAlphaRegistry(): Promise<string> {
  const registry = await makeRegistry([{ name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Alpha agent" }) }], await makeTempDir("registry"));
  return registry.out;
}

/** The commands and aliases `agentreg --help` lists. */
async function commandNames(cwd: string): Promise<Set<string>> {
  const help = await runCli(["--help"], { cwd });
  const section = help.stdout.split("\nCommands:\n")[1]?.split("\n\n")[0] ?? "";
  return new Set([...section.matchAll(/^ {2}([a-z-]+)(?:\|([a-z-]+))?/gm)].flatMap((match) => [match[1], match[2]].filter((name): name is string => name !== undefined)));
}

describe("a bad spec exits 1 and writes nothing", () => {
  it.each([
    { spec: "senior-backend-enginer", code: "E_NOT_FOUND", says: "Did you mean `senior-backend-engineer`?" },
    { spec: "no-such-agent", code: "E_NOT_FOUND", says: "no agent named no-such-agent" },
    { spec: `${SEED.name}@^9`, code: "E_NO_MATCH", says: "1.0.0" },
    { spec: "Bad_Name", code: "E_INVALID_NAME", says: "Bad_Name" },
    { spec: "con", code: "E_INVALID_NAME", says: "reserved" },
    { spec: "../evil", code: "E_INVALID_NAME", says: "../evil" },
    { spec: "@acme/../evil", code: "E_INVALID_NAME", says: "../evil" },
  ])("add $spec fails with $code", async ({ spec, code, says }) => {
    const project = await makeTempDir();
    const result = await runCli(["add", spec], { cwd: project });
    expectCliError(result, code);
    expect(result.stderr).toContain(says);
    // No agentreg.json, no .claude, no temp files.
    expect(await snapshotTree(project)).toEqual({});
  });

  it("with --json the error is one JSON object on stderr, with the suggestions as data", async () => {
    const project = await makeTempDir();
    const result = await runCli(["add", "senior-backend-enginer", "--json"], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(jsonError(result)).toMatchObject({ code: "E_NOT_FOUND", subject: "senior-backend-enginer", details: { suggestions: [SEED.name] } });
  });

  it("with --json an unsatisfiable range lists the published versions", async () => {
    const result = await runCli(["add", `${SEED.name}@^9`, "--json"], { cwd: await makeTempDir() });
    expect(jsonError(result)).toMatchObject({ code: "E_NO_MATCH", details: { versions: ["1.0.0"] } });
  });
});

describe("malformed project files are named with a position, never a stack trace", () => {
  const trailingComma = `{\n  "agents": {\n    "${SEED.name}": "^1.0.0",\n  }\n}\n`;
  const commands = [`add ${SEED.name}`, "install", "install --frozen", "list", `remove ${SEED.name}`, `info ${SEED.name}`, "search backend"].map((command) => ({
    command,
    args: command.split(" "),
  }));

  it.each(commands)("$command with a trailing comma in agentreg.json fails with E_CONFIG", async ({ args }) => {
    const project = await makeTempDir();
    await writeFile(join(project, "agentreg.json"), trailingComma);
    const result = await runCli(args, { cwd: project });
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).toContain(join(project, "agentreg.json"));
    expect(result.stderr).toContain("line 4, column 3");
    expect(await snapshotTree(project)).toEqual({ "agentreg.json": trailingComma });
  });

  it.each(commands.slice(0, 5))("$command with a truncated agentreg.lock fails with E_LOCKFILE", async ({ args }) => {
    const project = await makeTempDir();
    await installSeed(project);
    const lock = (await readFile(join(project, "agentreg.lock"), "utf8")).slice(0, 60);
    await writeFile(join(project, "agentreg.lock"), lock);
    const before = await snapshotTree(project);

    const result = await runCli(args, { cwd: project });
    expectCliError(result, "E_LOCKFILE");
    expect(result.stderr).toContain(join(project, "agentreg.lock"));
    expect(result.stderr).toMatch(/line \d+, column \d+/);
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("an agentreg.json of the wrong shape names the offending field", async () => {
    const project = await makeTempDir();
    await writeFile(join(project, "agentreg.json"), JSON.stringify({ agents: { [SEED.name]: 1 } }));
    const result = await runCli(["install"], { cwd: project });
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).toContain(`agents.${SEED.name}`);
  });
});

describe("bad usage exits 2 with E_USAGE", () => {
  it.each([
    { usage: "an unknown global option", args: ["--bogus"] },
    { usage: "an unknown command option", args: ["add", SEED.name, "--bogus"] },
    { usage: "an unknown command", args: ["frobnicate"] },
    { usage: "a missing argument", args: ["add"] },
    { usage: "a bad option value", args: ["search", "--limit", "0"] },
    { usage: "a missing required option", args: ["publish", "agent.md", "--to", "registry"] },
    { usage: "a spec whose range is not a range", args: ["add", `${SEED.name}@not a range`] },
    { usage: "a spec that ends with @", args: ["add", `${SEED.name}@`] },
  ])("$usage", async ({ args }) => {
    const project = await makeTempDir();
    expectCliError(await runCli(args, { cwd: project }), "E_USAGE", 2);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("with --json a usage error is a JSON object too", async () => {
    const result = await runCli(["add", "--bogus", "--json"], { cwd: await makeTempDir() });
    expect(result.code).toBe(2);
    expect(jsonError(result)).toMatchObject({ code: "E_USAGE", message: expect.stringContaining("--bogus") });
  });

  it("agentreg alone shows the help and says a command is missing", async () => {
    const result = await runCli([], { cwd: await makeTempDir() });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("Usage: agentreg");
    // Commander's internal code is not a message a user can act on.
    expect(result.stderr).not.toContain("(outputHelp)");
    expect(result.stderr).toMatch(/^agentreg: E_USAGE .*command/m);
  });

  it("--version prints the version of packages/cli/package.json", async () => {
    const { version } = JSON.parse(await readFile(join(REPO_ROOT, "packages/cli/package.json"), "utf8")) as { version: string };
    expect(await runCli(["--version"], { cwd: await makeTempDir() })).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("a tampered registry is refused and nothing is installed", () => {
  it("a tarball changed after the build fails with E_INTEGRITY", async () => {
    const registry = await makeAlphaRegistry();
    await flipByte(join(registry, "tarballs/alpha/alpha-1.0.0.tgz"));
    const project = await makeTempDir();

    const result = await runCli(["add", "alpha", "--registry", registry], { cwd: project });
    expectCliError(result, "E_INTEGRITY");
    expect(await snapshotTree(project)).toEqual({});
  });

  it.each([
    { change: "removed", integrity: undefined },
    { change: "emptied", integrity: "" },
    { change: "downgraded to sha1", integrity: "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=" },
  ])("a packument whose integrity was $change is refused", async ({ integrity }) => {
    const registry = await makeAlphaRegistry();
    await updateJson(join(registry, "agents/alpha.json"), (packument) => {
      packument.versions["1.0.0"].integrity = integrity;
    });
    const project = await makeTempDir();

    const result = await runCli(["add", "alpha", "--registry", registry], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_(REGISTRY|INTEGRITY) /);
    expect(await snapshotTree(project)).toEqual({});
  });
});

describe("a --registry that is not a registry", () => {
  it.each([
    { what: "does not exist", registry: (dir: string) => join(dir, "missing") },
    { what: "is an empty folder", registry: (dir: string) => dir },
  ])("a folder that $what is reported as a bad registry, not as a missing agent", async ({ registry }) => {
    const project = await makeTempDir();
    const result = await runCli(["add", "alpha", "--registry", registry(await makeTempDir("registry"))], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_(REGISTRY|NOT_FOUND) /);
    expect(result.stderr).not.toContain("no agent named alpha");
    expect(await snapshotTree(project)).toEqual({});
  });
});

describe("hints", () => {
  it.each([
    {
      failure: "a tarball that does not match its integrity",
      run: async (project: string) => {
        const registry = await makeAlphaRegistry();
        await flipByte(join(registry, "tarballs/alpha/alpha-1.0.0.tgz"));
        return runCli(["add", "alpha", "--registry", registry], { cwd: project });
      },
    },
    {
      failure: "a lock integrity in a weak format",
      run: async (project: string) => {
        await installSeed(project);
        await updateJson(join(project, "agentreg.lock"), (lock) => {
          lock.agents[SEED.name].integrity = "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=";
        });
        await rm(join(project, ".claude"), { recursive: true });
        return runCli(["install", "--frozen"], { cwd: project });
      },
    },
  ])("after $failure only name agentreg commands that exist", async ({ run }) => {
    const project = await makeTempDir();
    const result = await run(project);
    expect(result.code).toBe(1);
    const suggested = [...result.stderr.matchAll(/`agentreg ([a-z-]+)/g)].map((match) => match[1] as string);
    expect(suggested.length).toBeGreaterThan(0);
    const known = await commandNames(project);
    expect(suggested.filter((command) => !known.has(command))).toEqual([]);
  });
});
