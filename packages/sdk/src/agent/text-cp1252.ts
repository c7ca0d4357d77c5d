/**
 * Windows-1252 bytes 0x80–0x9F (WHATWG Encoding, index-windows-1252). The five bytes cp1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 code point of the same number, as
 * browsers and Python's latin-1 fallback do; every other byte decodes as Latin-1.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * The byte each character came from if the text was decoded as cp1252 or as Latin-1; both are
 * accepted so that either kind of damage is found.
 */
const BYTE_OF = new Map<number, number>();
for (let byte = 0x80; byte <= 0xff; byte++) BYTE_OF.set(byte, byte);
CP1252_HIGH.forEach((codePoint, offset) => BYTE_OF.set(codePoint, 0x80 + offset));

/**
 * The byte a non-ASCII character stands for when text was wrongly decoded as cp1252 or Latin-1,
 * or undefined when no such decoding produces it.
 *
 * @example
 * cp1252ByteOf(0x2122); // 0x99 ("™")
 * cp1252ByteOf(0x00e9); // 0xe9 ("é")
 * cp1252ByteOf(0x0416); // undefined ("Ж")
 */
export function cp1252ByteOf(codePoint: number): number | undefined {
  return BYTE_OF.get(codePoint);
}

/**
 * Decodes bytes as cp1252, which is how UTF-8 text becomes mojibake: `decodeCp1252(utf8("🧹"))` is
 * `ðŸ§¹`. Tests use it to make damage; the lint uses the inverse, {@link cp1252ByteOf}.
 *
 * @example
 * decodeCp1252(new TextEncoder().encode("é")); // "Ã©"
 */
export function decodeCp1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte);
  return text;
}
