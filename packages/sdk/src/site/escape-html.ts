import { describeCodePoint, formatCodePoint } from "../agent/text-describe.js";

// The catalog shows text from any registry, so a character the reader cannot see must not be able
// to hide or reorder what they read (Trojan Source, CVE-2021-42574): controls, format characters,
// default-ignorables, line and paragraph separators and bidi controls are shown by code point.
// Newline and tab are layout, not hiding. Lone surrogates are marked too: the output is then always
// well-formed UTF-16, which an encoder turns into valid UTF-8 instead of failing or guessing.
/** The pattern of an invisible character, as source: the catalog script marks the same characters. */
export const INVISIBLE = String.raw`(?![\n\t])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Cs}]`;
const SPECIAL = new RegExp(String.raw`[&<>"']|${INVISIBLE}`, "gu");

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text as HTML that shows exactly its characters: `& < > " '` become entities, and every invisible
 * character but newline and tab becomes a visible `U+XXXX` marker whose `title` names it. Safe in
 * element content; for attribute values use {@link escapeAttribute}, as the marker is markup.
 *
 * @example
 * escapeHtml(`<b title="x">`); // "&lt;b title=&quot;x&quot;&gt;"
 * escapeHtml("a\u202Eb");
 * // 'a<span class="cp" title="U+202E RIGHT-TO-LEFT OVERRIDE">U+202E</span>b'
 */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (char) => ENTITIES[char] ?? marker(char));
}

/**
 * Text as a quoted attribute value: like {@link escapeHtml}, but an invisible character becomes the
 * plain text `<U+XXXX>`, escaped, since an attribute cannot hold the marker's markup.
 *
 * @example
 * escapeAttribute(`say "hi"\u200B`); // "say &quot;hi&quot;&lt;U+200B&gt;"
 */
export function escapeAttribute(text: string): string {
  return text.replace(SPECIAL, (char) => ENTITIES[char] ?? `&lt;${formatCodePoint(char.codePointAt(0) ?? 0)}&gt;`);
}

/** The visible stand-in for one invisible character (a whole code point: the regex has the u flag). */
function marker(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
  // describeCodePoint names some characters after their look-alikes, which may be `<` or a quote.
  const title = isSurrogate ? `${formatCodePoint(codePoint)} LONE SURROGATE` : describeCodePoint(codePoint);
  return `<span class="cp" title="${title.replace(/[&<>"']/g, (special) => ENTITIES[special] ?? special)}">${formatCodePoint(codePoint)}</span>`;
}
