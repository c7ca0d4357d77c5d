import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import type { Packument, RegistryIndexEntry } from "../registry/protocol.js";
import { buildSiteFiles } from "./build-site.js";
import { AGENTS_PER_PAGE } from "./index-page.js";
import { installCommand, shellWord } from "./install-command.js";
import type { SiteRegistry } from "./site-parts.js";

const DATE = "2026-12-01T00:00:00.000Z";
const decoder = new TextDecoder();

interface TestAgent {
  name: string;
  description?: string;
  versions?: Record<string, string>;
  entry?: Partial<RegistryIndexEntry>;
  packument?: Partial<Packument>;
  frontmatter?: Record<string, unknown>;
}

/** A SiteRegistry of `agents`, each version's file made from its body. */
function site(agents: TestAgent[], registry: Partial<Omit<SiteRegistry, "index" | "packuments" | "sources">> & { name?: string } = {}): Map<string, string> {
  const packuments = new Map<string, Packument>();
  const sources = new Map<string, Map<string, Uint8Array>>();
  const entries: RegistryIndexEntry[] = [];
  for (const agent of agents) {
    const description = agent.description ?? `Agent ${agent.name}.`;
    const versions = agent.versions ?? { "1.0.0": `You are ${agent.name}.\n` };
    const latest = Object.keys(versions).at(-1) as string;
    sources.set(agent.name, new Map(Object.entries(versions).map(([version, body]) => [version, new TextEncoder().encode(`---\nname: ${agent.name}\ndescription: x\n---\n${body}`)])));
    packuments.set(agent.name, {
      name: agent.name,
      description,
      keywords: [],
      distTags: { latest },
      versions: Object.fromEntries(Object.keys(versions).map((version) => [version, { integrity: `sha512-${version}`, tarball: "t.tgz", size: 1, publishedAt: DATE, frontmatter: { name: agent.name, description, ...agent.frontmatter } }])),
      ...agent.packument,
    });
    entries.push({ name: agent.name, description, latest, keywords: [], tools: "all", updatedAt: DATE, ...agent.entry });
  }
  const files = buildSiteFiles({
    index: { schemaVersion: 1, name: registry.name ?? "acme", serial: 1, generatedAt: DATE, agents: entries },
    packuments,
    sources,
    description: registry.description,
    homepage: registry.homepage,
    url: registry.url,
  });
  return new Map([...files].map(([path, bytes]) => [path, decoder.decode(bytes)]));
}

/** The tags a page has, by name: what the escaping must keep to the build's own. */
function tagsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => (match[1] as string).toLowerCase()));
}

describe("buildSiteFiles", () => {
  it("writes the index, a page per agent and the site's assets", () => {
    const files = site([{ name: "alpha" }, { name: "beta" }]);
    expect([...files.keys()].sort()).toEqual(["agents/alpha.html", "agents/beta.html", "index.html", "site/catalog.css", "site/catalog.js", "site/search-index.js"]);
    expect(files.get("index.html")).toContain(`<a href="agents/alpha.html">alpha</a>`);
    expect(files.get("agents/alpha.html")).toContain(`<link rel="stylesheet" href="../site/catalog.css">`);
    // Every page forbids inline script and other origins.
    for (const [path, html] of files) if (path.endsWith(".html")) expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self';`);
  });

  it(`lists ${AGENTS_PER_PAGE} agents a page, linked by a pager, and indexes every agent for search`, () => {
    const names = Array.from({ length: 2 * AGENTS_PER_PAGE + 50 }, (_, i) => `agent-${String(i).padStart(3, "0")}`);
    const files = site(names.map((name) => ({ name })));
    const listed = (path: string): string[] => [...(files.get(path) ?? "").matchAll(/<h2><a href="agents\/([^"]+)\.html">/g)].map((match) => match[1] as string);
    expect(listed("index.html")).toEqual(names.slice(0, AGENTS_PER_PAGE));
    expect(listed("page-2.html")).toEqual(names.slice(AGENTS_PER_PAGE, 2 * AGENTS_PER_PAGE));
    expect(listed("page-3.html")).toEqual(names.slice(2 * AGENTS_PER_PAGE));
    expect(files.has("page-4.html")).toBe(false);
    expect(files.get("page-2.html")).toContain(`<a href="index.html" aria-label="Previous page, 1">Previous</a>`);
    expect(files.get("page-2.html")).toContain(`<span aria-current="page">2</span>`);
    expect(files.get("page-3.html")).toContain("250 agents, 201–250 on this page");
    const sandbox: { agentregSearchIndex?: { agents: unknown[][] } } = {};
    runInNewContext(files.get("site/search-index.js") as string, { globalThis: sandbox, JSON });
    expect(sandbox.agentregSearchIndex?.agents.map((row) => row[0])).toEqual(names);
  });

  it("escapes every field a registry controls, and links a homepage only over http(s)", () => {
    const files = site(
      [
        {
          name: "evil",
          description: `<script>alert(1)</script><img src=x onerror=alert(2)>`,
          entry: { keywords: [`"><svg onload=alert(3)>`], tools: ["<b>Bash</b>"], model: "<i>opus</i>" },
          packument: { license: "<u>MIT</u>" },
          frontmatter: { permissionMode: "<em>bypassPermissions</em>", hooks: { Stop: [{ hooks: [{ type: "command", command: "./x.sh" }] }] }, mcpServers: ["github"] },
          versions: { "1.0.0": "Body <iframe src=//x></iframe> [x](javascript:alert(4))\n" },
        },
      ],
      { name: "<h1>acme</h1>", description: "<marquee>", homepage: "javascript:alert(5)" },
    );
    const allowed = new Set(["html", "head", "meta", "title", "link", "script", "body", "header", "main", "footer", "h1", "h2", "p", "a", "span", "code", "form", "label", "input", "select", "option", "ul", "li", "button", "section", "dl", "dt", "dd", "pre", "div", "table", "thead", "tbody", "tr", "th", "td", "time", "details", "summary", "nav"]);
    for (const [path, html] of files) {
      if (!path.endsWith(".html")) continue;
      expect([...tagsOf(html)].filter((tag) => !allowed.has(tag)), path).toEqual([]);
      expect(html, path).not.toMatch(/javascript:alert\((4|5)\)"/);
      expect([...html.matchAll(/<script([^>]*)>/g)].every((match) => / src="[^"]+" defer$/.test(match[1] as string)), path).toBe(true);
    }
    const page = files.get("agents/evil.html") as string;
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain(`<span class="badge warn">permissionMode: &lt;em&gt;bypassPermissions&lt;/em&gt;</span>`);
    expect(page).toContain(">hooks</span>");
    expect(page).toContain(">mcpServers</span>");
    expect(files.get("index.html")).toContain(" · javascript:alert(5)</p>");
  });

  it("shows what changed between consecutive versions, newest first", () => {
    const files = site([{ name: "alpha", versions: { "1.0.0": "one\n", "1.1.0": "one\ntwo\n", "2.0.0": "three\n" } }]);
    const page = files.get("agents/alpha.html") as string;
    expect([...page.matchAll(/<summary>([^<]*)/g)].map((match) => match[1])).toEqual(["1.1.0 → 2.0.0 ", "1.0.0 → 1.1.0 "]);
    expect(page).toContain(`<span class="add">+two</span>`);
    expect(page).toContain(`<span class="del">-one</span>`);
  });
});

describe("installCommand", () => {
  it.each([
    ["the default registry", { name: "agentreg" }, "npx agentreg add reviewer", undefined],
    ["a registry with a url", { name: "acme", url: "https://agents.acme.dev/r" }, "npx agentreg add reviewer --registry https://agents.acme.dev/r", "npx agentreg add @acme/reviewer"],
    ["the default name at another url", { name: "agentreg", url: "https://mirror.example/agents" }, "npx agentreg add reviewer --registry https://mirror.example/agents", "npx agentreg add @agentreg/reviewer"],
    ["a registry whose name is no scope", { name: "Acme Agents", url: "https://a.example" }, "npx agentreg add reviewer --registry https://a.example", undefined],
  ])("for %s", (_, registry, html, scopedHtml) => {
    expect(installCommand({ name: "reviewer", registry, root: "../" })).toEqual({ html, scopedHtml });
  });

  it("leaves the URL to the page's script when the build does not know it", () => {
    expect(installCommand({ name: "reviewer", registry: { name: "acme" }, root: "../" }).html).toBe(
      `npx agentreg add reviewer --registry <span data-registry-url data-root="../">&lt;this registry's URL&gt;</span>`,
    );
  });

  it.each([
    ["https://a.example/x", "https://a.example/x"],
    ["/home/me/my registry", `'/home/me/my registry'`],
    ["/tmp/it's", `'/tmp/it'\\''s'`],
    ["/tmp/$(rm -rf)", `'/tmp/$(rm -rf)'`],
  ])("quotes %s for a shell as %s", (word, quoted) => {
    expect(shellWord(word)).toBe(quoted);
  });
});
