// DESIGN §8: a failed command leaves the project as it was; a user's edit is never silently lost;
// nothing is written through a symlinked destination.
import { appendFile, cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  agentText,
  expectCliError,
  expectCliPartialFailure,
  readJson,
  flipByte,
  installSeed,
  publishVersion,
  runCli,
  SEED,
  snapshotTree,
  useRegistry,
  useTempDirs,
} from "../helpers/fixtures.js";
import { useProjectTemplate } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const alpha = (version: string): string => agentText({ name: "alpha", description: "Alpha agent", body: `Alpha ${version}\n` });
const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: alpha("1.0.0") },
  { name: "alpha", version: "1.1.0", text: alpha("1.1.0") },
  { name: "beta", version: "1.0.0", text: agentText({ name: "beta", description: "Beta agent" }) },
]);

describe("a failed command leaves the project as it was, with no temp files", () => {
  it.each([
    { when: "in an empty folder", setup: async () => undefined },
    { when: "in a project that has the seed", setup: installSeed },
  ])("add of a good agent and a missing one installs neither ($when)", async ({ setup }) => {
    const project = await makeTempDir();
    await setup(project);
    const before = await snapshotTree(project);
    expectCliError(await runCli(["add", `${SEED.name}@1.0.0`, "no-such-agent"], { cwd: project }), "E_NOT_FOUND");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("add of a good agent and one whose tarball was tampered with installs neither", async () => {
    const reg = join(await makeTempDir("registry"), "reg");
    await cp(registry.out, reg, { recursive: true });
    await flipByte(join(reg, "tarballs/beta/beta-1.0.0.tgz"));
    const project = await makeTempDir();
    expectCliError(await runCli(["add", "alpha", "beta", "--registry", reg], { cwd: project }), "E_INTEGRITY");
    expect(await snapshotTree(project)).toEqual({});
  });

  it("add of a good agent and one whose destination is taken installs the good one, leaves the other file alone and exits non-zero", async () => {
    const project = await makeTempDir();
    await mkdir(join(project, ".claude/agents"), { recursive: true });
    await writeFile(join(project, ".claude/agents/beta.md"), "my own beta\n");
    const result = await runCli(["add", "alpha", "beta", "--registry", registry.out], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^agentreg: E_UNMANAGED_FILE .*\.claude\/agents\/beta\.md/m);
    expect(result.stdout).toContain("+ alpha@");
    expect(await readFile(join(project, ".claude/agents/beta.md"), "utf8")).toBe("my own beta\n");
    expect(Object.keys((await readJson(join(project, "agentreg.json"))).agents)).toEqual(["alpha"]);
    expect(Object.keys((await readJson(join(project, "agentreg.lock"))).agents)).toEqual(["alpha"]);
    expect(Object.keys(await snapshotTree(project)).filter((path) => path.includes(".tmp"))).toEqual([]);
  });

  it("remove of a clean agent and an edited one removes the clean one and keeps the edited one, file and entries", async () => {
    const project = await makeTempDir();
    expect((await runCli(["add", "alpha", "beta", "--registry", registry.out], { cwd: project })).code).toBe(0);
    await appendFile(join(project, ".claude/agents/beta.md"), "my note\n");
    const edited = await readFile(join(project, ".claude/agents/beta.md"), "utf8");
    const result = await runCli(["remove", "alpha", "beta"], { cwd: project });
    expectCliPartialFailure(result, "E_LOCAL_EDIT");
    expect(result.stderr).toContain("agentreg diff beta");
    expect(await readFile(join(project, ".claude/agents/beta.md"), "utf8")).toBe(edited);
    await expect(readFile(join(project, ".claude/agents/alpha.md"))).rejects.toThrow();
    expect(Object.keys((await readJson(join(project, "agentreg.json"))).agents)).toEqual(["beta"]);
    expect(Object.keys((await readJson(join(project, "agentreg.lock"))).agents)).toEqual(["beta"]);
  });
});

describe("a user's edit to an installed agent is never silently lost", () => {
  const editedAlpha = useProjectTemplate(async (project) => {
    expect((await runCli(["add", "alpha@1.0.0", "--registry", registry.out], { cwd: project })).code).toBe(0);
    await appendFile(join(project, ".claude/agents/alpha.md"), "my note\n");
  });
  async function projectWithEditedAlpha(): Promise<{ project: string; edited: string }> {
    return { project: await editedAlpha(), edited: `${alpha("1.0.0")}my note\n` };
  }

  it.each([
    { command: "add alpha@1.1.0", code: "E_LOCAL_EDIT" },
    { command: "add alpha@1.0.0", code: "E_LOCAL_EDIT" },
    { command: "install", code: "E_LOCAL_EDIT" },
    { command: "install --frozen", code: "E_LOCAL_EDIT" },
    { command: "remove alpha", code: "E_LOCAL_EDIT" },
  ])("$command refuses with $code and keeps the edited file", async ({ command, code }) => {
    const { project, edited } = await projectWithEditedAlpha();
    const before = await snapshotTree(project);
    expectCliPartialFailure(await runCli([...command.split(" "), "--registry", registry.out], { cwd: project }), code);
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(edited);
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("a newer version published after the install is refused the same way", async () => {
    const source = join(await makeTempDir("source"), "src");
    await cp(registry.source, source, { recursive: true });
    const project = await makeTempDir();
    expect((await runCli(["add", "beta", "--registry", source], { cwd: project })).code).toBe(0);
    await appendFile(join(project, ".claude/agents/beta.md"), "my note\n");
    await publishVersion(source, { name: "beta", version: "1.1.0", text: agentText({ name: "beta", description: "Beta agent", body: "Beta 1.1\n" }) });
    const before = await snapshotTree(project);

    expectCliPartialFailure(await runCli(["add", "beta@1.1.0", "--registry", source], { cwd: project }), "E_LOCAL_EDIT");
    expect(await snapshotTree(project)).toEqual(before);
  });

  it("--force replaces the edited file with the new version", async () => {
    const { project } = await projectWithEditedAlpha();
    expect((await runCli(["add", "alpha@1.1.0", "--force", "--registry", registry.out], { cwd: project })).code).toBe(0);
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(alpha("1.1.0"));
  });

  it("remove --force deletes the edited file", async () => {
    const { project } = await projectWithEditedAlpha();
    expect((await runCli(["remove", "alpha", "--force"], { cwd: project })).code).toBe(0);
    expect(await snapshotTree(project)).not.toHaveProperty([".claude/agents/alpha.md"]);
  });

  it.each([
    { command: `add ${SEED.name}`, config: undefined },
    { command: "install", config: { agents: { [SEED.name]: "^1.0.0" } } },
  ])("$command refuses with E_UNMANAGED_FILE to replace a file agentreg did not install, unless --force", async ({ command, config }) => {
    const project = await makeTempDir();
    if (config) await writeFile(join(project, "agentreg.json"), JSON.stringify(config));
    await mkdir(join(project, ".claude/agents"), { recursive: true });
    await writeFile(join(project, SEED.installPath), "my own agent\n");
    const before = await snapshotTree(project);

    expectCliPartialFailure(await runCli(command.split(" "), { cwd: project }), "E_UNMANAGED_FILE");
    expect(await snapshotTree(project)).toEqual(before);

    expect((await runCli([...command.split(" "), "--force"], { cwd: project })).code).toBe(0);
    expect(await readFile(join(project, SEED.installPath))).toEqual(await readFile(SEED.registryFile));
  });
});

describe("nothing is written through a symlinked destination", () => {
  const links = [
    { link: ".claude", target: "a folder", make: (outside: string) => ({ path: ".claude", to: outside }) },
    { link: ".claude/agents", target: "a folder", make: (outside: string) => ({ path: ".claude/agents", to: outside }) },
    { link: `the agent file`, target: "a file", make: (outside: string) => ({ path: SEED.installPath, to: join(outside, "victim.md") }) },
  ];

  it.each(links.flatMap((link) => [{ ...link, force: "" }, { ...link, force: "--force" }]))(
    "add $force with $link linked to $target outside the project fails with E_UNSAFE_PATH",
    async ({ make, force }) => {
      const [project, outside] = [await makeTempDir(), await makeTempDir("outside")];
      await writeFile(join(outside, "victim.md"), "outside\n");
      const { path, to } = make(outside);
      await mkdir(join(project, path, ".."), { recursive: true });
      await symlink(to, join(project, path));
      const [before, beforeOutside] = [await snapshotTree(project), await snapshotTree(outside)];

      expectCliError(await runCli(["add", SEED.name, ...(force ? [force] : [])], { cwd: project }), "E_UNSAFE_PATH");
      expect(await snapshotTree(outside)).toEqual(beforeOutside);
      expect(await snapshotTree(project)).toEqual(before);
    },
  );

  it.each(["install --frozen", "remove senior-backend-engineer --force"])("%s will not write or delete through a symlinked agent file", async (command) => {
    const [project, outside] = [await makeTempDir(), await makeTempDir("outside")];
    await installSeed(project);
    await writeFile(join(outside, "victim.md"), "outside\n");
    await rm(join(project, SEED.installPath));
    await symlink(join(outside, "victim.md"), join(project, SEED.installPath));

    expectCliError(await runCli(command.split(" "), { cwd: project }), "E_UNSAFE_PATH");
    expect(await snapshotTree(outside)).toEqual({ "victim.md": "outside\n" });
  });

  it.each(["agentreg.json", "agentreg.lock"])("a symlinked %s is replaced, never written through", async (file) => {
    const [project, outside] = [await makeTempDir(), await makeTempDir("outside")];
    const original = file === "agentreg.json" ? '{ "agents": {} }\n' : '{ "lockfileVersion": 1, "agents": {} }\n';
    await writeFile(join(outside, file), original);
    await symlink(join(outside, file), join(project, file));

    await runCli(["add", SEED.name], { cwd: project });
    expect(await snapshotTree(outside)).toEqual({ [file]: original });
  });
});
