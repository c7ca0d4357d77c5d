import type { Packument, PackumentVersion, RegistryIndex } from "../registry/protocol.js";
import { escapeAttribute, escapeHtml } from "./escape-html.js";

/** A built registry as the catalog reads it: the documents `registry build` wrote, and each version's agent file. */
export interface SiteRegistry {
  index: RegistryIndex;
  /** registry.json's `description`. */
  description?: string | undefined;
  /** registry.json's `homepage`; linked only when it is an http(s) URL. */
  homepage?: string | undefined;
  /** Where the registry is hosted (registry.json's `url`), for install commands; unknown when undefined. */
  url?: string | undefined;
  packuments: ReadonlyMap<string, Packument>;
  /** Agent name -> version -> the agent file's bytes. */
  sources: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>;
}

/** An agent's page, relative to the registry root (names are checked, so no escaping is needed). */
export function agentPagePath(name: string): string {
  return `agents/${name}.html`;
}

/** The day of an ISO timestamp, as a `<time>` element. */
export function renderDate(iso: string): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(iso)?.[0];
  return day === undefined ? escapeHtml(iso) : `<time datetime="${escapeAttribute(iso)}">${day}</time>`;
}

/** Deprecated and yanked marks for a version, as badges (the message in full beside it on the agent page). */
export function stateBadges(version: PackumentVersion | undefined): string {
  const badges: string[] = [];
  if (version?.yanked) badges.push(`<span class="badge bad">yanked</span>`);
  if (version?.deprecated !== undefined) badges.push(`<span class="badge warn" title="${escapeAttribute(version.deprecated)}">deprecated</span>`);
  return badges.join(" ");
}

/** The key a version or the index was signed with, or undefined when it is unsigned. */
export function signedBy(signatures: readonly { keyid: string }[] | undefined): string | undefined {
  return signatures?.[0]?.keyid;
}

/** A link to the registry's homepage, only for http(s): a `javascript:` homepage is shown as text. */
function homepageLink(homepage: string | undefined): string {
  if (homepage === undefined) return "";
  return /^https?:\/\//i.test(homepage.trim()) && !/[\s\x00-\x1f]/.test(homepage)
    ? ` · <a href="${escapeAttribute(homepage)}" rel="nofollow noopener noreferrer">homepage</a>`
    : ` · ${escapeHtml(homepage)}`;
}

/** The registry's name, summary and standing (size, last update, signature) at the top of the index. */
export function registryHeader(registry: SiteRegistry, root: string): string {
  const { index } = registry;
  const keyid = signedBy(index.signatures);
  const signed =
    keyid === undefined
      ? `<span class="badge">unsigned</span>`
      : `<span class="badge ok" title="Clients check every version and the index against this key">signed</span> key <code>${escapeHtml(keyid)}</code>${index.expires === undefined ? "" : `, index valid until ${renderDate(index.expires)}`}`;
  const description = registry.description === undefined ? "" : `\n<p>${escapeHtml(registry.description)}</p>`;
  return `<h1>${escapeHtml(index.name)}</h1>${description}
<p class="facts">${index.agents.length} agent${index.agents.length === 1 ? "" : "s"} · updated ${renderDate(index.generatedAt)} · ${signed} · <a href="${root}index.json">index.json</a>${homepageLink(registry.homepage)}</p>`;
}

export function siteFooter(): string {
  return `<footer>A static catalog built by <code>agentreg registry build</code>. It loads nothing from any other site.</footer>`;
}
