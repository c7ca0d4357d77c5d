import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { registryIndexSchema } from "../registry/protocol-schemas.js";
import { buildRegistryFiles } from "./build-registry.js";
import { marketplacePaths } from "../registry/marketplace-layout.js";
import { checkMarketplaceName, exportMarketplace, type MarketplaceAgent } from "./marketplace-export.js";

const repositoryRegistry = fileURLToPath(new URL("../../../../registry/", import.meta.url));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
const json = (files: Map<string, Uint8Array>, path: string): Record<string, any> => JSON.parse(decode(files.get(path)));

const reviewer: MarketplaceAgent = {
  name: "reviewer",
  version: "1.2.0",
  // CRLF and no final newline: the plugin must hold these bytes, not a normalised copy.
  bytes: encode("---\r\nname: reviewer\r\ndescription: Reviews code.\r\n---\r\nYou review code."),
  description: "Reviews code.",
  keywords: ["review", "quality"],
  license: "MIT",
  author: "Ada",
};
const tester: MarketplaceAgent = { name: "tester", version: "0.1.0", bytes: encode("---\nname: tester\ndescription: Tests.\n---\nYou test.\n"), description: "Tests.", keywords: [] };

describe("checkMarketplaceName: the names Claude Code accepts for a marketplace", () => {
  it.each(["agentreg", "acme-agents", "Acme.Tools_2", "claude-agents", "my-claude-plugins", "a"])("accepts %j", (name) => {
    expect(checkMarketplaceName(name)).toBeUndefined();
  });

  it.each([
    { name: "", problem: /empty/ },
    { name: "acme agents", problem: /space/ },
    { name: "acme\tagents", problem: /printable ASCII/ },
    { name: "acmé", problem: /printable ASCII/ },
    { name: "acme\u202eagents", problem: /printable ASCII/ },
    { name: "acme/agents", problem: /path separator/ },
    { name: "acme\\agents", problem: /path separator/ },
    { name: "..", problem: /path separator/ },
    { name: "acme..agents", problem: /path separator/ },
    { name: ".", problem: /path separator/ },
    { name: "builtin", problem: /reserved by Claude Code for built-in plugins/ },
    { name: "INLINE", problem: /reserved by Claude Code/ },
    { name: "skills-dir", problem: /reserved by Claude Code/ },
    { name: "synced", problem: /reserved by Claude Code/ },
    { name: "claude-plugin-test", problem: /reserved by Claude Code/ },
    { name: "claude-plugins-official", problem: /official Anthropic marketplace$/ },
    { name: "agent-skills", problem: /official Anthropic marketplace$/ },
    { name: "claude-marketplace-extras", problem: /looks like an official/ },
    { name: "Anthropic_Plugins_2", problem: /looks like an official/ },
    { name: "official-claude-agents", problem: /looks like an official/ },
    { name: "acme-claude-official", problem: /looks like an official/ },
  ])("refuses $name: $problem", ({ name, problem }) => {
    expect(checkMarketplaceName(name)).toMatch(problem);
  });
});

describe("exportMarketplace", () => {
  it("writes marketplace.json with one ./plugins/<name> entry per agent, sorted by name", () => {
    const { name, files } = exportMarketplace({ registry: { name: "acme", description: "Acme's agents", owner: "Acme Inc." }, agents: [tester, reviewer] });
    expect(name).toBe("acme");
    expect([...files.keys()]).toEqual([
      ".claude-plugin/marketplace.json",
      "plugins/reviewer/.claude-plugin/plugin.json",
      "plugins/reviewer/agents/reviewer.md",
      "plugins/tester/.claude-plugin/plugin.json",
      "plugins/tester/agents/tester.md",
    ]);
    expect(json(files, marketplacePaths.manifest)).toEqual({
      name: "acme",
      owner: { name: "Acme Inc." },
      metadata: { description: "Acme's agents" },
      plugins: [
        {
          name: "reviewer",
          source: "./plugins/reviewer",
          version: "1.2.0",
          description: "Reviews code.",
          keywords: ["quality", "review"],
          license: "MIT",
          author: { name: "Ada" },
        },
        { name: "tester", source: "./plugins/tester", version: "0.1.0", description: "Tests.", author: { name: "Acme Inc." } },
      ],
    });
  });

  it("gives each plugin a plugin.json with the entry's facts and the agent file byte for byte", () => {
    const { files } = exportMarketplace({ registry: { name: "acme" }, agents: [reviewer] });
    const { source, ...facts } = json(files, marketplacePaths.manifest).plugins[0];
    expect(source).toBe("./plugins/reviewer");
    expect(json(files, marketplacePaths.pluginManifest("reviewer"))).toEqual(facts);
    expect(files.get(marketplacePaths.pluginAgent("reviewer"))).toEqual(reviewer.bytes);
  });

  it("names the registry as owner, as author of agents without one, and in the description, when registry.json has neither", () => {
    const { files } = exportMarketplace({ registry: { name: "acme" }, agents: [tester] });
    const manifest = json(files, marketplacePaths.manifest);
    expect(manifest.owner).toEqual({ name: "acme" });
    expect(manifest.metadata).toEqual({ description: "Claude Code subagents from the acme agentreg registry." });
    expect(manifest.plugins[0].author).toEqual({ name: "acme" });
  });

  it("is deterministic: the same agents in any order give the same bytes", () => {
    const a = exportMarketplace({ registry: { name: "acme" }, agents: [reviewer, tester] });
    const b = exportMarketplace({ registry: { name: "acme" }, agents: [tester, { ...reviewer, keywords: ["review", "quality"] }] });
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [path, bytes] of a.files) expect(decode(b.files.get(path)), path).toBe(decode(bytes));
  });

  // Issue 13: a dotted name is a plugin id Claude Code installs (`[A-Za-z0-9][-A-Za-z0-9._]*`); only
  // the Claude.ai sync wants kebab-case, which `claude plugin validate --strict` warns about.
  it("exports a dotted agent name as a plugin of that name", () => {
    const dotted: MarketplaceAgent = { ...tester, name: "powershell-5.1-expert", bytes: encode("---\nname: powershell-5.1-expert\ndescription: PowerShell.\n---\nYou script.\n") };
    const { files } = exportMarketplace({ registry: { name: "acme" }, agents: [dotted] });
    expect(decode(files.get("plugins/powershell-5.1-expert/agents/powershell-5.1-expert.md"))).toBe(decode(dotted.bytes));
    expect(json(files, "plugins/powershell-5.1-expert/.claude-plugin/plugin.json")).toMatchObject({ name: "powershell-5.1-expert" });
    expect(json(files, marketplacePaths.manifest).plugins).toEqual([expect.objectContaining({ name: "powershell-5.1-expert", source: "./plugins/powershell-5.1-expert" })]);
  });

  it("writes an empty marketplace for a registry without agents", () => {
    const { files } = exportMarketplace({ registry: { name: "acme" }, agents: [] });
    expect(json(files, marketplacePaths.manifest)).toMatchObject({ name: "acme", owner: { name: "acme" }, plugins: [] });
  });

  it.each(["my agents", "builtin", "claude-plugins-official"])("refuses the registry name %j with E_REGISTRY and a hint, instead of renaming it", (name) => {
    expect(() => exportMarketplace({ registry: { name }, agents: [reviewer] })).toThrow(
      expect.objectContaining({ code: "E_REGISTRY", subject: name, hint: expect.stringContaining("--no-marketplace") }),
    );
  });

  it.each([
    { what: "an agent listed twice", agents: [reviewer, { ...reviewer, version: "2.0.0" }], problem: /listed twice/ },
    { what: "an agent name that is not a safe folder", agents: [{ ...reviewer, name: "../escape" }], problem: /lowercase letter/ },
    { what: "an agent name with ..", agents: [{ ...reviewer, name: "a..b" }], problem: /must not contain "\.\."/ },
    { what: "an agent name ending in .md", agents: [{ ...reviewer, name: "reviewer.md" }], problem: /must not end in "\.md"/ },
  ])("refuses $what with E_REGISTRY", ({ agents, problem }) => {
    expect(() => exportMarketplace({ registry: { name: "acme" }, agents })).toThrow(expect.objectContaining({ code: "E_REGISTRY", message: expect.stringMatching(problem) }));
  });
});

describe("buildRegistryFiles with marketplace: true on the repository's registry/", () => {
  it("adds the marketplace beside the protocol files, leaving those byte-identical", async () => {
    const [plain, withMarketplace] = await Promise.all([buildRegistryFiles({ source: repositoryRegistry }), buildRegistryFiles({ source: repositoryRegistry, marketplace: true })]);
    expect(plain.marketplace).toBeUndefined();
    expect(withMarketplace.marketplace).toBe("agentreg");
    for (const [path, bytes] of plain.files) expect(withMarketplace.files.get(path), path).toEqual(bytes);
    const added = [...withMarketplace.files.keys()].filter((path) => !plain.files.has(path));
    expect(added.every((path) => path === marketplacePaths.manifest || path.startsWith("plugins/")), added.join(", ")).toBe(true);
  });

  it("exports every agent at its index `latest`, holding that version's source file", async () => {
    const { files } = await buildRegistryFiles({ source: repositoryRegistry, marketplace: true });
    const index = registryIndexSchema.parse(json(files, "index.json"));
    const plugins = json(files, marketplacePaths.manifest).plugins as Array<{ name: string; version: string; description: string }>;
    expect(plugins.map((plugin) => plugin.name)).toEqual(index.agents.map((agent) => agent.name));
    for (const agent of index.agents) {
      expect(plugins.find((plugin) => plugin.name === agent.name)).toMatchObject({ version: agent.latest, description: agent.description });
      const source = await readFile(join(repositoryRegistry, "agents", agent.name, agent.latest, `${agent.name}.md`));
      expect(Buffer.from(files.get(marketplacePaths.pluginAgent(agent.name)) as Uint8Array).equals(source), agent.name).toBe(true);
    }
  });
});
