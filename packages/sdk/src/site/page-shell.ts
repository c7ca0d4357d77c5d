import { escapeAttribute } from "./escape-html.js";

/**
 * What every catalog page allows itself: its own stylesheet and script from the site's folder and
 * nothing else. No inline script or style, no frames, no forms posting anywhere, no requests to
 * another origin (fonts, images, analytics), so a page stays inert even if agent text slipped past
 * the escaping. `'self'` also matches `file:` pages in Chromium, so the catalog works from disk.
 * (`frame-ancestors` would be ignored in a meta tag; the empty `data:` icon keeps browsers from
 * asking the host for /favicon.ico.)
 */
export const SITE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
  "base-uri 'none'; form-action 'none'";

/** The catalog's assets, by registry-relative path. */
export const SITE_ASSETS = { style: "site/catalog.css", script: "site/catalog.js", search: "site/search-index.js" } as const;

export interface PageShellOptions {
  /** The document title, as text. */
  title: string;
  /** A one-line summary for `<meta name="description">`, as text. */
  summary: string;
  /** The path from this page back to the registry root: `""` for index.html, `"../"` below it. */
  root: string;
  /** The page's `<body>` content, already HTML. */
  body: string;
  /** Whether the page loads the search index (the index pages do; agent pages need not). */
  search?: boolean;
}

/** A whole catalog page: the security headers a static host may not send, as meta tags, then the body. */
export function pageShell(options: PageShellOptions): string {
  const { title, summary, root, body, search = false } = options;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="description" content="${escapeAttribute(summary)}">
<title>${escapeAttribute(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${root}${SITE_ASSETS.style}">
${search ? `<script src="${root}${SITE_ASSETS.search}" defer></script>\n` : ""}<script src="${root}${SITE_ASSETS.script}" defer></script>
</head>
<body>
${body}
</body>
</html>
`;
}
