/** Schemes a catalog page may link to: the web and mail. `javascript:`, `data:`, `file:`… are not. */
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

/**
 * The href for a link that agent text asks for, or undefined when following it could run code or
 * reach past the web (`javascript:`, `data:`, `vbscript:`, `file:`, any unknown scheme). A URL
 * without a scheme (a path, `#fragment`, `//host/…`) is kept. The result is printable ASCII: spaces,
 * controls, quotes and non-ASCII characters are percent-encoded (lone surrogates as U+FFFD), so
 * `escapeAttribute` only has `&` and `'` left to escape.
 *
 * @example
 * safeHref("https://example.com/a b"); // "https://example.com/a%20b"
 * safeHref(" JaVa\tScript:alert(1)");  // undefined
 * safeHref("#usage");                  // "#usage"
 */
export function safeHref(url: string): string | undefined {
  // Browsers drop tabs and newlines anywhere in a URL and controls and spaces at its ends (WHATWG
  // URL), so `java\tscript:` runs as `javascript:`. The scheme is read with every ASCII control and
  // space removed: that is what a browser sees, or stricter.
  const probe = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(probe)?.[1];
  if (scheme !== undefined && !ALLOWED_SCHEMES.has(scheme.toLowerCase())) return undefined;
  // Encoding adds `%`, which no scheme may contain, so the href has the scheme just checked or none.
  return trimControls(url).replace(/[^\u0021-\u007e]|["<>`]/gu, percentEncode);
}

/** The URL without the controls and spaces at its ends, by loop: `/\s+$/` backtracks quadratically. */
function trimControls(url: string): string {
  let start = 0;
  let end = url.length;
  while (start < end && url.charCodeAt(start) <= 0x20) start++;
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end--;
  return url.slice(start, end);
}

function percentEncode(char: string): string {
  const code = char.charCodeAt(0);
  return char.length === 1 && code >= 0xd800 && code <= 0xdfff ? "%EF%BF%BD" : encodeURIComponent(char);
}
