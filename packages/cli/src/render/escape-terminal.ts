/**
 * Every character a terminal does not show as itself: controls (C0, DEL, C1: ESC sequences can
 * rewrite the screen), format characters (bidi embeddings, overrides, isolates and marks, which
 * reorder what is read: Trojan Source, CVE-2021-42574; zero-width spaces and joiners, which hide),
 * other default-ignorable code points, and the line and paragraph separators. It is the class the
 * SDK's `escapeInvisible` reports; this module keeps its own copy because render code must not load
 * the SDK, and it writes the `\u{…}` form users already see in agentreg's output.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/gu;
/** The same, sparing tab and newline: prose (descriptions, messages, diffs) keeps its layout. */
const INVISIBLE_IN_PROSE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}]/gu;
/** Most text is printable ASCII and needs no Unicode-aware scan at all. */
const PLAIN = /^[\t\n\x20-\x7e]*$/;
const PLAIN_VALUE = /^[\x20-\x7e]*$/;

const visible = (char: string): string => `\\u{${char.codePointAt(0)?.toString(16)}}`;

/**
 * Makes registry-, lock- or config-supplied prose safe to print (descriptions, deprecation messages,
 * error messages and hints, diffs): every invisible character but tab and newline becomes a visible
 * `\u{…}` escape, so nothing from a hostile registry can move the cursor, recolour, hide or reorder
 * what the user reads.
 *
 * @example
 * escapeTerminal("Finds bugs\u202e\u001b[2J\nSecond line"); // "Finds bugs\\u{202e}\\u{1b}[2J\nSecond line"
 */
export function escapeTerminal(text: string): string {
  return PLAIN.test(text) ? text : text.replace(INVISIBLE_IN_PROSE, visible);
}

/**
 * Makes a one-line value safe to print (a name, version, range, integrity, tool, path, URL or
 * registry id): as {@link escapeTerminal}, and tab and newline are escaped too, so a value cannot
 * break out of its line or column and forge output that looks like agentreg's own.
 *
 * @example
 * escapeValue("1.0.0\n+ evil@1.0.0"); // "1.0.0\\u{a}+ evil@1.0.0"
 */
export function escapeValue(text: string): string {
  return PLAIN_VALUE.test(text) ? text : text.replace(INVISIBLE, visible);
}

/**
 * Makes `JSON.stringify` output safe to print without changing what it means. `JSON.stringify`
 * escapes C0 controls but writes DEL, C1 controls (U+009B is a CSI), bidi and zero-width characters
 * raw; here they become `\uXXXX` string escapes, which every JSON reader decodes to the same value.
 * Only strings can hold such characters, so the newlines between tokens are left alone.
 *
 * @example
 * escapeJson(JSON.stringify({ name: "a\u202eb" })); // '{"name":"a\\u202eb"}'
 */
export function escapeJson(json: string): string {
  return PLAIN.test(json) ? json : json.replace(INVISIBLE_IN_PROSE, jsonUnits);
}

/** `\uXXXX` for each UTF-16 unit: JSON has no escape for a code point above U+FFFF, only for its surrogates. */
function jsonUnits(char: string): string {
  let escaped = "";
  for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return escaped;
}
