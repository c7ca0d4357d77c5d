import { isMap, isScalar, isSeq, parseDocument, visit, type Document } from "yaml";
import { checkParsedValue, MAX_ALIAS_COUNT, nestedTooDeepAt, TOO_DEEP } from "./frontmatter-limits.js";

/**
 * Claude Code parses frontmatter with Bun's YAML parser (Bun.YAML, Bun 1.4), agentreg with `yaml`.
 * These options make `yaml` read what Bun reads, measured in tests/e2e/claude-code-parity.test.ts:
 * a repeated key is no error (the last one wins), `<<` merges mappings, and the YAML 1.1 tags
 * (`!!binary`, `!!timestamp`, `!!set`) leave the value a string. The source tokens are kept to find
 * a `: ` that follows a value on its line, which Bun rejects and `yaml` reads as an empty key.
 * `logLevel: "error"`: the SDK never prints, and `yaml` would print a Node warning of its own for a
 * mapping used as a key (`? [a, b]`).
 */
const OPTIONS = { prettyErrors: false, uniqueKeys: false, merge: true, resolveKnownTags: false, keepSourceTokens: true, logLevel: "error" } as const;

export type YamlMappingResult =
  | {
      ok: true;
      doc: Document;
      data: Record<string, unknown>;
      /** Keys that repeat an earlier key of their mapping (the last one wins), with their offsets. */
      duplicateKeys: Array<{ key: string; offset: number }>;
    }
  | {
      ok: false;
      message: string;
      offset: number;
      /** A resource limit: too deep or an alias bomb, which no retry is worth trying on. */
      limit?: true;
      /** Valid YAML that is not a mapping: Claude Code reads it as no keys, and does not retry. */
      notMapping?: true;
    };

/**
 * Parses YAML as Claude Code's parser does and insists on a mapping. An empty document counts as
 * an empty mapping, so the caller reports the missing `name` rather than a confusing YAML error.
 *
 * @example
 * const result = parseYamlMapping("name: a\nname: b\n");
 * if (result.ok) console.log(result.data.name, result.duplicateKeys); // "b" [{ key: "name", offset: 8 }]
 */
export function parseYamlMapping(source: string): YamlMappingResult {
  const doc = parseDocument(source, OPTIONS);
  // `yaml` catches its own stack overflow on deep nesting and reports it with this code.
  const exhausted = doc.errors.find((error) => error.code === "RESOURCE_EXHAUSTION");
  if (exhausted) return { ok: false, message: TOO_DEEP, offset: exhausted.pos[0], limit: true };
  const [error] = doc.errors;
  if (error) return { ok: false, message: error.message, offset: error.pos[0] };
  if (doc.contents === null) return { ok: true, doc, data: {}, duplicateKeys: [] };
  // Checked before anything recurses; checked again after toJS, since aliases nest values further.
  const tooDeep = nestedTooDeepAt(doc.contents);
  if (tooDeep !== undefined) return { ok: false, message: TOO_DEEP, offset: tooDeep, limit: true };
  const read = readLikeBun(doc, source);
  if (!read.ok) return read;
  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? "a list" : "a single value";
    return { ok: false, message: `the frontmatter is ${kind}, not a mapping of keys to values`, offset: doc.contents.range?.[0] ?? 0, notMapping: true };
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (thrown) {
    // Every alias resolves (readLikeBun), so a throwing toJS is an alias bomb.
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return { ok: false, message: `the frontmatter's aliases expand too far (${reason}), as in a "billion laughs" alias bomb`, offset: 0, limit: true };
  }
  const tooComplex = checkParsedValue(data);
  if (tooComplex !== undefined) return { ok: false, message: tooComplex, offset: 0, limit: true };
  return { ok: true, doc, data, duplicateKeys: read.duplicateKeys };
}

/**
 * Whether a value is a valid flow list, as the quoting retry asks before it leaves `[…]` alone.
 *
 * @example
 * isFlowList("[Read, Grep]"); // true
 * isFlowList("[Read, Grep");  // false
 */
export function isFlowList(value: string): boolean {
  const doc = parseDocument(value, OPTIONS);
  return doc.errors.length === 0 && isSeq(doc.contents) && doc.contents.flow === true && readLikeBun(doc, value).ok;
}

type BunRead = { ok: true; duplicateKeys: Array<{ key: string; offset: number }> } | { ok: false; message: string; offset: number };

/**
 * One walk, in document order, over a document `yaml` accepted: it fails where Bun fails (an alias
 * to no earlier anchor, which `yaml` reports only when converting; a `: ` after a value on its line),
 * turns quoted scalars with a core tag back into the text Bun keeps (`!!float "1.5"` is "1.5"), and
 * lists repeated keys. The caller has bounded the depth, so `visit`'s recursion is safe.
 */
function readLikeBun(doc: Document, source: string): BunRead {
  const anchors = new Set<string>();
  const duplicateKeys: Array<{ key: string; offset: number }> = [];
  let failure: { message: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      if (!anchors.has(node.source)) failure ??= { message: `Unresolved alias: *${node.source}`, offset: node.range?.[0] ?? 0 };
    },
    Scalar(_, node) {
      if (node.anchor !== undefined) anchors.add(node.anchor);
      if (node.type !== "PLAIN" && typeof node.value !== "string" && typeof node.source === "string") node.value = node.source;
    },
    Seq(_, node) {
      if (node.anchor !== undefined) anchors.add(node.anchor);
    },
    Map(_, node) {
      if (node.anchor !== undefined) anchors.add(node.anchor);
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) duplicateKeys.push({ key: String(pair.key.value), offset: pair.key.range?.[0] ?? 0 });
        seen.add(pair.key.value);
      }
      const misplaced = node.srcToken?.type === "block-map" ? findValueAfterValue(node.srcToken.items, source) : undefined;
      if (misplaced !== undefined) failure ??= { message: "a `: ` follows a value on the same line, with no key before it", offset: misplaced };
    },
  });
  return failure === undefined ? { ok: true, duplicateKeys } : { ok: false, ...failure };
}

type BlockMapItem = { start: Array<{ type: string }>; key?: unknown; sep?: Array<{ type: string; offset: number }> };

/**
 * The offset of a key-less `:` that is not first on its line (`description: {a: b}: c`): Bun
 * rejects it, `yaml` makes `c` the value of an empty key. `: x` alone on a line is valid in both.
 */
function findValueAfterValue(items: BlockMapItem[], source: string): number | undefined {
  for (const item of items) {
    if (item.key !== undefined && item.key !== null) continue;
    if (item.start.some((token) => token.type === "explicit-key-ind")) continue;
    const colon = item.sep?.find((token) => token.type === "map-value-ind");
    if (colon === undefined) continue;
    const lineStart = source.lastIndexOf("\n", colon.offset - 1) + 1;
    if (source.slice(lineStart, colon.offset).trim() !== "") return colon.offset;
  }
  return undefined;
}
