// HTTP_PROXY / NO_PROXY: the CLI reads them from the environment (the SDK never does) and sends
// registry traffic through the proxy unless the host is excluded. The proxy is a tiny CONNECT and
// forwarding proxy on 127.0.0.1 that records what went through it. undici opens a CONNECT tunnel
// even for a plain-http target, so a proxied request shows up as a tunnel to the registry's host:port.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentText, useRegistry, useTempDirs } from "../helpers/fixtures.js";
import { runWithCache } from "../helpers/http-cli.js";
import { staticHandler, useServers } from "../helpers/http-fixtures.js";
import { useProxies } from "../helpers/http-proxy.js";

const makeTempDir = useTempDirs();
const startServer = useServers();
const startProxy = useProxies();

const ALPHA = agentText({ name: "alpha", description: "Alpha agent" });
const registry = useRegistry([{ name: "alpha", version: "1.0.0", text: ALPHA }]);

/** `add alpha` from a fresh registry server with `env`, and what the proxy and the server saw. */
async function addThrough(env: (proxyUrl: string) => Record<string, string>) {
  const server = await startServer(staticHandler(registry.out));
  const proxy = await startProxy();
  const project = await makeTempDir();
  const result = await runWithCache(["add", "alpha", "--registry", server.url], { cwd: project, cache: await makeTempDir("cache"), env: env(proxy.url) });
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(await readFile(join(project, ".claude/agents/alpha.md"), "utf8")).toBe(ALPHA);
  expect(server.requests.map((r) => r.path).sort()).toEqual(["/agents/alpha.json", "/tarballs/alpha/alpha-1.0.0.tgz"]);
  return { host: new URL(server.url).host, proxied: [...proxy.tunnels, ...proxy.forwarded.map((url) => new URL(url).host)] };
}

describe("proxies from the environment", () => {
  it.each(["HTTP_PROXY", "http_proxy"])("%s sends registry requests through the proxy", async (variable) => {
    const { host, proxied } = await addThrough((proxy) => ({ [variable]: proxy }));
    expect(proxied.length).toBeGreaterThan(0);
    expect(new Set(proxied)).toEqual(new Set([host]));
  });

  it.each(["NO_PROXY", "no_proxy"])("%s=127.0.0.1 bypasses the proxy", async (variable) => {
    const { proxied } = await addThrough((proxy) => ({ HTTP_PROXY: proxy, [variable]: "127.0.0.1" }));
    expect(proxied).toEqual([]);
  });

  it("HTTPS_PROXY alone is not used for an http:// registry", async () => {
    const { proxied } = await addThrough((proxy) => ({ HTTPS_PROXY: proxy }));
    expect(proxied).toEqual([]);
  });
});
