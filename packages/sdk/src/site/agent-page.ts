import semver from "../semver.js";
import { splitFrontmatter } from "../agent/frontmatter-split.js";
import type { Packument, RegistryIndexEntry } from "../registry/protocol.js";
import { renderGrants, renderModel, type AgentFacts } from "./agent-facts.js";
import { escapeHtml } from "./escape-html.js";
import { installCommand } from "./install-command.js";
import { pageShell } from "./page-shell.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderDate, signedBy, siteFooter, stateBadges, type SiteRegistry } from "./site-parts.js";
import { renderVersionDiffs } from "./version-diffs.js";

const decoder = new TextDecoder();
/** Agent pages sit in `agents/`, one folder below the registry root. */
const ROOT = "../";

/**
 * One agent's page: how to install it, what it may do, its frontmatter and rendered system prompt
 * at the latest version, every version with its date, integrity and signature, and what changed
 * between consecutive versions. All of it is agent text, so all of it goes through the escaping.
 */
export function renderAgentPage(registry: SiteRegistry, entry: RegistryIndexEntry, facts: AgentFacts): string {
  const packument = registry.packuments.get(entry.name) as Packument;
  const sources = registry.sources.get(entry.name) ?? new Map<string, Uint8Array>();
  const latest = packument.versions[entry.latest];
  const text = decoder.decode(sources.get(entry.latest));
  const split = splitFrontmatter(text);
  const fullDescription = latest?.frontmatter["description"];
  const command = installCommand({ name: entry.name, registry: { name: registry.index.name, url: registry.url }, root: ROOT });
  const notices = [
    latest?.yanked ? `<p class="notice bad">Every version of ${escapeHtml(entry.name)} is yanked: installs refuse it unless a lockfile already pins one.</p>` : "",
    latest?.deprecated === undefined ? "" : `<p class="notice">Deprecated: ${escapeHtml(latest.deprecated)}</p>`,
  ].filter(Boolean);
  const body = `<header>
<p class="crumbs"><a href="${ROOT}index.html">${escapeHtml(registry.index.name)}</a> / agents</p>
<h1>${escapeHtml(entry.name)} <span class="muted">${escapeHtml(entry.latest)}</span> ${stateBadges(latest)}</h1>
<p class="description">${escapeHtml(typeof fullDescription === "string" ? fullDescription : entry.description)}</p>
${notices.join("\n")}
</header>
<main>
<section aria-labelledby="install">
<h2 id="install">Install</h2>
<div class="install"><pre tabindex="0" class="wrap"><code id="install-command">${command.html}</code></pre><button type="button" data-copy="install-command" hidden>Copy</button></div>
${command.scopedHtml === undefined ? "" : `<p class="muted">Or, in a project whose <code>agentreg.json</code> names this registry <code>${escapeHtml(registry.index.name)}</code> under <code>registries</code>: <code>${command.scopedHtml}</code></p>`}
</section>
<section aria-labelledby="grants">
<h2 id="grants">What it may do</h2>
<dl class="fields">
<dt>Tools</dt><dd>${renderGrants(facts)}</dd>
<dt>Model</dt><dd>${renderModel(facts.model)}</dd>
${packument.license === undefined ? "" : `<dt>License</dt><dd>${escapeHtml(packument.license)}</dd>`}
${entry.keywords.length === 0 ? "" : `<dt>Keywords</dt><dd>${entry.keywords.map(escapeHtml).join(", ")}</dd>`}
</dl>
</section>
<section aria-labelledby="frontmatter">
<h2 id="frontmatter">Frontmatter</h2>
<pre tabindex="0" class="wrap"><code>${escapeHtml(split.ok ? split.source : text)}</code></pre>
</section>
<section aria-labelledby="prompt">
<h2 id="prompt">System prompt</h2>
<div class="prompt">${split.ok ? renderMarkdown(split.body, { headingOffset: 2 }) : ""}</div>
</section>
<section aria-labelledby="versions">
<h2 id="versions">Versions</h2>
${renderVersionTable(packument)}
</section>
<section aria-labelledby="changes">
<h2 id="changes">Changes</h2>
${renderVersionDiffs(entry.name, sources)}
</section>
</main>
${siteFooter()}`;
  return pageShell({ title: `${entry.name} ${entry.latest}: ${registry.index.name}`, summary: entry.description, root: ROOT, body });
}

/** Every version, newest first, with what a reader needs to trust it. */
function renderVersionTable(packument: Packument): string {
  const rows = Object.entries(packument.versions)
    .sort(([a], [b]) => semver.rcompare(a, b))
    .map(([version, entry]) => {
      const keyid = signedBy(entry.signatures);
      const state = [version === packument.distTags["latest"] ? `<span class="badge ok">latest</span>` : "", stateBadges(entry)].filter(Boolean).join(" ");
      const deprecated = entry.deprecated === undefined ? "" : ` <span class="muted">${escapeHtml(entry.deprecated)}</span>`;
      return `<tr><th scope="row">${escapeHtml(version)}</th><td>${renderDate(entry.publishedAt)}</td><td>${state}${deprecated}</td><td><code>${escapeHtml(entry.integrity)}</code></td><td>${keyid === undefined ? "unsigned" : `signed, key <code>${escapeHtml(keyid)}</code>`}</td></tr>`;
    });
  return `<table class="versions" tabindex="0">
<thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">State</th><th scope="col">Integrity</th><th scope="col">Signature</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
}
