// Agents from a registry served over HTTP: by `--registry <url>`, by name from agentreg.json
// (`@ns/name`, `default`), with `${VAR}` headers, and many at once. Every server is a real node:http
// server on 127.0.0.1 and every run has its own AGENTREG_CACHE.
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, assertSucceeded, expectCliError, readJson, sha512Sri, snapshotTree, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { filesContaining, runWithCache, writeProjectConfig } from "../helpers/http-cli.js";
import { delay, type Handler, requestsTo, requireToken, staticHandler, trackInFlight, useServers } from "../helpers/http-fixtures.js";

const makeTempDir = useTempDirs();
const startServer = useServers();

const ALPHA = agentText({ name: "alpha", description: "Alpha agent" });
const BETA_11 = agentText({ name: "beta", description: "Beta agent", tools: ["Read"], body: "Beta 1.1.\n" });
const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: ALPHA },
  { name: "beta", version: "1.0.0", text: agentText({ name: "beta", description: "Beta agent", tools: ["Read"] }) },
  { name: "beta", version: "1.1.0", text: BETA_11 },
]);

const tarballPath = (name: string, version: string): string => `/tarballs/${name}/${name}-${version}.tgz`;

describe("--registry <url>", () => {
  it("add installs the agent, locks the URL it came from and reads only the packument and the tarball", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const result = await runWithCache(["add", "alpha", "--registry", server.url], { cwd: project, cache: await makeTempDir("cache") });

    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("+ alpha@1.0.0 -> .claude/agents/alpha.md");
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
    const tarball = await readFile(join(registry.out, tarballPath("alpha", "1.0.0")));
    expect((await readJson(join(project, "agentreg.lock"))).agents).toEqual({
      alpha: {
        files: { ".claude/agents/alpha.md": sha512Sri(ALPHA) },
        integrity: sha512Sri(tarball),
        registry: server.url,
        resolved: `${server.url}${tarballPath("alpha", "1.0.0")}`,
        version: "1.0.0",
      },
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(["GET /agents/alpha.json", `GET ${tarballPath("alpha", "1.0.0")}`]);
    expect(Object.keys(await snapshotTree(project))).toEqual([".claude/", ".claude/agents/", ".claude/agents/alpha.md", "agentreg.json", "agentreg.lock"]);
  });

  it("info lists every published version and search reads the index", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const cache = await makeTempDir("cache");

    const info = assertSucceeded(await runWithCache(["info", "beta", "--registry", server.url, "--json"], { cwd: project, cache }), "info beta");
    expect(JSON.parse(info.stdout)).toMatchObject({ name: "beta", resolved: "1.1.0", versions: [{ version: "1.0.0" }, { version: "1.1.0" }] });
    const search = assertSucceeded(await runWithCache(["search", "beta", "--registry", server.url, "--json"], { cwd: project, cache }), "search beta");
    expect((JSON.parse(search.stdout) as { results: Array<{ name: string }> }).results.map((r) => r.name)).toEqual(["beta"]);

    expect(requestsTo(server, "/index.json")).toHaveLength(1);
    expect(await snapshotTree(project)).toEqual({});
  });
});

describe("registries named in agentreg.json", () => {
  it("@acme/beta resolves in registry acme, installs as beta.md and the lock records acme and the tarball URL", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { acme: { url: server.url } } });

    const result = await runWithCache(["add", "@acme/beta"], { cwd: project, cache: await makeTempDir("cache") });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(await readFile(join(project, ".claude/agents/beta.md"), "utf8")).toBe(BETA_11);
    expect(await readJson(join(project, "agentreg.json"))).toEqual({ registries: { acme: { url: server.url } }, agents: { "@acme/beta": "^1.1.0" } });
    expect((await readJson(join(project, "agentreg.lock"))).agents["@acme/beta"]).toMatchObject({
      registry: "acme",
      resolved: `${server.url}${tarballPath("beta", "1.1.0")}`,
      version: "1.1.0",
    });
  });

  it("an unscoped name resolves in the registry named default, not in builtin", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { default: { url: server.url } } });

    const result = await runWithCache(["add", "alpha"], { cwd: project, cache: await makeTempDir("cache") });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
    expect((await readJson(join(project, "agentreg.lock"))).agents.alpha).toMatchObject({ registry: "default", resolved: `${server.url}${tarballPath("alpha", "1.0.0")}` });
    expect(requestsTo(server, "/agents/alpha.json")).toHaveLength(1);
  });

  it("install --frozen after deleting .claude fetches exactly the locked tarballs: no packument, no index", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { acme: { url: server.url } } });
    assertSucceeded(await runWithCache(["add", "@acme/alpha", "@acme/beta"], { cwd: project, cache: await makeTempDir("cache") }), "add");
    const installed = await snapshotTree(project);
    await rm(join(project, ".claude"), { recursive: true });
    server.requests.length = 0;

    // A fresh cache, so the tarballs must come from the server.
    const result = await runWithCache(["install", "--frozen"], { cwd: project, cache: await makeTempDir("cache") });
    expect(result.code).toBe(0);
    expect(server.requests.map((r) => r.path).sort()).toEqual([tarballPath("alpha", "1.0.0"), tarballPath("beta", "1.1.0")]);
    expect(await snapshotTree(project)).toEqual(installed);
  });
});

describe("many agents", () => {
  const names = Array.from({ length: 30 }, (_, i) => `agent-${String(i + 1).padStart(2, "0")}`);
  const many = useRegistry(names.map((name) => ({ name, version: "1.0.0", text: agentText({ name, description: `Agent ${name}` }) })));

  it("30 agents install correctly and the server never sees more than 16 requests at once", async () => {
    // Each answer takes 50 ms, so requests pile up unless the client bounds them.
    const tracked = trackInFlight(delay(50, staticHandler(many.out)));
    const server = await startServer(tracked.handler);
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { default: { url: server.url } }, agents: Object.fromEntries(names.map((name) => [name, "^1.0.0"])) });

    const result = await runWithCache(["install"], { cwd: project, cache: await makeTempDir("cache") });
    expect(result.code).toBe(0);
    for (const name of names) {
      expect(await readFile(join(project, `.claude/agents/${name}.md`), "utf8")).toBe(agentText({ name, description: `Agent ${name}` }));
    }
    expect(Object.keys((await readJson(join(project, "agentreg.lock"))).agents)).toEqual(names);
    expect(server.requests).toHaveLength(60);
    expect(tracked.inFlight.max).toBeLessThanOrEqual(16);
    // And they do run in parallel: one at a time would also pass the bound.
    expect(tracked.inFlight.max).toBeGreaterThan(1);
  });
});

describe("headers with ${VAR}", () => {
  const TOKEN = "s3cr3t-probe-token-7f1c";
  const probeConfig = (url: string) => ({ registries: { probe: { url, headers: { Authorization: "Bearer ${AGENTREG_PROBE_TOKEN}" } } } });

  it("are expanded from the environment and sent, and the secret is written nowhere", async () => {
    const server = await startServer(requireToken(TOKEN, staticHandler(registry.out)));
    const project = await makeTempDir();
    const cache = await makeTempDir("cache");
    await writeProjectConfig(project, probeConfig(server.url));

    const add = await runWithCache(["add", "@probe/alpha", "@probe/beta"], { cwd: project, cache, env: { AGENTREG_PROBE_TOKEN: TOKEN } });
    expect(add.code).toBe(0);
    const info = await runWithCache(["info", "@probe/beta", "--json"], { cwd: project, cache, env: { AGENTREG_PROBE_TOKEN: TOKEN } });
    expect(info.code).toBe(0);

    expect(server.requests.length).toBeGreaterThanOrEqual(4);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(server.requests.map(() => `Bearer ${TOKEN}`));
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
    expect(await readFile(join(project, "agentreg.json"), "utf8")).toContain('"Authorization": "Bearer ${AGENTREG_PROBE_TOKEN}"');
    expect(await filesContaining(project, TOKEN)).toEqual([]);
    expect((await filesContaining(cache, "alpha")).length).toBeGreaterThan(0);
    expect(await filesContaining(cache, TOKEN)).toEqual([]);
    expect(add.stdout + add.stderr + info.stdout + info.stderr).not.toContain(TOKEN);
  });

  it("a variable that is not set fails with E_CONFIG naming it and the registry, before any request", async () => {
    const server = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    const config = await writeProjectConfig(project, probeConfig(server.url));

    const result = await runWithCache(["add", "@probe/alpha"], { cwd: project, cache: await makeTempDir("cache"), env: { AGENTREG_PROBE_TOKEN: undefined } });
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).toContain("AGENTREG_PROBE_TOKEN is not set, needed by registry probe");
    expect(server.requests).toEqual([]);
    expect(await snapshotTree(project)).toEqual({ "agentreg.json": config });
  });

  it("a missing variable in one registry fails before any registry is contacted", async () => {
    const acme = await startServer(staticHandler(registry.out));
    const probe = await startServer(staticHandler(registry.out));
    const project = await makeTempDir();
    await writeProjectConfig(project, { registries: { acme: { url: acme.url }, ...probeConfig(probe.url).registries }, agents: { "@acme/alpha": "^1.0.0", "@probe/beta": "^1.0.0" } });

    const result = await runWithCache(["install"], { cwd: project, cache: await makeTempDir("cache"), env: { AGENTREG_PROBE_TOKEN: undefined } });
    expectCliError(result, "E_CONFIG");
    expect(result.stderr).toContain("AGENTREG_PROBE_TOKEN is not set, needed by registry probe");
    expect(probe.requests).toEqual([]);
    expect(acme.requests.map((r) => r.path)).toEqual([]);
  });

  it("a ${VAR} in the url is expanded for requests, and only the template is written or shown", async () => {
    const SECRET = "k9x-private-prefix";
    const underPrefix: Handler = (request, response) => {
      if (!request.url?.startsWith(`/${SECRET}/`)) return void response.writeHead(404).end();
      request.url = request.url.slice(SECRET.length + 1);
      return staticHandler(registry.out)(request, response);
    };
    const server = await startServer(underPrefix);
    const project = await makeTempDir();
    const cache = await makeTempDir("cache");
    await writeProjectConfig(project, { registries: { probe: { url: `${server.url}/\${AGENTREG_PROBE_PREFIX}` } } });
    const env = { AGENTREG_PROBE_PREFIX: SECRET };

    const add = await runWithCache(["add", "@probe/alpha"], { cwd: project, cache, env });
    expect(add.code).toBe(0);
    expect((await readJson(join(project, "agentreg.lock"))).agents["@probe/alpha"].resolved).toBe(`${server.url}/\${AGENTREG_PROBE_PREFIX}${tarballPath("alpha", "1.0.0")}`);
    const missing = await runWithCache(["add", "@probe/ghost"], { cwd: project, cache, env });
    expectCliError(missing, "E_NOT_FOUND");
    expect(missing.stderr).toContain("${AGENTREG_PROBE_PREFIX}");

    expect(requestsTo(server, `/${SECRET}/agents/alpha.json`)).toHaveLength(1);
    expect(await filesContaining(project, SECRET)).toEqual([]);
    expect(await filesContaining(cache, SECRET)).toEqual([]);
    expect(add.stdout + add.stderr + missing.stderr).not.toContain(SECRET);
  });

  it("are sent only to the registry's origin: a tarball on another origin (a CDN) is refused, and nothing is sent there", async () => {
    const cdn = await startServer(staticHandler(registry.out));
    const out = join(await makeTempDir("registry"), "out");
    await cp(registry.out, out, { recursive: true });
    const packumentFile = join(out, "agents/alpha.json");
    const packument = await readJson(packumentFile);
    packument.versions["1.0.0"].tarball = `${cdn.url}${tarballPath("alpha", "1.0.0")}`;
    await writeFile(packumentFile, `${JSON.stringify(packument, null, 2)}\n`);
    const server = await startServer(requireToken(TOKEN, staticHandler(out)));
    const project = await makeTempDir();
    await writeProjectConfig(project, probeConfig(server.url));

    // Issue 12: a tarball URL must stay under its registry's base, so the packument cannot send the
    // client (and what it would reveal) to another host.
    const result = await runWithCache(["add", "@probe/alpha"], { cwd: project, cache: await makeTempDir("cache"), env: { AGENTREG_PROBE_TOKEN: TOKEN } });
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain("points a tarball outside the registry");
    expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([["/agents/alpha.json", `Bearer ${TOKEN}`]]);
    expect(cdn.requests).toEqual([]);
    expect(await snapshotTree(project)).toEqual({ "agentreg.json": expect.any(String) });
  });
});
