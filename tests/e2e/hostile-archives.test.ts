// Issue 6, "Archives": every hostile tarball class is refused by the built CLI with E_UNSAFE_ARCHIVE
// naming the entry, before anything is written in the project or outside it. Each tarball is served
// with its correct sha512 (tests/helpers/hostile-archives.ts), so the archive checks are what refuse it.
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { unpackAgent } from "@agentreg/sdk";
import { beforeAll, describe, expect, it } from "vitest";
import { agentText, expectCliError, runCli, snapshotTree, useRegistry, useTempDirs, assertSucceeded } from "../helpers/fixtures.js";
import { agentMarkdown, type HostileArchive, hostileArchives, hostileRegistry, tgz } from "../helpers/hostile-archives.js";
import { staticHandler, useServers } from "../helpers/http-fixtures.js";

const NAME = "kit";
const CANARY = "the canary: a hostile entry must never replace this\n";
const makeFileDir = useTempDirs("file");
const startServer = useServers();
const goodRegistry = useRegistry([{ name: "good", version: "1.0.0", text: agentText({ name: "good", description: "A well-behaved agent" }) }]);

// What the first stderr line must say for each class, after `agentreg: E_UNSAFE_ARCHIVE`. The
// installer only accepts package/<name>.md, so an archive with several entries is refused at its first
// extra entry; the count, total-size and NFC/NFD checks behind it are exercised through the SDK below.
const REFUSALS: Array<{ attack: string; reason: RegExp }> = [
  { attack: "a '..' segment", reason: /contains a '\.\.' segment/ },
  { attack: "an absolute path", reason: /is an absolute path/ },
  { attack: "a drive letter", reason: /starts with a drive letter/ },
  { attack: "a backslash", reason: /contains a backslash/ },
  { attack: "a symbolic link", reason: /is a symbolic link/ },
  { attack: "a hard link", reason: /is a hard link/ },
  { attack: "a character device", reason: /is a device/ },
  { attack: "a block device", reason: /is a device/ },
  { attack: "a FIFO", reason: /is a FIFO/ },
  { attack: "a duplicate entry", reason: /appears twice/ },
  { attack: "a case-only duplicate", reason: /are the same file on case-insensitive/ },
  { attack: "a Unicode-normalisation duplicate", reason: /are the same file on case-insensitive or Unicode-normalising/ },
  { attack: "too many entries (100)", reason: /is not a file this agent declares/ },
  { attack: "an entry over 4 MiB", reason: /is 4194305 bytes, more than the limit of 4194304/ },
  { attack: "a total over 8 MiB", reason: /is not a file this agent declares/ },
  { attack: "a gzip bomb (200 MiB of zeros)", reason: /unpacks to more than \d+ bytes/ },
  { attack: "truncated gzip", reason: /gzip data is truncated/ },
  { attack: "the Windows device name con.md", reason: /Windows device name 'con\.md'/ },
  { attack: "the Windows device name NUL", reason: /Windows device name 'NUL'/ },
  { attack: "the Windows device name com1.txt", reason: /Windows device name 'com1\.txt'/ },
  { attack: "a trailing dot", reason: /ending in a dot or space/ },
  { attack: "a trailing space", reason: /ending in a dot or space/ },
  { attack: "an unexpected extra file", reason: /is not a file this agent declares/ },
  { attack: "no package/<name>.md", reason: /has no 'package\/kit\.md'/ },
  { attack: "a pax header renaming a file to ../x", reason: /contains a '\.\.' segment/ },
  // Other tar readers apply a global `path`; agentreg must refuse what they would read differently.
  { attack: "a global pax header renaming files to ../x", reason: /pax|'\.\.' segment/ },
  { attack: "a GNU long-name record renaming a file to ../x", reason: /contains a '\.\.' segment/ },
  { attack: "a pax header giving a file a link target", reason: /carries a link target \('\/etc\/passwd'\)/ },
  { attack: "an entry after a lone zero block", reason: /follows a zero block/ },
  { attack: "a tarball gzip'd twice", reason: /compressed twice/ },
  { attack: "a header with a wrong checksum", reason: /not a valid tar archive: checksum failure/ },
];

// One parent folder for the file: the canary, every hostile registry and the projects live in it, so
// a snapshot of it shows any write outside a project (a `..` entry from the project lands on the canary).
const world = { parent: "", cache: "", template: "", archives: new Map<string, HostileArchive>(), registries: new Map<string, string>() };

beforeAll(async () => {
  world.parent = await makeFileDir("hostile");
  world.cache = await makeFileDir("hostile-cache");
  await writeFile(join(world.parent, "canary.md"), CANARY);
  const archives = await hostileArchives(NAME, world.parent);
  for (const [i, archive] of archives.entries()) {
    world.archives.set(archive.attack, archive);
    world.registries.set(archive.attack, await hostileRegistry(join(world.parent, "registries", String(i)), NAME, archive.tarball));
  }
  // A project that already installed another agent: a refusal must leave its lock byte for byte.
  world.template = join(world.parent, "template");
  await mkdir(world.template);
  assertSucceeded(await runCli(["add", "good", "--registry", goodRegistry.out], { cwd: world.template, env: { AGENTREG_CACHE: world.cache } }), "add good");
});

it("the table covers every class the fixtures generator builds", () => {
  expect(REFUSALS.map((r) => r.attack).sort()).toEqual([...world.archives.keys()].sort());
});

describe.each([
  { transport: "a registry folder", project: "an empty project", http: false, previous: false },
  { transport: "a loopback HTTP registry", project: "a project with a lock", http: true, previous: true },
])("add from $transport into $project", ({ http, previous }) => {
  it.each(REFUSALS)("refuses $attack with E_UNSAFE_ARCHIVE and writes nothing in or outside the project", async ({ attack, reason }) => {
    const archive = world.archives.get(attack);
    const registry = world.registries.get(attack);
    if (archive === undefined || registry === undefined) throw new Error(`no fixture for ${attack}`);
    const project = await mkdtemp(join(world.parent, "project-"));
    if (previous) await cp(world.template, project, { recursive: true });
    const url = http ? (await startServer(staticHandler(registry))).url : registry;
    const projectBefore = await snapshotTree(project);
    const parentBefore = await snapshotTree(world.parent);

    const result = await runCli(["add", NAME, "--registry", url], { cwd: project, env: { AGENTREG_CACHE: world.cache } });

    expectCliError(result, "E_UNSAFE_ARCHIVE");
    const firstLine = result.stderr.split("\n")[0] ?? "";
    expect(firstLine).toMatch(reason);
    if (archive.entry !== undefined) expect(firstLine).toContain(archive.entry);
    expect(await snapshotTree(project)).toEqual(projectBefore);
    expect(await snapshotTree(world.parent)).toEqual(parentBefore);
    if (!previous) expect(projectBefore).toEqual({});
    // Checked: the next test's snapshots of the parent need not walk it again.
    await rm(project, { recursive: true });
  });
});

describe("defences behind the installer's one-file rule, through unpackAgent with declared extra files", () => {
  const extras = (archive: HostileArchive): string[] => archive.paths.filter((path) => path !== `package/${NAME}.md`).map((path) => path.slice("package/".length));
  const refusal = async (tarball: Uint8Array, allowedFiles: string[]): Promise<{ code?: string; message: string; details?: { entry?: string } }> => {
    try {
      await unpackAgent({ tarball, name: NAME, allowedFiles });
    } catch (error) {
      return error as { code?: string; message: string; details?: { entry?: string } };
    }
    throw new Error("unpackAgent accepted a hostile tarball");
  };

  it("refuses the 65th entry of a tarball with 100 declared entries", async () => {
    const archive = world.archives.get("too many entries (100)") as HostileArchive;
    const error = await refusal(archive.tarball, extras(archive));
    expect(error).toMatchObject({ code: "E_UNSAFE_ARCHIVE", details: { entry: "package/f63.md" } });
    expect(error.message).toMatch(/more than 64 entries/);
  });

  it("refuses the entry that takes the unpacked total over 8 MiB, each entry being under 4 MiB", async () => {
    const archive = world.archives.get("a total over 8 MiB") as HostileArchive;
    const error = await refusal(archive.tarball, extras(archive));
    expect(error).toMatchObject({ code: "E_UNSAFE_ARCHIVE", details: { entry: "package/b.md" } });
    expect(error.message).toMatch(/unpack to more than the limit of 8388608 bytes/);
  });

  it("refuses an NFD twin of a declared NFC file name", async () => {
    const nfc = "caf\u00e9.md";
    const nfd = "cafe\u0301.md";
    const tarball = tgz([{ path: `package/${NAME}.md`, data: agentMarkdown(NAME) }, { path: `package/${nfc}`, data: "one\n" }, { path: `package/${nfd}`, data: "two\n" }]);
    const error = await refusal(tarball, [nfc, nfd]);
    expect(error).toMatchObject({ code: "E_UNSAFE_ARCHIVE", details: { entry: `package/${nfd}` } });
    expect(error.message).toMatch(/Unicode-normalising/);
  });

  it("accepts the same extra files once they are distinct, safe and declared (the checks above are not blanket refusals)", async () => {
    const tarball = tgz([{ path: `package/${NAME}.md`, data: agentMarkdown(NAME) }, { path: "package/refs/a.md", data: "a\n" }]);
    const { files } = await unpackAgent({ tarball, name: NAME, allowedFiles: ["refs/a.md"] });
    expect([...files.keys()]).toEqual([`${NAME}.md`, "refs/a.md"]);
    expect(Buffer.from(files.get(`${NAME}.md`) as Uint8Array).toString("utf8")).toBe(agentMarkdown(NAME));
  });
});

it("the fixtures' well-formed tarball installs through the same hostile-registry layout (the refusals are not the layout's fault)", async () => {
  const registry = await hostileRegistry(join(world.parent, "registries", "control"), NAME, tgz([{ path: `package/${NAME}.md`, data: agentMarkdown(NAME) }]));
  const project = await mkdtemp(join(world.parent, "project-"));
  const result = await runCli(["add", NAME, "--registry", registry], { cwd: project, env: { AGENTREG_CACHE: world.cache } });
  expect(result.code, result.stderr).toBe(0);
  const tree = await snapshotTree(project);
  expect(tree[`.claude/agents/${NAME}.md`]).toBe(agentMarkdown(NAME));
});
