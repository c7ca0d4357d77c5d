// `agentreg registry serve`: the built CLI as a static registry host, probed with raw requests
// (node:http sends paths exactly as given, so `..` and encoded separators reach the server).
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, expectCliError, readJson, snapshotTree, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { runWithCache, useServeProcesses } from "../helpers/http-cli.js";

const makeTempDir = useTempDirs();
const startServe = useServeProcesses();

const ALPHA = agentText({ name: "alpha", description: "Alpha agent" });
const registry = useRegistry([{ name: "alpha", version: "1.0.0", text: ALPHA }]);
const TARBALL = "/tarballs/alpha/alpha-1.0.0.tgz";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request with the path sent byte for byte as given. */
function raw(url: string, path: string, options: { method?: string; headers?: Record<string, string>; agent?: Agent } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: options.method ?? "GET", headers: options.headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * A copy of the built registry inside a folder that also holds a secret, with symlinks inside the
 * registry that point at it: what path escapes would reach.
 */
async function servedWithSecret(): Promise<string> {
  const root = await makeTempDir("serve");
  const out = join(root, "out");
  await mkdir(out);
  await cp(registry.out, out, { recursive: true });
  // Without the catalog's index.html, the root names no file.
  await rm(join(out, "index.html"));
  await writeFile(join(root, "secret.json"), '{"secret":true}\n');
  await symlink(join(root, "secret.json"), join(out, "agents/linked.json"));
  await symlink(root, join(out, "parent"));
  return out;
}

describe("registry serve", () => {
  it("prints its address and serves index.json with an ETag, Cache-Control and a JSON content type", async () => {
    const server = await startServe([registry.out, "--port", "0"], registry.out);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const index = await raw(server.url, "/index.json");
    expect(index.status).toBe(200);
    expect(index.headers["content-type"]).toMatch(/^application\/json/);
    expect(index.headers.etag).toMatch(/^".+"$/);
    expect(index.headers["cache-control"]).toMatch(/max-age=\d+/);
    expect(index.body).toEqual(await readFile(join(registry.out, "index.json")));
  });

  it("serves tarballs as immutable application/gzip, and answers a matching If-None-Match with 304", async () => {
    const server = await startServe([registry.out, "--port", "0"], registry.out);
    const tarball = await raw(server.url, TARBALL);
    expect(tarball.status).toBe(200);
    expect(tarball.headers["content-type"]).toBe("application/gzip");
    expect(tarball.headers["cache-control"]).toContain("immutable");
    expect(tarball.body).toEqual(await readFile(join(registry.out, TARBALL)));

    const again = await raw(server.url, TARBALL, { headers: { "If-None-Match": String(tarball.headers.etag) } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await raw(server.url, TARBALL, { headers: { "If-None-Match": '"something-else"' } })).status).toBe(200);
  });

  it("serves the catalog: / is index.html, pages and assets with their types, documents inert", async () => {
    const server = await startServe([registry.out, "--port", "0"], registry.out);
    const root = await raw(server.url, "/");
    expect(root.status).toBe(200);
    expect(root.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(root.body).toEqual(await readFile(join(registry.out, "index.html")));
    expect((await raw(server.url, "/agents/alpha.html")).headers["content-type"]).toBe("text/html; charset=utf-8");
    expect((await raw(server.url, "/site/catalog.css")).headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await raw(server.url, "/site/catalog.js")).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    // A page's own meta tag sets its policy; anything else opened in a browser runs and loads nothing.
    expect(root.headers["content-security-policy"]).toBeUndefined();
    expect((await raw(server.url, "/index.json")).headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
  });

  it.each([
    { what: "a folder", path: "/agents/" },
    { what: "a folder without a slash", path: "/agents" },
    { what: "the root of a build without the catalog", path: "/" },
    { what: "a missing file", path: "/agents/ghost.json" },
    { what: "../", path: "/../secret.json" },
    { what: "a nested ../", path: "/agents/../../secret.json" },
    { what: "%2e%2e", path: "/%2e%2e/secret.json" },
    { what: "an encoded slash", path: "/..%2fsecret.json" },
    { what: "an encoded backslash", path: "/agents/..%5c..%5csecret.json" },
    { what: "a symlinked file pointing outside", path: "/agents/linked.json" },
    { what: "a symlinked folder pointing outside", path: "/parent/secret.json" },
  ])("answers 404 for $what ($path), never a listing or a file outside", async ({ path }) => {
    const out = await servedWithSecret();
    const server = await startServe([out, "--port", "0"], out);
    // The same server does serve the registry's own files.
    expect((await raw(server.url, "/agents/alpha.json")).status).toBe(200);
    const response = await raw(server.url, path);
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain("secret");
    expect(response.body.toString()).not.toContain("alpha");
  });

  it("answers 500 to a request it cannot serve (a symlink loop in the folder) and says so on stderr, one line per request", async () => {
    const out = join(await makeTempDir("serve"), "out");
    await cp(registry.out, out, { recursive: true });
    await symlink("loop.json", join(out, "agents/loop.json"));
    const server = await startServe([out, "--port", "0"], out);

    expect((await raw(server.url, "/agents/loop.json")).status).toBe(500);
    expect((await raw(server.url, "/agents/loop.json?v=2", { method: "HEAD" })).status).toBe(500);
    expect((await raw(server.url, "/agents/alpha.json")).status).toBe(200);
    server.child.kill("SIGTERM");
    const exit = await server.exited;

    const errors = exit.stderr.split("\n").filter((line) => line.startsWith("error:"));
    expect(errors).toEqual([
      expect.stringMatching(/^error: 500 for GET \/agents\/loop\.json: ELOOP: .*loop\.json'$/),
      expect.stringMatching(/^error: 500 for HEAD \/agents\/loop\.json\?v=2: ELOOP: /),
    ]);
  });

  it("answers 405 to POST", async () => {
    const server = await startServe([registry.out, "--port", "0"], registry.out);
    const response = await raw(server.url, "/index.json", { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toContain("GET");
  });

  it("is a registry agentreg add can install from", async () => {
    const server = await startServe([registry.out, "--port", "0"], registry.out);
    const project = await makeTempDir();
    const result = await runWithCache(["add", "alpha", "--registry", server.url], { cwd: project, cache: await makeTempDir("cache") });
    expect(result.code).toBe(0);
    expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
    expect((await readJson(join(project, "agentreg.lock"))).agents.alpha.resolved).toBe(`${server.url}${TARBALL}`);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("stops on %s with exit code 0, even with a keep-alive connection open", async (signal) => {
    const server = await startServe([registry.out, "--port", "0"], registry.out);
    const keepAlive = new Agent({ keepAlive: true });
    expect((await raw(server.url, "/index.json", { agent: keepAlive })).status).toBe(200);
    server.child.kill(signal);
    const exit = await server.exited.finally(() => keepAlive.destroy());
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    await expect(raw(server.url, "/index.json")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("refuses a folder that is not a built registry with E_NOT_FOUND", async () => {
    const dir = await makeTempDir("not-a-registry");
    await writeFile(join(dir, "README.md"), "hello\n");
    const server = await startServe([dir, "--port", "0"], dir);
    const exit = await server.exited;
    expectCliError(exit, "E_NOT_FOUND");
    expect(exit.stderr).toContain("index.json");
    expect(await snapshotTree(dir)).toEqual({ "README.md": "hello\n" });
  });
});
