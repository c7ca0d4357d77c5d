/**
 * Makes agent- and registry-supplied text safe to print: control characters (C0 except tab and
 * newline, DEL, C1) become visible `\u{…}` escapes, so no ESC sequence from a hostile registry
 * reaches the terminal.
 */
export function escapeTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u{${char.codePointAt(0)?.toString(16)}}`);
}
