import { Buffer } from "node:buffer";
import { isMap, isPair, isSeq } from "yaml";

/**
 * The most frontmatter agentreg parses. Claude Code's own generator writes 1–10 KiB (the seed's is
 * 3 KiB, nearly all of it the `description` with its examples); 64 KiB leaves room for six times the
 * largest we have seen while keeping the YAML parser's worst case (0.2–1.5 s for 64 KiB of hostile
 * keys or brackets, measured with yaml 2.9 on a busy two-core machine) far from a hang. The body, the system prompt, has no such cap: it is never parsed.
 */
export const MAX_FRONTMATTER_BYTES = 64 * 1024;

/**
 * The deepest nesting of mappings and lists. Real frontmatter nests `hooks` five levels deep; the
 * `yaml` parser and every recursive reader after it (toJS, zod, JSON.stringify) overflow the stack
 * somewhere near a thousand levels, an offset that depends on how deep the caller already is.
 */
export const MAX_FRONTMATTER_DEPTH = 64;

/**
 * `yaml`'s `maxAliasCount` (its default, made explicit): how far aliases may expand before `toJS`
 * gives up, which stops a "billion laughs" bomb of nested aliases from expanding into 10^9 nodes.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Why the frontmatter is too large to parse, or undefined when it is not.
 *
 * @example
 * checkFrontmatterSize("name: a\n"); // undefined
 * checkFrontmatterSize(`x: "${"a".repeat(70_000)}"\n`); // "the frontmatter is 68.4 KiB; …"
 */
export function checkFrontmatterSize(source: string): string | undefined {
  // Every UTF-16 unit is at least one UTF-8 byte and at most three, so most texts need no count.
  if (source.length * 3 <= MAX_FRONTMATTER_BYTES) return undefined;
  const bytes = Buffer.byteLength(source, "utf8");
  if (bytes <= MAX_FRONTMATTER_BYTES) return undefined;
  return `the frontmatter is ${(bytes / 1024).toFixed(1)} KiB; agentreg reads at most ${MAX_FRONTMATTER_BYTES / 1024} KiB of frontmatter, far more than an agent needs`;
}

/** The message for frontmatter nested deeper than {@link MAX_FRONTMATTER_DEPTH}. */
export const TOO_DEEP = `the frontmatter nests lists or mappings more than ${MAX_FRONTMATTER_DEPTH} levels deep; agentreg reads no deeper, since no agent needs it`;

/**
 * Where a parsed `yaml` node first nests a collection deeper than {@link MAX_FRONTMATTER_DEPTH}: that
 * collection's offset in the source, or undefined when none does. It walks with its own stack, not by
 * recursion, so the check cannot overflow the stack it protects. A report names the line where the
 * nesting goes too deep, the same line `yaml`'s own stack guard names when it trips first (which
 * depends on how much stack the caller has left).
 *
 * @example
 * nestedTooDeepAt(parseDocument("a: [[1]]").contents); // undefined
 */
export function nestedTooDeepAt(root: unknown): number | undefined {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, depth } = item;
    if (isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
    } else if (isMap(node) || isSeq(node)) {
      if (depth + 1 > MAX_FRONTMATTER_DEPTH) return node.range?.[0] ?? 0;
      for (const child of node.items) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The message for frontmatter whose aliases make a value contain itself. */
export const CIRCULAR = "the frontmatter holds a value that contains itself through an alias (`&a [*a]`); nothing can read it to the end";

/**
 * Checks the parsed value itself, after aliases are expanded: an alias can put a deep subtree inside
 * another (`y: &y [[*x]]`), and an alias inside its own anchor makes a value contain itself, which
 * `JSON.stringify` and zod would never finish. Shared values are measured once (their height is
 * remembered), so a value made of many aliases costs no more than its distinct parts.
 *
 * @example
 * checkParsedValue({ tools: ["Read"] }); // undefined
 * const a: unknown[] = []; a.push(a);
 * checkParsedValue({ a });               // CIRCULAR
 */
export function checkParsedValue(root: unknown): typeof TOO_DEEP | typeof CIRCULAR | undefined {
  const heights = new Map<object, number>();
  const open = new Set<object>();
  const stack: Array<{ value: object; children: object[] | undefined }> = [];
  if (isContainer(root)) stack.push({ value: root, children: undefined });
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    if (top.children === undefined && heights.has(top.value)) {
      // A value shared through an alias, measured by an earlier visit.
      stack.pop();
    } else if (top.children === undefined) {
      // First visit: open it and queue the children not measured yet.
      open.add(top.value);
      top.children = childrenOf(top.value);
      for (const child of top.children) {
        if (open.has(child)) return CIRCULAR;
        if (!heights.has(child)) stack.push({ value: child, children: undefined });
      }
    } else {
      // Every child is measured: close it.
      stack.pop();
      open.delete(top.value);
      const height = 1 + top.children.reduce((highest, child) => Math.max(highest, heights.get(child) ?? 0), 0);
      if (height > MAX_FRONTMATTER_DEPTH) return TOO_DEEP;
      heights.set(top.value, height);
    }
  }
  return undefined;
}

function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null && !ArrayBuffer.isView(value);
}

function childrenOf(value: object): object[] {
  const children: object[] = [];
  const values = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
  for (const child of values) if (isContainer(child)) children.push(child);
  return children;
}
