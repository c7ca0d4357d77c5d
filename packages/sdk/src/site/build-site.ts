import { checkOptions } from "../check-arguments.js";
import { agentFacts, type AgentFacts } from "./agent-facts.js";
import { renderAgentPage } from "./agent-page.js";
import { renderIndexPages } from "./index-page.js";
import { SITE_ASSETS } from "./page-shell.js";
import { agentPagePath, type SiteRegistry } from "./site-parts.js";
import { SITE_SCRIPT } from "./site-script.js";
import { SITE_STYLE } from "./site-style.js";

const encoder = new TextEncoder();

/**
 * The catalog website of a built registry (issue 18): `index.html` (and `page-2.html`, … for
 * more than a hundred agents), a page per agent under `agents/`, and under `site/` the stylesheet,
 * the script and the search index. Every link is relative, so the site
 * works from `file://` and from any static host under any base path; nothing is fetched from
 * anywhere, and the pages read without script. `registry build` writes it beside the registry;
 * a program can render the catalog of documents it already holds.
 *
 * @example
 * const files = buildSiteFiles({ index, packuments, sources });
 * files.get("index.html"); // the catalog's front page, as UTF-8 bytes
 */
export function buildSiteFiles(registry: SiteRegistry): Map<string, Uint8Array> {
  checkOptions("buildSiteFiles", registry, { index: "object", packuments: "map", sources: "map", description: "string?", homepage: "string?", url: "string?" });
  const files = new Map<string, Uint8Array>([
    [SITE_ASSETS.style, encoder.encode(SITE_STYLE)],
    [SITE_ASSETS.script, encoder.encode(SITE_SCRIPT)],
  ]);
  // What each agent may do, read once for its card, its search row and its page.
  const facts = registry.index.agents.map((entry) => agentFacts(entry, registry.packuments.get(entry.name)?.versions[entry.latest]));
  for (const [path, text] of renderIndexPages(registry, facts)) files.set(path, encoder.encode(text));
  registry.index.agents.forEach((entry, i) => files.set(agentPagePath(entry.name), encoder.encode(renderAgentPage(registry, entry, facts[i] as AgentFacts))));
  return files;
}
