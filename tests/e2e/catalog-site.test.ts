// The catalog website `registry build` writes (issue 18), tested in headless Chromium (Debian's
// package, driven by playwright-core): what a reader sees with and without script, search, the copy
// button, hostile agent text, requests, accessibility, and screenshots for review in docs/screenshots.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { agentText, assertSucceeded, createRegistrySource, REPO_ROOT, runCli, useTempDirs } from "../helpers/fixtures.js";
import { useServeProcesses } from "../helpers/http-cli.js";
import { useServers } from "../helpers/http-fixtures.js";
import { keyidOf } from "../helpers/signed-registry.js";
import { useBrowser, watchedPage } from "../helpers/browser.js";

const HOSTILE_DESCRIPTION = `Reviews code <script>alert("description")</script><img src=x onerror=alert("img")> and links <a href="javascript:alert('a')">here</a>`;
const HOSTILE_BODY = [
  "You review code.",
  "",
  `<script>alert("body")</script>`,
  "",
  `<img src=x onerror=alert("body-img")>`,
  "",
  "[click me](javascript:alert('link')) and [also](JaVaScRiPt:alert('link2')) and <javascript:alert('auto')>",
  "",
  "![tracker](http://tracker.invalid/pixel.png)",
  "",
  "```html",
  `<script>alert("fence")</script>`,
  "```",
  "",
].join("\n");

const AGENTS = [
  { name: "code-reviewer", version: "1.0.0", text: agentText({ name: "code-reviewer", description: "Reviews pull requests for bugs.", tools: ["Read", "Grep"] }) },
  {
    name: "code-reviewer",
    version: "1.1.0",
    text: agentText({ name: "code-reviewer", description: "Reviews pull requests for bugs and style.", tools: ["Read", "Grep", "Glob"], body: "You are code-reviewer.\n\n## Steps\n\n1. Read the diff.\n2. Report **bugs** first.\n" }),
  },
  {
    name: "code-reviewer",
    version: "1.2.0",
    text: agentText({ name: "code-reviewer", description: "Reviews pull requests for bugs and style.", tools: ["Read", "Grep", "Glob"], body: "You are code-reviewer.\n\n## Steps\n\n1. Read the diff.\n2. Report **bugs** first, then style.\n" }),
  },
  { name: "db-migrator", version: "2.0.0", text: agentText({ name: "db-migrator", description: "Writes and checks database migrations.", tools: ["Bash", "Write"] }) },
  { name: "doc-writer", version: "0.3.0", text: agentText({ name: "doc-writer", description: "Writes documentation for a module." }) },
  { name: "hostile", version: "1.0.0", text: agentText({ name: "hostile", description: HOSTILE_DESCRIPTION, tools: ["Read"], body: HOSTILE_BODY }) },
];
const NAMES = ["code-reviewer", "db-migrator", "doc-writer", "hostile"];
const SCREENSHOTS = join(REPO_ROOT, "docs/screenshots");
/**
 * A key made for this test alone (never a real registry's), committed so that the pages, and so the
 * screenshots in docs/screenshots, are the same on every run; so are the publish dates below.
 */
const SIGNING_KEY = join(REPO_ROOT, "tests/fixtures/catalog-signing-key.pem");
const KEYID = keyidOf("ed25519:Bp1+QHRumJEJxXY/zwk8fyfKEdhKX7qAI6d2Jpl1srk=");

const makeTempDir = useTempDirs("file");
const startServe = useServeProcesses();
const startServer = useServers();
const { browser } = useBrowser();
let out = "";
/** The same registry built with a `url` in registry.json: its install commands, and so its screenshots, name no temp folder. */
let hosted = "";

beforeAll(async () => {
  const root = await makeTempDir("catalog");
  const source = await createRegistrySource(join(root, "src"), AGENTS);
  for (const name of NAMES) {
    const file = join(source, "agents", name, "agent.json");
    const meta = JSON.parse(await readFile(file, "utf8"));
    const dates = Object.keys(meta.versions).map((version, i) => [version, { publishedAt: `2026-11-${String(10 + i).padStart(2, "0")}T12:00:00.000Z` }]);
    // Keywords and a deprecation are registry facts the index and the pages must show.
    const extra = name === "code-reviewer" ? { keywords: ["review", "quality"], deprecations: { "1.0.0": "Use 1.2.0: it reports style too." } } : {};
    await writeFile(file, JSON.stringify({ ...meta, versions: Object.fromEntries(dates), ...extra }));
  }
  const registryJson = join(source, "registry.json");
  await writeFile(registryJson, JSON.stringify({ ...JSON.parse(await readFile(registryJson, "utf8")), name: "acme", description: "Agents the Acme platform team maintains." }));
  out = join(root, "out");
  assertSucceeded(await runCli(["registry", "build", source, "--out", out, "--sign-key", SIGNING_KEY], { cwd: root }), "registry build --sign-key");
  await writeFile(registryJson, JSON.stringify({ ...JSON.parse(await readFile(registryJson, "utf8")), url: "https://agents.acme.example" }));
  hosted = join(root, "hosted");
  assertSucceeded(await runCli(["registry", "build", source, "--out", hosted, "--sign-key", SIGNING_KEY], { cwd: root }), "registry build with a url");
});

/** The names of the agents the index shows now. */
async function visibleAgents(page: Page): Promise<string[]> {
  return page.locator(".agents:visible > li h2 a").allTextContents();
}

describe("the catalog website", () => {
  it("lists every agent of the built registry, with versions, grants and state, without script", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const { page, requests } = await watchedPage(context);
    await page.goto(pathToFileURL(join(out, "index.html")).href);
    expect(await page.locator("#agents > li h2 a").allTextContents()).toEqual(NAMES);
    expect(await page.locator("#count").textContent()).toBe("4 agents");
    // Search needs script, so without it the form is not offered.
    expect(await page.locator("#search").isVisible()).toBe(false);
    const docWriter = page.locator("#agents > li", { hasText: "doc-writer" });
    expect(await docWriter.locator(".badge.warn").textContent()).toBe("all tools");
    const reviewer = page.locator("#agents > li", { hasText: "code-reviewer" });
    expect(await reviewer.textContent()).toContain("1.2.0");
    expect(await reviewer.locator(".keywords").textContent()).toContain("review");
    expect(await page.locator("header").textContent()).toContain(KEYID);
    await page.getByRole("link", { name: "code-reviewer" }).click();
    await page.waitForURL(/agents\/code-reviewer\.html$/);
    expect(await page.locator("table.versions tbody th").allTextContents()).toEqual(["1.2.0", "1.1.0", "1.0.0"]);
    expect(await page.locator(".prompt li").allTextContents()).toEqual(["Read the diff.", "Report bugs first, then style."]);
    // The copy button needs script, so it is not offered; the command is there to select.
    expect(await page.getByRole("button", { name: "Copy" }).count()).toBe(0);
    expect(await page.locator("#install-command").textContent()).toBe("npx agentreg add code-reviewer --registry <this registry's URL>");
    expect(requests.every((url) => url.startsWith("file://"))).toBe(true);
    await context.close();
  });

  it("narrows the list as you type, and by tool and model", async () => {
    const context = await browser().newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(pathToFileURL(join(out, "index.html")).href);
    await page.locator("#q").pressSequentially("migr");
    await expect.poll(() => visibleAgents(page)).toEqual(["db-migrator"]);
    expect(await page.locator("#count").textContent()).toBe("1 of 4 agents");
    // Keywords are searched too, and every word must match.
    await page.locator("#q").fill("quality review");
    await expect.poll(() => visibleAgents(page)).toEqual(["code-reviewer"]);
    await page.locator("#q").fill("");
    await expect.poll(() => visibleAgents(page)).toEqual(NAMES);
    await page.locator("#tool").selectOption({ label: "Bash" });
    // An agent with every tool is granted Bash too.
    await expect.poll(() => visibleAgents(page)).toEqual(["db-migrator", "doc-writer"]);
    await page.locator("#tool").selectOption({ label: "all tools (no tools line)" });
    await expect.poll(() => visibleAgents(page)).toEqual(["doc-writer"]);
    await page.locator("#tool").selectOption({ label: "any tools" });
    await page.locator("#model").selectOption({ label: "inherit (none set)" });
    await expect.poll(() => visibleAgents(page)).toEqual(NAMES);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows an agent's versions, changes and install command, and Copy puts exactly that command on the clipboard", async () => {
    const server = await startServe([out, "--port", "0"], out);
    const context = await browser().newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const { page, errors, requests } = await watchedPage(context);
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "code-reviewer" }).click();
    await page.waitForURL(`${server.url}/agents/code-reviewer.html`);
    const rows = page.locator("table.versions tbody tr");
    expect(await rows.locator("th").allTextContents()).toEqual(["1.2.0", "1.1.0", "1.0.0"]);
    expect(await rows.nth(0).textContent()).toContain("latest");
    expect(await rows.nth(2).textContent()).toContain("Use 1.2.0: it reports style too.");
    expect(await rows.nth(0).locator("td").nth(2).textContent()).toMatch(/^sha512-/);
    expect(await rows.nth(0).locator("td").nth(3).textContent()).toBe(`signed, key ${KEYID}`);
    expect(await page.locator("#changes ~ details summary").allTextContents()).toEqual(["1.1.0 → 1.2.0 (+1 −1 lines)", "1.0.0 → 1.1.0 (+7 −2 lines)"]);
    expect(await page.locator(".prompt h4").textContent()).toBe("Steps");

    // The page's own address is the registry's, filled in by the script.
    const command = `npx agentreg add code-reviewer --registry ${server.url}`;
    expect(await page.locator("#install-command").textContent()).toBe(command);
    await page.getByRole("button", { name: "Copy" }).click();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(command);
    expect(errors).toEqual([]);
    expect(requests.every((url) => url.startsWith(`${server.url}/`))).toBe(true);
    await context.close();
  });

  it("works from file://: links between pages, and the install command names the folder", async () => {
    const context = await browser().newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(pathToFileURL(join(out, "index.html")).href);
    await page.getByRole("link", { name: "db-migrator" }).click();
    await page.waitForURL(/agents\/db-migrator\.html$/);
    expect(await page.locator("#install-command").textContent()).toBe(`npx agentreg add db-migrator --registry ${out}`);
    await page.locator(".crumbs a").click();
    await page.waitForURL(/index\.html$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works from a static host under a base path: pages, assets and the install command follow it", async () => {
    const base = "/mirror/acme/";
    const types: Record<string, string> = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript" };
    const server = await startServer(async (request, response) => {
      const path = (request.url ?? "").split("?")[0] ?? "";
      if (!path.startsWith(base)) return void response.writeHead(404).end();
      const file = path.slice(base.length) === "" || path.endsWith("/") ? `${path.slice(base.length)}index.html` : path.slice(base.length);
      const bytes = await readFile(join(out, file)).catch(() => undefined);
      if (bytes === undefined || file.includes("..")) return void response.writeHead(404).end();
      response.writeHead(200, { "Content-Type": types[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream" }).end(bytes);
    });
    const context = await browser().newContext();
    const { page, errors, requests } = await watchedPage(context);
    await page.goto(`${server.url}${base}`);
    await page.locator("#q").fill("doc");
    // The search's results, not the index list behind them: a link found before the search has run
    // would be hidden under the click by the results that replace the list.
    await page.locator("#results").getByRole("link", { name: "doc-writer" }).click();
    await page.waitForURL(`${server.url}${base}agents/doc-writer.html`);
    expect(await page.locator("#install-command").textContent()).toBe(`npx agentreg add doc-writer --registry ${server.url}/mirror/acme`);
    expect(errors).toEqual([]);
    expect(requests.every((url) => url.startsWith(`${server.url}${base}`))).toBe(true);
    await context.close();
  });

  it("shows hostile agent text as text: no script runs, no markup is injected, nothing is requested", async () => {
    const server = await startServe([out, "--port", "0"], out);
    const context = await browser().newContext();
    const { page, dialogs, errors, requests } = await watchedPage(context);
    for (const path of ["/", "/agents/hostile.html"]) {
      await page.goto(`${server.url}${path}`);
      // Give an injected handler (onerror of a broken image) the time to fire, were there one.
      await page.waitForLoadState("networkidle");
      expect(await page.locator("script:not([src]):not([type='application/json']), img, iframe, object, embed").count()).toBe(0);
      expect(await page.locator("a[href^='javascript:' i]").count()).toBe(0);
    }
    expect(await page.locator("header .description").textContent()).toContain(`<script>alert("description")</script>`);
    expect(await page.locator(".prompt").textContent()).toContain(`<img src=x onerror=alert("body-img")>`);
    expect(await page.locator(".prompt").textContent()).toContain("click me");
    expect(dialogs).toEqual([]);
    // A Content-Security-Policy violation would be a console error too.
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
    await context.close();
  });

  it("has no serious or critical accessibility violation (axe-core), in light and dark", async () => {
    const axe = await readFile(join(REPO_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
    const context = await browser().newContext();
    const { page } = await watchedPage(context);
    const found: string[] = [];
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const file of ["index.html", "agents/code-reviewer.html", "agents/hostile.html"]) {
        await page.goto(pathToFileURL(join(out, file)).href);
        // Evaluated through the DevTools protocol, which the page's CSP does not govern.
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => {
          const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
          return result.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => `${violation.id} (${violation.nodes.length})`);
        });
        found.push(...violations.map((violation) => `${scheme} ${file}: ${violation}`));
      }
    }
    expect(found).toEqual([]);
    await context.close();
  });

  it("writes screenshots of the index and an agent page at phone and desktop sizes (docs/screenshots)", async () => {
    const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
    for (const [size, viewport] of Object.entries(sizes)) {
      const context = await browser().newContext({ viewport, deviceScaleFactor: 1, isMobile: size === "phone", hasTouch: size === "phone" });
      const { page } = await watchedPage(context);
      for (const [name, file] of [["index", "index.html"], ["agent", "agents/code-reviewer.html"]] as const) {
        await page.goto(pathToFileURL(join(hosted, file)).href, { waitUntil: "networkidle" });
        // Settled before the picture: fonts loaded and the script's changes drawn, so runs agree.
        await page.evaluate("document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))");
        const path = join(SCREENSHOTS, `${name}-${size}.png`);
        await page.screenshot({ path, fullPage: false, animations: "disabled" });
        const png = await readFile(path);
        expect(png.subarray(1, 4).toString()).toBe("PNG");
        if (name === "agent") expect(await page.locator("#install-command").textContent()).toBe("npx agentreg add code-reviewer --registry https://agents.acme.example");
        // A phone-sized page must not scroll sideways.
        expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
      }
      await context.close();
    }
  });
});

describe("hidden Unicode on a catalog page", () => {
  it("shows every invisible character as its code point", async () => {
    const { buildSiteFiles } = await import("@agentreg/sdk");
    const dir = await makeTempDir("hidden");
    const text = "---\nname: sneaky\ndescription: a\u202Eb\u200Bc\n---\nRun \u2066this\u2069 and \u{E0041}\u{E0042} now.\n";
    const files = buildSiteFiles({
      index: {
        schemaVersion: 1,
        name: "acme",
        serial: 1,
        generatedAt: "2026-12-01T00:00:00.000Z",
        agents: [{ name: "sneaky", description: "a\u202Eb\u200Bc", latest: "1.0.0", keywords: [], tools: "all", updatedAt: "2026-12-01T00:00:00.000Z" }],
      },
      packuments: new Map([
        ["sneaky", { name: "sneaky", description: "a\u202Eb\u200Bc", keywords: [], distTags: { latest: "1.0.0" }, versions: { "1.0.0": { integrity: "sha512-x", tarball: "t.tgz", size: 1, publishedAt: "2026-12-01T00:00:00.000Z", frontmatter: { name: "sneaky", description: "a\u202Eb\u200Bc" } } } }],
      ]),
      sources: new Map([["sneaky", new Map([["1.0.0", new TextEncoder().encode(text)]])]]),
    });
    for (const [path, bytes] of files) {
      await (await import("node:fs/promises")).mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    const context = await browser().newContext();
    const { page, errors } = await watchedPage(context);
    await page.goto(pathToFileURL(join(dir, "agents/sneaky.html")).href);
    const markers = await page.locator(".prompt .cp").allTextContents();
    expect(markers).toEqual(["U+2066", "U+2069", "U+E0041", "U+E0042"]);
    expect(await page.locator("header .description .cp").allTextContents()).toEqual(["U+202E", "U+200B"]);
    expect(await page.locator("header .description .cp").first().getAttribute("title")).toContain("RIGHT-TO-LEFT OVERRIDE");
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    expect(await page.locator("#agents .cp").allTextContents()).toEqual(["U+202E", "U+200B"]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
