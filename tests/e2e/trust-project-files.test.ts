// Issue 12: a cloned project is untrusted input. agentreg.json, agentreg.lock, the write journal and
// the lock owner file can be written by whoever wrote the repository, so nothing read from them
// decides a path, a URL, a host or a variable without being checked first (DESIGN §8).
import { cp, mkdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// An internal of the SDK (not in its public API): imported from its source, which vitest compiles.
import { acquireProjectLock } from "../../packages/sdk/src/project/state/project-lock.js";
import { agentText, assertSucceeded, type ProcessResult, expectCliError, jsonError, readJson, runCli, sha512Sri, snapshotTree, updateJson, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { filesContaining, runWithCache, writeProjectConfig } from "../helpers/http-cli.js";
import { staticHandler, useServers } from "../helpers/http-fixtures.js";
import { expectNoLeftovers, useProjectTemplate } from "../helpers/project-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();

const ALPHA = agentText({ name: "alpha", description: "Alpha agent" });
const CONSTRUCTOR = agentText({ name: "constructor", description: "An agent whose name is a JavaScript property name" });
const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: ALPHA },
  { name: "constructor", version: "1.0.0", text: CONSTRUCTOR },
  { name: "dup", version: "1.0.0", text: agentText({ name: "dup", description: "Dup" }) },
]);

/** A folder holding a project with alpha installed from the folder registry, and a file outside it worth protecting. */
const projectRoot = useProjectTemplate(async (root) => {
  await mkdir(join(root, "project"));
  await writeFile(join(root, "precious.txt"), "do not touch\n");
  assertSucceeded(await runCli(["add", "alpha", "--registry", registry.out], { cwd: join(root, "project") }), "add alpha");
});

async function projectWithAlpha(): Promise<{ project: string; outside: string }> {
  const root = await projectRoot();
  return { project: join(root, "project"), outside: join(root, "precious.txt") };
}

describe("lock paths", () => {
  const hostilePaths = ["../precious.txt", "../../precious.txt", "/etc/passwd", ".claude/agents/../../precious.txt", ".claude/agents/other.md", "agentreg.json"];

  it.each(hostilePaths)("a lock entry naming %s is E_LOCKFILE for install, remove, verify, list and remove --force, before any file is touched", async (hostile) => {
    const { project, outside } = await projectWithAlpha();
    await updateJson(join(project, "agentreg.lock"), (lock) => {
      lock.agents.alpha.files = { [hostile]: sha512Sri("do not touch\n") };
    });
    // The agent is no longer wanted: install would delete "its" file.
    await updateJson(join(project, "agentreg.json"), (config) => {
      config.agents = {};
    });
    const before = await snapshotTree(join(project, ".."));
    for (const args of [["install"], ["remove", "alpha"], ["remove", "alpha", "--force"], ["verify"], ["list"]]) {
      const result = await runCli([...args, "--json"], { cwd: project });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(1);
      const error = jsonError(result);
      expect(error.code).toBe("E_LOCKFILE");
      expect(error.message).toContain("agents.alpha");
    }
    expect(await readFile(outside, "utf8")).toBe("do not touch\n");
    expect(await snapshotTree(join(project, ".."))).toEqual(before);
  });
});

describe("lock provenance", () => {
  it("a lock entry whose registry is not the one agentreg.json implies is E_LOCKFILE, and nothing is fetched", async () => {
    const server = await startServer(staticHandler(registry.out));
    const { project } = await projectWithAlpha();
    // A lock-only change: alpha now claims to come from another registry.
    await updateJson(join(project, "agentreg.lock"), (lock) => {
      lock.agents.alpha.registry = server.url;
      lock.agents.alpha.resolved = `${server.url}/tarballs/alpha/alpha-1.0.0.tgz`;
    });
    await writeFile(join(project, ".claude/agents/alpha.md"), "");
    for (const args of [["install"], ["install", "--frozen"], ["verify"]]) {
      const result = await runWithCache(args, { cwd: project, cache: await makeTempDir("cache") });
      expectCliError(result, "E_LOCKFILE");
      expect(result.stderr).toContain("comes from registry");
    }
    expect(server.requests).toEqual([]);
  });

  it.each([
    ["another origin", (url: string) => `http://127.0.0.2:${new URL(url).port}/tarballs/alpha/alpha-1.0.0.tgz`],
    ["a path outside the base", (url: string) => `${url}/../elsewhere/alpha-1.0.0.tgz`],
    ["percent-encoded dot segments", (url: string) => `${url}/tarballs/%2e%2e/%2e%2e/alpha-1.0.0.tgz`],
    ["a scheme downgrade", (url: string) => url.replace("http://", "ftp://") + "/tarballs/alpha/alpha-1.0.0.tgz"],
    ["a query string", (url: string) => `${url}/tarballs/alpha/alpha-1.0.0.tgz?x=1`],
  ])("a resolved URL with %s is E_LOCKFILE, and nothing is fetched", async (_what, hostile) => {
    const server = await startServer(staticHandler(join(registry.out, "..")));
    const base = `${server.url}/${registry.out.split("/").pop()}`;
    const project = await makeTempDir();
    const cache = await makeTempDir("cache");
    assertSucceeded(await runWithCache(["add", "alpha", "--registry", base], { cwd: project, cache }), "add alpha");
    const requestsBefore = server.requests.length;
    await updateJson(join(project, "agentreg.lock"), (lock) => {
      lock.agents.alpha.resolved = hostile(base);
    });
    await writeFile(join(project, ".claude/agents/alpha.md"), "");
    const result = await runWithCache(["install", "--frozen"], { cwd: project, cache: await makeTempDir("cache") });
    expectCliError(result, "E_LOCKFILE");
    expect(result.stderr).toContain("not under its registry");
    expect(server.requests.length).toBe(requestsBefore);
  });

  it("after add --registry, agentreg.json alone says where the agent comes from", async () => {
    const { project } = await projectWithAlpha();
    const config = await readJson(join(project, "agentreg.json"));
    expect(config.agents.alpha).toEqual({ version: "^1.0.0", registry: expect.stringMatching(/^(\.\.?\/|\/)/) });
    await rm(join(project, ".claude/agents/alpha.md"));
    await rm(join(project, "agentreg.lock"));
    assertSucceeded(await runCli(["install"], { cwd: project }), "install without a lock entry");
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
    assertSucceeded(await runCli(["install", "--frozen"], { cwd: project }), "install --frozen");
  });
});

describe("environment variables", () => {
  async function projectSendingVariable(url: string, variable: string): Promise<string> {
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { acme: { url, headers: { authorization: `Bearer \${${variable}}` } } }, agents: { "@acme/alpha": "^1.0.0" } });
    return project;
  }

  it("a variable the user did not allow is E_CONFIG naming it and the origin, and nothing is sent", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await projectSendingVariable(server.url, "AWS_SECRET_ACCESS_KEY");
    const result = await runWithCache(["install", "--json"], { cwd: project, cache: await makeTempDir("cache"), env: { AWS_SECRET_ACCESS_KEY: "hunter2-secret" } });
    expect(result.code).toBe(1);
    const error = jsonError(result);
    expect(error.code).toBe("E_CONFIG");
    expect(error.message).toContain("AWS_SECRET_ACCESS_KEY");
    expect(error.message).toContain(new URL(server.url).origin);
    expect(error.hint).toContain("--allow-env AWS_SECRET_ACCESS_KEY");
    expect(result.stdout + result.stderr).not.toContain("hunter2-secret");
    expect(server.requests).toEqual([]);
  });

  it("AGENTREG_* variables, --allow-env NAME and the user's own allowEnv for that origin are sent", async () => {
    const server = await startServer(staticHandler(registry.out));
    const origin = new URL(server.url).origin;
    const configHome = await makeTempDir("config-home");
    await mkdir(join(configHome, "agentreg"));
    await writeFile(join(configHome, "agentreg/config.json"), JSON.stringify({ allowEnv: { [origin]: ["ACME_TOKEN"], "https://other.example": ["OTHER_TOKEN"] } }));
    const cases: Array<[string, string[], Record<string, string>, boolean]> = [
      ["AGENTREG_ACME_TOKEN", [], {}, true],
      ["MY_TOKEN", ["--allow-env", "MY_TOKEN"], {}, true],
      ["ACME_TOKEN", [], { XDG_CONFIG_HOME: configHome }, true],
      ["OTHER_TOKEN", [], { XDG_CONFIG_HOME: configHome }, false],
      ["ACME_TOKEN", [], {}, false],
    ];
    for (const [variable, flags, env, allowed] of cases) {
      const project = await projectSendingVariable(server.url, variable);
      const sent = server.requests.length;
      const result = await runWithCache(["install", ...flags], { cwd: project, cache: await makeTempDir("cache"), env: { [variable]: "token-value", ...env } });
      if (allowed) {
        assertSucceeded(result, `${variable} ${flags.join(" ")}`);
        expect(server.requests.slice(sent).every((request) => request.headers.authorization === "Bearer token-value")).toBe(true);
      } else {
        expectCliError(result, "E_CONFIG");
        expect(server.requests.length, variable).toBe(sent);
      }
    }
  });

  it("--offline with a warm cache needs no variable at all", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await projectSendingVariable(server.url, "AGENTREG_TOKEN");
    const cache = await makeTempDir("cache");
    assertSucceeded(await runWithCache(["install"], { cwd: project, cache, env: { AGENTREG_TOKEN: "t" } }), "warm the cache");
    await writeFile(join(project, ".claude/agents/alpha.md"), "");
    await updateJson(join(project, "agentreg.lock"), () => undefined);
    const result = await runWithCache(["install", "--frozen", "--offline", "--force"], { cwd: project, cache, env: { AGENTREG_TOKEN: undefined } });
    assertSucceeded(result, "offline install without the variable");
  });
});

describe("credentials in URLs", () => {
  it("--registry with user:password@ is refused with a hint, and the password is never printed or written", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const cache = await makeTempDir("cache");
    const url = server.url.replace("http://", "http://agent:pa55word@");
    const result = await runWithCache(["add", "alpha", "--registry", url], { cwd: project, cache });
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).toContain("header");
    expect(result.stdout + result.stderr).not.toContain("pa55word");
    expect(await snapshotTree(project)).toEqual({});
    expect(server.requests).toEqual([]);
  });

  it("a registry url with credentials in agentreg.json is E_CONFIG, and nothing lands in the lock or the cache", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const cache = await makeTempDir("cache");
    await writeProjectConfig(project, { registries: { acme: { url: server.url.replace("http://", "http://agent:pa55word@") } }, agents: { "@acme/alpha": "^1.0.0" } });
    const result = await runWithCache(["install"], { cwd: project, cache });
    expectCliError(result, "E_CONFIG");
    expect(result.stdout + result.stderr).not.toContain("pa55word");
    expect(await filesContaining(project, "pa55word")).toEqual(["agentreg.json"]);
    expect(await filesContaining(cache, "pa55word")).toEqual([]);
    expect(server.requests).toEqual([]);
  });
});

describe("journal and lock owner", () => {
  it("a journal rolls forward only what it proves: a temp with the recorded hash, never a delete of other bytes", async () => {
    const { project } = await projectWithAlpha();
    await writeFile(join(project, ".claude/agents/mine.md"), "my own agent\n");
    // A genuine staged temp (the bytes alpha.md must hold) and a planted one with other bytes.
    const genuine = ".claude/agents/.alpha.md.agentreg-1-0000abcd.tmp";
    const planted = ".claude/agents/.beta.md.agentreg-1-0000abce.tmp";
    await writeFile(join(project, genuine), ALPHA);
    await writeFile(join(project, planted), "planted bytes\n");
    const genuineInode = (await stat(join(project, genuine))).ino;
    const journal = {
      journalVersion: 2,
      files: [
        { path: ".claude/agents/alpha.md", temp: genuine, integrity: sha512Sri(ALPHA) },
        { path: ".claude/agents/beta.md", temp: planted, integrity: sha512Sri("the bytes agentreg staged\n") },
        { path: ".claude/agents/mine.md", integrity: sha512Sri("something else\n") },
      ],
    };
    await writeFile(join(project, ".agentreg-journal.json"), JSON.stringify(journal));
    assertSucceeded(await runCli(["install"], { cwd: project }), "install");
    expect((await stat(join(project, ".claude/agents/alpha.md"))).ino).toBe(genuineInode);
    await expect(stat(join(project, ".claude/agents/beta.md"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readFile(join(project, ".claude/agents/mine.md"), "utf8")).toBe("my own agent\n");
    await expectNoLeftovers(project);
  });

  it("a journal in the old format without hashes deletes nothing", async () => {
    const { project } = await projectWithAlpha();
    await writeFile(join(project, ".claude/agents/mine.md"), "my own agent\n");
    await writeFile(join(project, ".agentreg-journal.json"), JSON.stringify({ journalVersion: 1, files: [{ path: ".claude/agents/mine.md" }, { path: ".claude/agents/alpha.md" }] }));
    assertSucceeded(await runCli(["install"], { cwd: project }), "install");
    expect(await readFile(join(project, ".claude/agents/mine.md"), "utf8")).toBe("my own agent\n");
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
  });

  it("a lock owner file from another host that stopped its heartbeat is taken over at once", async () => {
    const { project } = await projectWithAlpha();
    const lockDir = join(project, ".agentreg-lock");
    await mkdir(lockDir);
    await writeFile(join(lockDir, "owner.json"), JSON.stringify({ pid: 1, hostname: "some-other-host", startedAt: new Date(Date.now() - 3_600_000).toISOString() }));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(lockDir, "owner.json"), anHourAgo, anHourAgo);
    const started = Date.now();
    assertSucceeded(await runCli(["remove", "alpha"], { cwd: project }), "remove");
    expect(Date.now() - started).toBeLessThan(20_000);
    await expect(stat(lockDir)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it.each([
    ["pid 0", { pid: 0 }],
    ["a negative pid", { pid: -1 }],
    ["a live pid on this host", { pid: process.pid }],
  ])("an owner file with %s and a stale heartbeat does not block", async (_what, fields) => {
    const { project } = await projectWithAlpha();
    const lockDir = join(project, ".agentreg-lock");
    await mkdir(lockDir);
    await writeFile(join(lockDir, "owner.json"), JSON.stringify({ hostname: hostname(), startedAt: new Date().toISOString(), ...fields }));
    const old = new Date(Date.now() - 3_600_000);
    await utimes(join(lockDir, "owner.json"), old, old);
    await utimes(lockDir, old, old);
    assertSucceeded(await runCli(["remove", "alpha"], { cwd: project }), "remove");
  });

  it("a held lock says whose it is and how old, and is given up after the timeout", async () => {
    const project = await makeTempDir();
    const release = await acquireProjectLock({ configDir: project });
    try {
      const error = await acquireProjectLock({ configDir: project, timeoutMs: 300 }).then(
        () => undefined,
        (caught: unknown) => caught as { code: string; message: string },
      );
      expect(error?.code).toBe("E_LOCKED");
      expect(error?.message).toContain(`pid ${process.pid} on host ${hostname()}`);
      expect(error?.message).toMatch(/\(\d+ s ago\)/);
    } finally {
      await release();
    }
  });
});

describe("names that are JavaScript property names", () => {
  it("constructor is an ordinary agent name in add, install, list, verify, info and remove", async () => {
    const project = await makeTempDir();
    assertSucceeded(await runCli(["add", "constructor", "--registry", registry.out], { cwd: project }), "add constructor");
    expect(await readFile(join(project, ".claude/agents/constructor.md"), "utf8")).toBe(CONSTRUCTOR);
    await writeFile(join(project, ".claude/agents/constructor.md"), "");
    await updateJson(join(project, "agentreg.lock"), () => undefined);
    assertSucceeded(await runCli(["install", "--force"], { cwd: project }), "install");
    for (const args of [["list"], ["verify"], ["outdated"], ["info", "constructor", "--registry", registry.out]]) assertSucceeded(await runCli(args, { cwd: project }), args.join(" "));
    assertSucceeded(await runCli(["remove", "constructor"], { cwd: project }), "remove constructor");
    expect((await readJson(join(project, "agentreg.json"))).agents).toEqual({});
  });

  it("an agent that is not in the config, named like a prototype property, is not found cleanly", async () => {
    const { project } = await projectWithAlpha();
    for (const name of ["constructor", "hasownproperty", "valueof"]) {
      const result = await runCli(["remove", name, "--json"], { cwd: project });
      expect(jsonError(result).code).toBe("E_NOT_FOUND");
    }
  });

  it.each([
    ["agentreg.json", "agents", '{ "agents": { "__proto__": "^1.0.0" } }'],
    ["agentreg.json", "registries", '{ "registries": { "__proto__": { "url": "builtin" } }, "agents": {} }'],
    ["agentreg.lock", "agents", '{ "lockfileVersion": 1, "agents": { "__proto__": {} } }'],
  ])("a __proto__ key in %s (%s) is a clean error, never E_INTERNAL", async (file, _where, text) => {
    const project = await makeTempDir();
    await writeFile(join(project, file), text);
    const result = await runCli(["install", "--json"], { cwd: project });
    expect(result.code).toBe(1);
    expect(jsonError(result).code).toBe(file === "agentreg.json" ? "E_CONFIG" : "E_LOCKFILE");
  });

  it("a registry named constructor serves @constructor/alpha", async () => {
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { constructor: { url: registry.out } }, agents: { "@constructor/alpha": "^1.0.0" } });
    assertSucceeded(await runCli(["install"], { cwd: project }), "install");
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
  });

  it("install refuses two entries that install to the same file, and leaves no temp file", async () => {
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { acme: { url: registry.out } }, agents: { dup: "^1.0.0", "@acme/dup": "^1.0.0" } });
    const before = await snapshotTree(project);
    const result = await runCli(["install", "--registry", registry.out], { cwd: project });
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).toContain("would both install as .claude/agents/dup.md");
    expect(await snapshotTree(project)).toEqual(before);
  });
});

describe("fetched documents", () => {
  it.each([
    ["another origin", (url: string) => `http://127.0.0.2:${new URL(url).port}/tarballs/alpha/alpha-1.0.0.tgz`],
    ["a relative http: form", () => "http:127.0.0.2/tarballs/alpha/alpha-1.0.0.tgz"],
    ["a protocol-relative URL", (url: string) => `//127.0.0.2:${new URL(url).port}/tarballs/alpha/alpha-1.0.0.tgz`],
    ["percent-encoded dot segments", () => "tarballs/%2e%2e/%2e%2e/secret.tgz"],
    ["a scheme change", (url: string) => `${url.replace("http:", "ftp:")}/tarballs/alpha/alpha-1.0.0.tgz`],
  ])("a packument pointing a tarball at %s is E_REGISTRY, and nothing outside the registry is asked", async (_what, hostile) => {
    const server = await startServer(staticHandler(registry.out));
    const out = await makeTempDir("registry");
    await cp(registry.out, out, { recursive: true });
    const packumentFile = join(out, "agents/alpha.json");
    const packument = await readJson(packumentFile);
    packument.versions["1.0.0"].tarball = hostile(server.url);
    await writeFile(packumentFile, JSON.stringify(packument));
    const hostileServer = await startServer(staticHandler(out));
    const project = await makeTempDir();
    const result = await runWithCache(["add", "alpha", "--registry", hostileServer.url], { cwd: project, cache: await makeTempDir("cache") });
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain("points a tarball outside the registry");
    expect(hostileServer.requests.map((request) => request.path)).toEqual(["/agents/alpha.json"]);
    expect(server.requests).toEqual([]);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("cache entries are keyed by the URL after ${VAR} expansion: two hosts behind one template never share a document", async () => {
    const two = await makeTempDir("registry-two");
    await cp(registry.out, two, { recursive: true });
    const packumentFile = join(two, "agents/alpha.json");
    const packument = await readJson(packumentFile);
    packument.description = "served by the second registry";
    await writeFile(packumentFile, JSON.stringify(packument));
    const first = await startServer(staticHandler(registry.out));
    const second = await startServer(staticHandler(two));
    const cache = await makeTempDir("cache");
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { acme: { url: "http://127.0.0.1:${AGENTREG_PORT}" } } });
    const info = (url: string): Promise<ProcessResult> =>
      runWithCache(["info", "@acme/alpha", "--json", "--prefer-offline"], { cwd: project, cache, env: { AGENTREG_PORT: new URL(url).port } });
    expect(JSON.parse(assertSucceeded(await info(first.url), "info from the first").stdout).description).not.toContain("second");
    expect(JSON.parse(assertSucceeded(await info(second.url), "info from the second").stdout).description).toBe("served by the second registry");
    expect(second.requests.map((request) => request.path)).toContain("/agents/alpha.json");
    // The expanded URL is only ever hashed into a file name; entries record the template.
    expect(await filesContaining(cache, first.url.replace("http://", ""))).toEqual([]);
  });
});
