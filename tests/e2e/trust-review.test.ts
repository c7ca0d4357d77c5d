// Issue 12, "What a reviewer sees is what the model gets" (DESIGN §8): the grants `add`, `install`,
// `update` and `info` show are read from the verified file that is installed, never from what the
// registry's packument or index claims; a version whose grants cannot be read counts as a widening;
// and nothing a registry, a lock or a config supplies reaches the terminal with a control, bidi or
// zero-width character in it.
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectCliError, type ProcessResult, readJson, setWantedRange, sha512Sri, snapshotTree, updateJson, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { hostileRegistry, tgz } from "../helpers/hostile-archives.js";
import { agentFile, useCli } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const { run } = useCli();

const HOOK = "hooks: { PreToolUse: [ { matcher: Bash, hooks: [ { type: command, command: ./check.sh } ] } ] }";
/** Every grant-like field Claude Code reads, in the frontmatter of `liar`. */
const GRANTS = ["tools: Read, Bash", "disallowedTools: Write", "permissionMode: acceptEdits", "mcpServers: [github]", HOOK, "model: opus"];
/** How `add` and `install` summarise those grants. */
const GRANTS_LINE = "(tools: Read, Bash; disallowedTools: Write; permissionMode: acceptEdits; mcpServers: github; hooks: PreToolUse)";
/** Frontmatter strict YAML and Claude Code's quoting retry both reject: Claude Code loads nothing. */
const UNPARSEABLE = (name: string): string => `---\nname: ${name}\ndescription: "The ${name} agent"\n"tools: Read\n---\nYou are ${name}.\n`;

async function writeJson(path: string, json: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(json, null, 2)}\n`);
}

/** Serves other bytes for a published version, with the matching integrity and size (a republish). */
async function replaceVersionFile(registry: string, name: string, version: string, text: string): Promise<void> {
  const tarball = tgz([{ path: `package/${name}.md`, data: text }]);
  const path = join(registry, "agents", `${name}.json`);
  const packument = await readJson(path);
  const entry = packument.versions[version];
  await writeFile(join(registry, entry.tarball), tarball);
  entry.integrity = sha512Sri(tarball);
  entry.size = tarball.length;
  await writeJson(path, packument);
}

/** Sets the range agentreg.json wants for `name`, keeping the registry its entry names, if any. */
async function setRange(project: string, name: string, range: string): Promise<void> {
  await updateJson(join(project, "agentreg.json"), (json) => setWantedRange(json, name, range));
}

/** A project with `name@version` added from `registry` and its range widened to ^1.0.0, so `update` can move it. */
async function projectWith(registry: string, name: string, version = "1.0.0"): Promise<string> {
  const project = await makeTempDir();
  const added = await run(["add", `${name}@${version}`, "--registry", registry], project);
  expect(added.code, added.stderr).toBe(0);
  await setRange(project, name, "^1.0.0");
  return project;
}

/** A copy of a shared registry that one test may tamper with. */
async function copyOf(registry: string): Promise<string> {
  const copy = join(await makeTempDir("registry"), "registry");
  await cp(registry, copy, { recursive: true });
  return copy;
}

describe("grants are read from the installed file, not from the registry's metadata", () => {
  const registry = useRegistry([
    { name: "liar", version: "1.0.0", text: agentFile("liar", "1.0.0", GRANTS) },
    { name: "liar", version: "1.1.0", text: agentFile("liar", "1.1.0", GRANTS) },
    { name: "quiet", version: "1.0.0", text: agentFile("quiet", "1.0.0") },
  ]);

  // The registry then claims a harmless `tools: Read` for every version, in the packument and the index.
  beforeAll(async () => {
    for (const name of ["liar", "quiet"]) {
      const path = join(registry.out, "agents", `${name}.json`);
      const packument = await readJson(path);
      for (const entry of Object.values<any>(packument.versions)) entry.frontmatter = { name, description: `The ${name} agent`, tools: "Read" };
      await writeJson(path, packument);
    }
    const index = await readJson(join(registry.out, "index.json"));
    for (const agent of index.agents) {
      agent.tools = ["Read"];
      delete agent.model;
    }
    await writeJson(join(registry.out, "index.json"), index);
  });

  it("info prints every grant of the resolved version's file, and `tools: all` for a file without a tools line", async () => {
    const project = await makeTempDir();
    const liar = await run(["info", "liar", "--registry", registry.out], project);
    expect(liar.code, liar.stderr).toBe(0);
    for (const line of ["tools: Read, Bash", "disallowedTools: Write", "permissionMode: acceptEdits", "mcpServers: github", "hooks: PreToolUse", "model: opus"]) {
      expect(liar.stdout).toMatch(new RegExp(`^${line}$`, "m"));
    }
    const quiet = await run(["info", "quiet", "--registry", registry.out], project);
    expect(quiet.stdout).toMatch(/^tools: all \(no tools line: inherits every tool\)$/m);
  });

  it("info --json carries the file's grants", async () => {
    const result = await run(["info", "liar@1.0.0", "--json", "--registry", registry.out], await makeTempDir());
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      resolved: "1.0.0",
      tools: ["Read", "Bash"],
      disallowedTools: ["Write"],
      permissionMode: "acceptEdits",
      mcpServers: ["github"],
      hooks: ["PreToolUse"],
      model: "opus",
    });
  });

  it("add summarises the grants of the bytes it wrote", async () => {
    const result = await run(["add", "liar", "quiet", "--registry", registry.out], await makeTempDir());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`+ liar@1.1.0 -> .claude/agents/liar.md ${GRANTS_LINE}`);
    expect(result.stdout).toContain("+ quiet@1.0.0 -> .claude/agents/quiet.md (tools: all)");
  });

  it("install summarises the grants of a version it moves to, from the fetched file", async () => {
    const project = await projectWith(registry.out, "liar");
    await setRange(project, "liar", "^1.1.0");
    const result = await run(["install"], project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`↑ liar@1.1.0 (was 1.0.0) -> .claude/agents/liar.md ${GRANTS_LINE}`);
  });

  it("update --json reports the grants of the version it installed", async () => {
    const project = await projectWith(registry.out, "liar");
    const result = await run(["update", "--json"], project);
    expect(result.code, result.stderr).toBe(0);
    const [change] = (JSON.parse(result.stdout) as { agents: Array<Record<string, unknown>> }).agents;
    expect(change).toMatchObject({ version: "1.1.0", previousVersion: "1.0.0" });
    expect(change?.grants).toEqual({ tools: ["Read", "Bash"], disallowedTools: ["Write"], permissionMode: "acceptEdits", mcpServers: ["github"], hooks: ["PreToolUse"] });
    expect(change).not.toHaveProperty("tools");
  });

  it("search does not present the index's claimed tools as grants; it points to `agentreg info`", async () => {
    const result = await run(["search", "liar", "--registry", registry.out], await makeTempDir());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("liar@1.1.0");
    expect(result.stdout).not.toMatch(/tools/);
    expect(result.stderr).toMatch(/tool grants: `agentreg info [a-z0-9.-]+` reads them from the agent's own file/);
  });
});

describe("the permission gate treats grants it cannot read as a widening", () => {
  const registry = useRegistry([
    { name: "breaks", version: "1.0.0", text: agentFile("breaks", "1.0.0", ["tools: Read"]) },
    { name: "breaks", version: "1.1.0", text: agentFile("breaks", "1.1.0", ["tools: Read"]) },
    { name: "was-broken", version: "1.0.0", text: agentFile("was-broken", "1.0.0", ["tools: Read"]) },
    { name: "was-broken", version: "1.1.0", text: agentFile("was-broken", "1.1.0", ["tools: Read"]) },
    { name: "same-version", version: "1.1.0-beta.1", text: agentFile("same-version", "1.1.0-beta.1", ["tools: Read"]) },
  ]);

  it("a new version whose frontmatter does not parse is refused with E_PERMISSION_WIDENING, nothing changed", async () => {
    const copy = await copyOf(registry.out);
    const project = await projectWith(copy, "breaks");
    await replaceVersionFile(copy, "breaks", "1.1.0", UNPARSEABLE("breaks"));
    const before = await snapshotTree(project);

    const result = await run(["update"], project);
    expectCliError(result, "E_PERMISSION_WIDENING");
    expect(result.stderr.split("\n")[0]).toMatch(/^agentreg: E_PERMISSION_WIDENING widen breaks 1\.0\.0 → 1\.1\.0 .*1\.1\.0.*cannot be read/);
    expect(await snapshotTree(project)).toEqual(before);

    expect((await run(["update", "--allow-new-permissions"], project)).code).toBe(0);
    expect((await readJson(join(project, "agentreg.lock"))).agents.breaks.version).toBe("1.1.0");
  });

  it("moving away from an installed file whose frontmatter does not parse is refused, nothing changed", async () => {
    const copy = await copyOf(registry.out);
    await replaceVersionFile(copy, "was-broken", "1.0.0", UNPARSEABLE("was-broken"));
    const project = await projectWith(copy, "was-broken");
    const before = await snapshotTree(project);

    const result = await run(["update"], project);
    expectCliError(result, "E_PERMISSION_WIDENING");
    expect(result.stderr.split("\n")[0]).toMatch(/^agentreg: E_PERMISSION_WIDENING widen was-broken 1\.0\.0 → 1\.1\.0 .*1\.0\.0.*cannot be read/);
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("a version the lock already names is still compared when the registry now serves other bytes for it", async () => {
    const copy = await copyOf(registry.out);
    // An empty range makes install resolve the registry's latest again: the very version the lock names.
    const project = await projectWith(copy, "same-version", "1.1.0-beta.1");
    await setRange(project, "same-version", "");
    await replaceVersionFile(copy, "same-version", "1.1.0-beta.1", agentFile("same-version", "1.1.0-beta.1", ["tools: Read, Bash"]));
    await updateJson(join(copy, "agents", "same-version.json"), (packument) => (packument.distTags.latest = "1.1.0-beta.1"));
    const before = await snapshotTree(project);

    const result = await run(["install"], project);
    // Refused either as a widening or as a republished version; never installed unexamined.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: (E_PERMISSION_WIDENING|E_INTEGRITY) /);
    expect(await snapshotTree(project)).toEqual(before);
  });
});

describe("registry-, lock- and config-supplied text is escaped for the terminal", () => {
  const ESC = "\u001b";
  /** Terminal escapes, bidi overrides and isolates, marks, zero-width characters, a C1 CSI. */
  const H = `${ESC}[2J${ESC}]0;pwned\u0007\u202eexe.txt\u2066\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff\u009b31m`;
  /** Any character that is not shown as itself, except tab and newline. */
  const RAW = /(?![\t\n])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/u;
  const at = "2026-01-01T00:00:00.000Z";
  const plain = (body: string): string => `---\nname: escaper\ndescription: Plain.\ntools: Read\n---\n${body}\n`;

  /**
   * A registry in a folder whose very name (the registry id, in every location it prints) carries the
   * hostile text, as do its descriptions, keywords, license and deprecation messages. Versions and
   * dist-tags are plain, so every command works with it.
   */
  async function hostile(): Promise<string> {
    const dir = join(await makeTempDir("registry"), `reg${H}`);
    await mkdir(dir);
    await hostileRegistry(dir, "escaper", tgz([{ path: "package/escaper.md", data: plain("1.0.0") }]));
    const next = tgz([{ path: "package/escaper.md", data: plain("1.1.0") }]);
    await writeFile(join(dir, "tarballs/escaper/escaper-1.1.0.tgz"), next);
    await updateJson(join(dir, "index.json"), (index) => {
      index.agents[0].description = `Finds bugs ${H}`;
      index.agents[0].keywords = [`kw${H}`];
    });
    await updateJson(join(dir, "agents/escaper.json"), (packument) => {
      packument.description = `Finds bugs ${H}`;
      packument.keywords = [`kw${H}`];
      packument.license = `MIT${H}`;
      packument.distTags = { latest: "1.1.0" };
      const v100 = packument.versions["1.0.0"];
      v100.deprecated = `old ${H}`;
      packument.versions["1.1.0"] = { ...v100, integrity: sha512Sri(next), size: next.length, tarball: "tarballs/escaper/escaper-1.1.0.tgz", deprecated: `older ${H}` };
      packument.versions["1.3.0"] = { ...v100, deprecated: undefined, tarball: `tarballs/escaper/missing${H}.tgz` };
    });
    return dir;
  }

  /** `hostile()`, plus what the protocol's checks may refuse outright: a hostile version key, dist-tag and index entry. */
  async function hostileVersions(): Promise<string> {
    const dir = await hostile();
    await updateJson(join(dir, "index.json"), (index) => {
      index.agents.push({ name: `ghost${H}`, description: `Also finds bugs ${H}`, latest: `2.0.0${H}`, keywords: [], tools: [`Bash${H}`], updatedAt: at });
    });
    await updateJson(join(dir, "agents/escaper.json"), (packument) => {
      packument.distTags[`tag${H}`] = `1.0.0${H}`;
      packument.versions[`1.2.0${H}`] = { ...packument.versions["1.0.0"], deprecated: undefined };
    });
    return dir;
  }

  function expectEscaped(result: ProcessResult, what: string): void {
    const output = result.stdout + result.stderr;
    const found = RAW.exec(output);
    expect(found, `${what} printed U+${found?.[0].codePointAt(0)?.toString(16).toUpperCase()}:\n${output}`).toBeNull();
  }

  it("info, search, add, list, outdated and update print no raw invisible character", async () => {
    const registry = await hostile();
    const project = await makeTempDir();
    const steps: Array<[string, string[], number]> = [
      ["info", ["info", "escaper", "--registry", registry], 0],
      ["search", ["search", "bugs", "--registry", registry], 0],
      ["add", ["add", "escaper@1.0.0", "--registry", registry], 0],
    ];
    for (const [what, args, code] of steps) {
      const result = await run(args, project);
      expect(result.code, `${what}: ${result.stderr}`).toBe(code);
      expectEscaped(result, what);
    }
    await setRange(project, "escaper", "^1.0.0");
    for (const [what, args] of [
      ["list", ["list"]],
      ["outdated", ["outdated"]],
      ["update", ["update"]],
      ["list after update", ["list"]],
    ] as const) {
      const result = await run([...args], project);
      expect(result.code, `${what}: ${result.stderr}`).toBe(0);
      expectEscaped(result, what);
    }
    // The escapes are visible, not silently dropped.
    expect((await run(["info", "escaper", "--registry", registry], project)).stdout).toContain("\\u{202e}");
  });

  it.each([
    ["info", ["info", "escaper"]],
    ["search", ["search", "bugs"]],
  ])("%s escapes hostile version keys, dist-tags and index entries (or refuses them, escaped)", async (_what, args) => {
    const registry = await hostileVersions();
    const result = await run([...args, "--registry", registry], await makeTempDir());
    expectEscaped(result, args[0] ?? "");
  });

  it.each([
    ["a missing tarball at a hostile path", ["add", "escaper@1.3.0"]],
    ["an unknown agent in a hostile registry", ["info", "nope"]],
    ["a hostile agent name", ["add", `escaper${H}`]],
    ["a hostile range", ["add", `escaper@${H}`]],
  ])("an error about %s is escaped, in text and in --json", async (_what, args) => {
    const registry = await hostile();
    const project = await makeTempDir();
    const text = await run([...args, "--registry", registry], project);
    expect(text.code).not.toBe(0);
    expect(text.stderr).toMatch(/^agentreg: E_[A-Z_]+ /);
    expectEscaped(text, "the error");
    const json = await run([...args, "--registry", registry, "--json"], project);
    expectEscaped(json, "the --json error");
    // Still plain JSON: the same error, with the escapes as JSON string escapes.
    expect(JSON.parse(json.stderr).error.code).toMatch(/^E_/);
  });

  it("a range in agentreg.json is escaped in list and in install's error", async () => {
    const project = await makeTempDir();
    await writeJson(join(project, "agentreg.json"), { agents: { escaper: `^1.0.0${H}` } });
    for (const args of [["list"], ["install"]]) {
      const result = await run(args, project);
      expectEscaped(result, args[0] ?? "");
    }
  });

  it("install escapes the deprecation message of the version it restores", async () => {
    const registry = await hostile();
    const project = await makeTempDir();
    expect((await run(["add", "escaper@1.0.0", "--registry", registry], project)).code).toBe(0);
    await rm(join(project, ".claude/agents/escaper.md"));
    const result = await run(["install"], project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("is deprecated");
    expectEscaped(result, "install");
    expect(await readFile(join(project, ".claude/agents/escaper.md"), "utf8")).toBe(plain("1.0.0"));
  });
});
