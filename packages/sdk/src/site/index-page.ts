import type { Packument, RegistryIndex } from "../registry/protocol.js";
import { renderGrants, renderModel, type AgentFacts } from "./agent-facts.js";
import { escapeAttribute, escapeHtml } from "./escape-html.js";
import { pageShell, SITE_ASSETS } from "./page-shell.js";
import { renderSearchScript } from "./search-data.js";
import { agentPagePath, registryHeader, siteFooter, stateBadges, type SiteRegistry } from "./site-parts.js";

/**
 * Agents per index page. Every agent is listed without script, a page at a time; with script the
 * search covers all of them. A 10,000-agent registry is 100 pages of about 70 KB, each quick to show,
 * where one page listing every agent was 7.6 MB and took seconds to lay out.
 */
export const AGENTS_PER_PAGE = 100;

/** Index page `n` (1-based): `index.html`, then `page-2.html`, … beside it. */
export function indexPagePath(page: number): string {
  return page === 1 ? "index.html" : `page-${page}.html`;
}

/** The index pages and the search index, by registry-relative path; `facts` are the agents', in index order. */
export function renderIndexPages(registry: SiteRegistry, facts: readonly AgentFacts[]): Map<string, string> {
  const { index } = registry;
  const tools = [...new Set(facts.flatMap((fact) => (fact.tools === "all" ? [] : fact.tools)))].sort();
  const models = [...new Set(facts.flatMap((fact) => (fact.model === undefined ? [] : [fact.model])))].sort();
  const pages = new Map<string, string>([[SITE_ASSETS.search, renderSearchScript(registry, facts, tools, models)]]);
  const pageCount = Math.max(1, Math.ceil(index.agents.length / AGENTS_PER_PAGE));
  const form = searchForm(tools, models);
  for (let page = 1; page <= pageCount; page++) {
    const first = (page - 1) * AGENTS_PER_PAGE;
    const entries = index.agents.slice(first, first + AGENTS_PER_PAGE);
    const items = entries.map((entry, i) => agentItem(entry, registry.packuments.get(entry.name), facts[first + i] as AgentFacts));
    const total = `${index.agents.length} agent${index.agents.length === 1 ? "" : "s"}`;
    const count = pageCount === 1 ? total : `${total}, ${first + 1}–${first + entries.length} on this page`;
    const body = `<header>
${registryHeader(registry, "")}
</header>
<main>
${form}
<p id="count" aria-live="polite" data-page="${escapeAttribute(count)}">${count}</p>
<ul id="agents" class="agents">
${items.join("\n")}
</ul>
<ul id="results" class="agents" hidden></ul>
<p><button type="button" id="more" hidden>Show more</button></p>
${pager(page, pageCount)}
</main>
${siteFooter()}`;
    const title = pageCount === 1 ? `${index.name}: agent catalog` : `${index.name}: agent catalog, page ${page} of ${pageCount}`;
    pages.set(indexPagePath(page), pageShell({ title, summary: registry.description ?? `${total} in the ${index.name} registry`, root: "", body, search: true }));
  }
  return pages;
}

function searchForm(tools: readonly string[], models: readonly string[]): string {
  const toolOptions = tools.map((tool, i) => `<option value="${i}">${escapeAttribute(tool)}</option>`).join("");
  const modelOptions = models.map((model, i) => `<option value="${i}">${escapeAttribute(model)}</option>`).join("");
  return `<form id="search" role="search" hidden>
<label class="query">Search names, descriptions and keywords <input id="q" type="search" autocomplete="off" spellcheck="false" placeholder="Type / to search"></label>
<label>Grants <select id="tool"><option value="">any tools</option><option value="*">all tools (no tools line)</option>${toolOptions}</select></label>
<label>Model <select id="model"><option value="">any model</option><option value="-1">inherit (none set)</option>${modelOptions}</select></label>
</form>`;
}

/** Links to the other index pages: previous, next, the first, the last and the two either side. */
function pager(page: number, pageCount: number): string {
  if (pageCount === 1) return "";
  const link = (n: number, text: string, label?: string): string =>
    n === page ? `<span aria-current="page">${text}</span>` : `<a href="${indexPagePath(n)}"${label === undefined ? "" : ` aria-label="${label}"`}>${text}</a>`;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const parts: string[] = [];
  if (page > 1) parts.push(link(page - 1, "Previous", `Previous page, ${page - 1}`));
  shown.forEach((n, i) => {
    if (i > 0 && n - (shown[i - 1] as number) > 1) parts.push(`<span aria-hidden="true">…</span>`);
    parts.push(link(n, String(n), `Page ${n}`));
  });
  if (page < pageCount) parts.push(link(page + 1, "Next", `Next page, ${page + 1}`));
  return `<nav id="pager" class="pager" aria-label="Index pages">${parts.join(" ")}</nav>`;
}

function agentItem(entry: RegistryIndex["agents"][number], packument: Packument | undefined, facts: AgentFacts): string {
  const latest = packument?.versions[entry.latest];
  const keywords = entry.keywords.length === 0 ? "" : `\n<p class="keywords">${entry.keywords.map((keyword) => `<span class="badge">${escapeHtml(keyword)}</span>`).join(" ")}</p>`;
  return `<li class="agent">
<h2><a href="${escapeAttribute(agentPagePath(entry.name))}">${escapeHtml(entry.name)}</a> <span class="muted">${escapeHtml(entry.latest)}</span> ${stateBadges(latest)}</h2>
<p>${escapeHtml(entry.description)}</p>
<p class="facts">Tools: ${renderGrants(facts)} · Model: ${renderModel(facts.model)}</p>${keywords}
</li>`;
}
