// The shared cache (AGENTREG_CACHE) and the offline modes: what a warm cache saves, what --offline and
// --prefer-offline may and may not do, corrupt entries, `cache ls`/`cache clean`, and two processes
// sharing one cache.
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertSucceeded, expectCliError, readJson, sha512Sri, snapshotTree } from "../helpers/fixtures.js";
import { ALPHA, PACKUMENT, TARBALL, useAlphaRegistry } from "../helpers/alpha-registry.js";
import { listCache, runWithCache } from "../helpers/http-cli.js";
import { requestsTo, staticHandler, type TestServer, useServers } from "../helpers/http-fixtures.js";

const startServer = useServers();

const { registry, makeTempDir, addAlpha } = useAlphaRegistry();

/** A server, a cache warmed by one `add alpha` from it, and that first project. */
async function warmCache(): Promise<{ server: TestServer; cache: string; first: string }> {
  const server = await startServer(staticHandler(registry.out));
  const cache = await makeTempDir("cache");
  const first = await makeTempDir("first");
  assertSucceeded(await runWithCache(["add", "alpha", "--registry", server.url], { cwd: first, cache }), "warming add");
  server.requests.length = 0;
  return { server, cache, first };
}

describe("a warm cache", () => {
  it("the first install fills it: cache ls lists the packument and the tarball", async () => {
    const { server, cache, first } = await warmCache();
    const tarball = await readFile(join(registry.out, TARBALL));
    expect(await listCache(cache, first)).toEqual({
      dir: cache,
      documents: [{ registry: `${server.url}/`, path: "agents/alpha.json", storedAt: expect.any(String), bytes: (await readFile(join(registry.out, PACKUMENT))).length }],
      tarballs: [{ integrity: sha512Sri(tarball), bytes: tarball.length }],
      gitMirrors: 0,
    });
  });

  it("another project reuses the cached tarball and revalidates the packument with If-None-Match (304)", async () => {
    const { server, cache, first } = await warmCache();
    const { project, result } = await addAlpha(server.url, [], cache);
    expect(result.code).toBe(0);
    expect(await snapshotTree(project)).toEqual(await snapshotTree(first));
    expect(requestsTo(server, TARBALL)).toEqual([]);
    const [revalidation, ...rest] = requestsTo(server, PACKUMENT);
    expect(rest).toEqual([]);
    expect(revalidation?.headers["if-none-match"]).toMatch(/^"[0-9a-f]{64}"$/);
    expect(revalidation?.status).toBe(304);
  });

  it("--prefer-offline uses the cached packument without asking the server", async () => {
    const { server, cache, first } = await warmCache();
    const { project, result } = await addAlpha(server.url, ["--prefer-offline"], cache);
    expect(result.code).toBe(0);
    expect(await snapshotTree(project)).toEqual(await snapshotTree(first));
    expect(server.requests).toEqual([]);
  });

  it("a corrupt cached tarball is discarded and fetched again", async () => {
    const { server, cache, first } = await warmCache();
    const [entry] = await readdir(join(cache, "v1/tarballs"));
    await writeFile(join(cache, "v1/tarballs", entry ?? ""), "garbage, not a gzip stream");

    const { project, result } = await addAlpha(server.url, [], cache);
    expect(result.code).toBe(0);
    expect(await snapshotTree(project)).toEqual(await snapshotTree(first));
    expect(requestsTo(server, TARBALL).map((r) => r.status)).toEqual([200]);
    expect(await readFile(join(cache, "v1/tarballs", entry ?? ""))).toEqual(await readFile(join(registry.out, TARBALL)));
  });

  it("a server that sends only Last-Modified is revalidated with If-Modified-Since (304)", async () => {
    const LAST_MODIFIED = "Tue, 01 Sep 2026 10:00:00 GMT";
    const files = staticHandler(registry.out);
    const server = await startServer((request, response) => {
      if (request.url !== PACKUMENT) return files(request, response);
      if (request.headers["if-modified-since"] === LAST_MODIFIED) return void response.writeHead(304).end();
      return readFile(join(registry.out, PACKUMENT)).then((bytes) => void response.writeHead(200, { "Last-Modified": LAST_MODIFIED, "Content-Type": "application/json" }).end(bytes));
    });
    const cache = await makeTempDir("cache");
    const first = await addAlpha(server.url, [], cache);
    const second = await addAlpha(server.url, [], cache);

    expect([first.result.code, second.result.code]).toEqual([0, 0]);
    expect(requestsTo(server, PACKUMENT).map((r) => [r.headers["if-modified-since"], r.status])).toEqual([
      [undefined, 200],
      [LAST_MODIFIED, 304],
    ]);
    expect(await snapshotTree(second.project)).toEqual(await snapshotTree(first.project));
  });

  it("a packument that failed its checks is not reused once the registry is fixed", async () => {
    let broken = true;
    const files = staticHandler(registry.out);
    const server = await startServer((request, response) => {
      if (request.url !== PACKUMENT || !broken) return files(request, response);
      broken = false;
      return void response.writeHead(200, { "Content-Type": "application/json" }).end("<html>maintenance</html>");
    });
    const cache = await makeTempDir("cache");
    expectCliError((await addAlpha(server.url, [], cache)).result, "E_REGISTRY");

    const { project, result } = await addAlpha(server.url, ["--prefer-offline"], cache);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
  });
});

describe("--offline", () => {
  it("with the registry down and a warm cache, add writes the same bytes", async () => {
    const { server, cache, first } = await warmCache();
    await server.close();
    const { project, result } = await addAlpha(server.url, ["--offline"], cache);
    expect(result.code).toBe(0);
    expect(await snapshotTree(project)).toEqual(await snapshotTree(first));
  });

  it("with the registry down and an empty cache, fails with E_OFFLINE naming what is missing, and writes nothing", async () => {
    const server = await startServer(staticHandler(registry.out));
    await server.close();
    const cache = await makeTempDir("cache");
    const { project, result } = await addAlpha(server.url, ["--offline"], cache);
    expectCliError(result, "E_OFFLINE");
    expect(result.stderr).toContain("agents/alpha.json");
    expect(await snapshotTree(project)).toEqual({});
    expect(await snapshotTree(cache)).toEqual({});
  });

  it("with the packument cached but not the tarball, names the tarball", async () => {
    const { server, cache } = await warmCache();
    await rm(join(cache, "v1/tarballs"), { recursive: true });
    const { project, result } = await addAlpha(server.url, ["--offline"], cache);
    expectCliError(result, "E_OFFLINE");
    expect(result.stderr).toContain("tarballs/alpha/alpha-1.0.0.tgz");
    expect(server.requests).toEqual([]);
    expect(await snapshotTree(project)).toEqual({});
  });

  it("install --frozen from a lockfile needs only the cached tarball", async () => {
    const { server, cache, first } = await warmCache();
    const project = await makeTempDir();
    for (const file of ["agentreg.json", "agentreg.lock"]) await writeFile(join(project, file), await readFile(join(first, file)));
    await server.close();
    const result = await runWithCache(["install", "--frozen", "--offline"], { cwd: project, cache });
    expect(result.code).toBe(0);
    expect(await snapshotTree(project)).toEqual(await snapshotTree(first));
  });
});

describe("cache commands and sharing", () => {
  it("cache clean empties the cache and leaves other files in its folder alone", async () => {
    const { cache, first } = await warmCache();
    await writeFile(join(cache, "notes.txt"), "not agentreg's\n");
    const clean = await runWithCache(["cache", "clean"], { cwd: first, cache });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("removed 1 document, 1 tarball and 0 git mirrors");
    expect(await listCache(cache, first)).toMatchObject({ documents: [], tarballs: [] });
    expect(await snapshotTree(cache)).toEqual({ "notes.txt": "not agentreg's\n" });
  });

  it("two installs running at once with one cache both succeed and leave no temp file", async () => {
    const server = await startServer(staticHandler(registry.out));
    const cache = await makeTempDir("cache");
    const projects = [await makeTempDir("one"), await makeTempDir("two")];
    const results = await Promise.all(projects.map((cwd) => runWithCache(["add", "alpha", "--registry", server.url], { cwd, cache })));

    expect(results.map((r) => r.code)).toEqual([0, 0]);
    for (const project of projects) {
      expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
      expect((await readJson(join(project, "agentreg.lock"))).agents.alpha.integrity).toBe(sha512Sri(await readFile(join(registry.out, TARBALL))));
    }
    expect(Object.keys(await snapshotTree(cache)).map((path) => path.replace(/[0-9a-f]{64,128}/, "<hash>"))).toEqual([
      "v1/",
      "v1/documents/",
      "v1/documents/<hash>.doc",
      "v1/tarballs/",
      "v1/tarballs/<hash>.tgz",
    ]);
  });
});

describe("index freshness (Cache-Control: max-age)", () => {
  /** The registry, with `cache-control` on every answer for index.json and packuments alike. */
  const withCacheControl = (value: string) => {
    const inner = staticHandler(registry.out);
    return (request: Parameters<typeof inner>[0], response: Parameters<typeof inner>[1]) => {
      response.setHeader("Cache-Control", value);
      return inner(request, response);
    };
  };

  it("search reuses the cached index without a request while the server says it is fresh; packuments are always revalidated", async () => {
    const server = await startServer(withCacheControl("public, max-age=60"));
    const cache = await makeTempDir("cache");
    const cwd = await makeTempDir("search");
    assertSucceeded(await runWithCache(["search", "alpha", "--registry", server.url], { cwd, cache }), "first search");
    expect(requestsTo(server, "/index.json")).toHaveLength(1);
    const again = await runWithCache(["search", "alpha", "--registry", server.url], { cwd, cache });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("alpha@1.0.0");
    expect(requestsTo(server, "/index.json")).toHaveLength(1);

    // Resolution never trusts freshness: each add asks for the packument again (a 304 the second time).
    for (const label of ["one", "two"]) assertSucceeded(await runWithCache(["add", "alpha", "--registry", server.url], { cwd: await makeTempDir(label), cache }), `add ${label}`);
    expect(requestsTo(server, PACKUMENT).map((r) => r.headers["if-none-match"] !== undefined)).toEqual([false, true]);
  });

  it("revalidates every time when the server sends no max-age, or no-cache", async () => {
    for (const value of ["public", "no-cache, max-age=60"]) {
      const server = await startServer(withCacheControl(value));
      const cache = await makeTempDir("cache");
      const cwd = await makeTempDir("search");
      for (let i = 0; i < 2; i++) assertSucceeded(await runWithCache(["search", "alpha", "--registry", server.url], { cwd, cache }), "search");
      expect(requestsTo(server, "/index.json").map((r) => r.headers["if-none-match"] !== undefined)).toEqual([false, true]);
    }
  });
});
