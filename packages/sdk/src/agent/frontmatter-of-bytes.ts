import { parseFrontmatter, type ParseFrontmatterResult } from "./parse-frontmatter.js";

/**
 * An install reads each agent file twice: the text gate lints it, and the change it makes shows its
 * grants. Parsing the YAML is most of both, so the parse is kept with the bytes object it came from
 * for as long as those bytes live. The decoded text is kept too and compared on every use, so bytes
 * changed in place since are parsed again.
 */
const parsed = new WeakMap<Uint8Array, { text: string; result: ParseFrontmatterResult }>();

/** `parseFrontmatter(text)`, where `text` is `bytes` decoded; the result is shared, so read it only. */
export function parseFrontmatterOfBytes(bytes: Uint8Array, text: string): ParseFrontmatterResult {
  const known = parsed.get(bytes);
  if (known !== undefined && known.text === text) return known.result;
  const result = parseFrontmatter(text);
  parsed.set(bytes, { text, result });
  return result;
}
