// `registry build` also writes a Claude Code plugin marketplace (issue 7): its layout and bytes,
// `registry serve` serving it, and, when @anthropic-ai/claude-code is installed in the repository,
// Claude Code's own `plugin validate`, `plugin marketplace add` and `plugin install` on it, offline.
import { existsSync } from "node:fs";
import { cp, readFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  agentText,
  assertSucceeded,
  buildRegistry,
  expectCliError,
  readJson,
  REPO_ROOT,
  runCli,
  snapshotTree,
  updateJson,
  useRegistry,
  useTempDirs,
} from "../helpers/fixtures.js";
import { CLAUDE_CODE_LAUNCHER, INSTALL_HINT, runClaudeCode as claude, SKIP_CLAUDE_CODE } from "../helpers/claude-code.js";
import { useServeProcesses } from "../helpers/http-cli.js";

const makeTempDir = useTempDirs();
const startServe = useServeProcesses();

const ALPHA_1_1 = agentText({ name: "alpha", description: "Alpha agent. Examples: <example>review this</example>", body: "Alpha 1.1\n" });
const BETA = agentText({ name: "beta", description: "Beta agent", tools: ["Read"] });
// alpha's latest is 1.1.0: a prerelease never becomes latest while a stable version is left.
const registry = useRegistry([
  { name: "alpha", version: "1.0.0", text: agentText({ name: "alpha", description: "Alpha agent" }) },
  { name: "alpha", version: "1.1.0", text: ALPHA_1_1 },
  { name: "alpha", version: "2.0.0-rc.1", text: agentText({ name: "alpha", description: "Alpha agent", body: "Alpha 2 rc\n" }) },
  { name: "beta", version: "0.1.0", text: BETA },
]);

const MANIFEST = ".claude-plugin/marketplace.json";

interface PluginEntry {
  name: string;
  source: string;
  version: string;
  description: string;
}

async function marketplaceOf(out: string): Promise<{ name: string; owner: { name: string }; plugins: PluginEntry[] }> {
  return readJson(join(out, MANIFEST));
}

/** A copy of the shared source to change, and where to build it. */
async function ownSource(): Promise<{ source: string; out: string }> {
  const root = await makeTempDir("source");
  await cp(registry.source, join(root, "src"), { recursive: true });
  return { source: join(root, "src"), out: join(root, "out") };
}

describe("registry build writes a Claude Code plugin marketplace", () => {
  it("lists one plugin per agent, each with a ./ source, a unique name and the agent's latest version", async () => {
    const marketplace = await marketplaceOf(registry.out);
    expect(marketplace).toEqual({
      name: "src",
      owner: { name: "src" },
      metadata: { description: "Claude Code subagents from the src agentreg registry." },
      plugins: [
        { name: "alpha", source: "./plugins/alpha", version: "1.1.0", description: "Alpha agent.", author: { name: "src" } },
        { name: "beta", source: "./plugins/beta", version: "0.1.0", description: "Beta agent", author: { name: "src" } },
      ],
    });
    const names = marketplace.plugins.map((plugin) => plugin.name);
    expect(new Set(names).size).toBe(names.length);
    for (const plugin of marketplace.plugins) expect(plugin.source).toMatch(/^\.\/plugins\/[a-z0-9-]+$/);
  });

  it("gives each plugin folder a plugin.json (name, version, description) and agents/<name>.md holding the latest version's exact bytes", async () => {
    const tree = await snapshotTree(join(registry.out, "plugins"));
    expect(Object.keys(tree)).toEqual([
      "alpha/",
      "alpha/.claude-plugin/",
      "alpha/.claude-plugin/plugin.json",
      "alpha/agents/",
      "alpha/agents/alpha.md",
      "beta/",
      "beta/.claude-plugin/",
      "beta/.claude-plugin/plugin.json",
      "beta/agents/",
      "beta/agents/beta.md",
    ]);
    for (const { source, ...facts } of (await marketplaceOf(registry.out)).plugins) {
      const folder = join(registry.out, source);
      expect(await readJson(join(folder, ".claude-plugin/plugin.json"))).toEqual(facts);
      const published = await readFile(join(registry.source, "agents", facts.name, facts.version, `${facts.name}.md`));
      expect(await readFile(join(folder, "agents", `${facts.name}.md`))).toEqual(published);
    }
    expect(await readFile(join(registry.out, "plugins/alpha/agents/alpha.md"), "utf8")).toBe(ALPHA_1_1);
  });

  it("adds only .claude-plugin/ and plugins/: with --no-marketplace every other file is byte-identical", async () => {
    const plain = join(await makeTempDir("plain"), "out");
    const result = assertSucceeded(await runCli(["registry", "build", registry.source, "--out", plain, "--no-marketplace"], { cwd: registry.source }), "build --no-marketplace");
    expect(result.stdout).not.toContain("Claude Code");
    const [withMarketplace, without] = await Promise.all([snapshotTree(registry.out), snapshotTree(plain)]);
    const extra = Object.keys(withMarketplace).filter((path) => !(path in without));
    expect(extra.every((path) => path.startsWith(".claude-plugin/") || path.startsWith("plugins/"))).toBe(true);
    for (const [path, content] of Object.entries(without)) expect(withMarketplace[path], path).toBe(content);
  });

  it("is deterministic: a second build is byte-identical, and the command says how to add the marketplace", async () => {
    const again = join(await makeTempDir("again"), "out");
    const result = assertSucceeded(await runCli(["registry", "build", registry.source, "--out", again], { cwd: registry.source }), "build");
    expect(result.stdout).toContain(`Claude Code: /plugin marketplace add ${again}, then /plugin install <agent>@src`);
    expect(await snapshotTree(again)).toEqual(await snapshotTree(registry.out));
  });

  it("exports the highest version that is not yanked, and takes owner and description from registry.json", async () => {
    const { source, out } = await ownSource();
    await updateJson(join(source, "agents/alpha/agent.json"), (agent) => (agent.yanks = ["1.1.0"]));
    await updateJson(join(source, "registry.json"), (config) => Object.assign(config, { owner: "Acme Inc.", description: "Acme's agents" }));
    await buildRegistry(source, out);
    const marketplace = await marketplaceOf(out);
    expect(marketplace).toMatchObject({ owner: { name: "Acme Inc." }, metadata: { description: "Acme's agents" } });
    expect(marketplace.plugins[0]).toMatchObject({ name: "alpha", version: "1.0.0", author: { name: "Acme Inc." } });
    expect(await readFile(join(out, "plugins/alpha/agents/alpha.md"))).toEqual(await readFile(join(source, "agents/alpha/1.0.0/alpha.md")));
  });

  it("leaves out an agent whose every version is yanked", async () => {
    const { source, out } = await ownSource();
    await updateJson(join(source, "agents/alpha/agent.json"), (agent) => (agent.yanks = ["1.0.0", "1.1.0", "2.0.0-rc.1"]));
    await buildRegistry(source, out);
    expect((await marketplaceOf(out)).plugins.map((plugin) => plugin.name)).toEqual(["beta"]);
    expect(existsSync(join(out, "plugins/alpha"))).toBe(false);
  });

  it.each(["my agents", "builtin"])("refuses the registry name %j, which Claude Code refuses, with E_REGISTRY and writes nothing; --no-marketplace builds it", async (name) => {
    const { source, out } = await ownSource();
    await updateJson(join(source, "registry.json"), (config) => (config.name = name));
    const result = await runCli(["registry", "build", source, "--out", out], { cwd: source });
    expectCliError(result, "E_REGISTRY");
    expect(result.stderr).toContain("--no-marketplace");
    expect(existsSync(out)).toBe(false);
    assertSucceeded(await runCli(["registry", "build", source, "--out", out, "--no-marketplace"], { cwd: source }), "build --no-marketplace");
    expect(existsSync(join(out, MANIFEST))).toBe(false);
  });
});

/** GET over loopback with node:http, which no proxy variable affects. */
function get(url: string): Promise<{ status: number; type: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"], body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("registry serve serves the marketplace", () => {
  it.each([
    { path: "/.claude-plugin/marketplace.json", type: /^application\/json/ },
    { path: "/plugins/alpha/.claude-plugin/plugin.json", type: /^application\/json/ },
    { path: "/plugins/alpha/agents/alpha.md", type: /^text\/markdown/ },
  ])("answers GET $path with 200 and the file", async ({ path, type }) => {
    const server = await startServe([registry.out, "--port", "0"], registry.out);
    const response = await get(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.type).toMatch(type);
    expect(response.body).toEqual(await readFile(join(registry.out, path)));
  });
});

// The pinned Claude Code CLI (tests/helpers/claude-code.ts): missing, these tests fail rather than skip.
describe.skipIf(SKIP_CLAUDE_CODE)("Claude Code accepts the marketplace (needs @anthropic-ai/claude-code)", () => {
  it("is installed (node scripts/fetch-claude-code.mjs; pnpm test runs it)", () => {
    expect(CLAUDE_CODE_LAUNCHER, INSTALL_HINT).toBeDefined();
  });

  it("`claude plugin validate --strict` passes on the default registry's build, one plugin per catalog agent", async () => {
    const out = await buildRegistry(join(REPO_ROOT, "registry"), join(await makeTempDir("default"), "out"));
    const result = await claude(["plugin", "validate", "--strict", out], await makeTempDir("home"));
    expect(result.stdout).toContain("Validation passed");
    expect(result.code).toBe(0);
    const marketplace = await readJson(join(out, MANIFEST));
    const agents = (await readJson(join(out, "index.json"))).agents.map((agent: { name: string }) => agent.name);
    expect(marketplace.plugins.map((plugin: { name: string }) => plugin.name)).toEqual(agents);
    expect(agents.length).toBeGreaterThanOrEqual(11);
  });

  it("`claude plugin validate --strict` passes on the built registry", async () => {
    const result = await claude(["plugin", "validate", "--strict", registry.out], await makeTempDir("home"));
    expect(result.stdout).toContain("Validation passed");
    expect(result.code).toBe(0);
  });

  it("`claude plugin marketplace add <dir>` then `claude plugin install` installs the agent, which Claude Code lists and validates", async () => {
    const home = await makeTempDir("home");
    const added = await claude(["plugin", "marketplace", "add", registry.out], home);
    expect(added.stdout).toContain("Successfully added marketplace: src");
    expect(added.code).toBe(0);
    const installed = await claude(["plugin", "install", "alpha@src"], home);
    expect(installed.stdout).toContain("Successfully installed plugin: alpha@src");
    expect(installed.code).toBe(0);

    const plugin = join(home, ".claude/plugins/cache/src/alpha/1.1.0");
    expect(await readFile(join(plugin, "agents/alpha.md"), "utf8")).toBe(ALPHA_1_1);
    const details = await claude(["plugin", "details", "alpha@src"], home);
    expect(details.stdout).toMatch(/Agents \(1\)\s+alpha/);
    // The installed copy, agent file included, is one Claude Code validates without a warning.
    const validated = await claude(["plugin", "validate", "--strict", plugin], home);
    expect(validated.stdout).toContain("agents: alpha:alpha");
    expect(validated.code).toBe(0);
  });
});
