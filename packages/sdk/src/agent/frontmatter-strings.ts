import { isMap, isPair, isScalar, isSeq } from "yaml";
import { createPositionFinder } from "./text-position.js";

/** One string of the parsed frontmatter, a key or a value, and where it is written. */
export interface FrontmatterString {
  /** Where it sits, as people write it: `description`, `hooks.PreToolUse[0].command`. */
  path: string;
  /** True for a mapping key, whose path ends in the key itself. */
  isKey: boolean;
  /** The string the model gets, after YAML decoding. */
  value: string;
  /** 1-based line and column (in code points) of the file where it starts. */
  line: number;
  column: number;
  /**
   * Written as a double-quoted scalar with a backslash escape (`"\u200B"`, `"\e"`): the value can
   * hold characters that are nowhere in the file's bytes, so a scan of the bytes cannot see them.
   */
  escaped: boolean;
}

export interface CollectFrontmatterStringsOptions {
  /** The document's root node, as `yaml` parsed it. */
  root: unknown;
  /** The text that was parsed, which has the same lines as the file's frontmatter. */
  source: string;
  /** The file line of `source`'s first line. */
  firstLine: number;
  /**
   * Lines Claude Code's quoting retry rewrote as `key: "value"`: the retry's own `\\` and `\"`
   * escapes stand for what the file says, so those strings are not `escaped`.
   */
  repairedLines: ReadonlySet<number>;
}

/**
 * Lists every string key and value of a parsed frontmatter in document order, each with its path
 * and position. Aliases are skipped: the node they point at is listed where its anchor is. The
 * caller has checked the nesting depth, so the recursion here is bounded.
 *
 * @example
 * const doc = parseDocument('tools: [Read, "B\\u0430sh"]\n');
 * collectFrontmatterStrings({ root: doc.contents, source: 'tools: [Read, "B\\u0430sh"]\n', firstLine: 2, repairedLines: new Set() });
 * // [{ path: "tools", isKey: true, … }, { path: "tools[0]", value: "Read", … }, { path: "tools[1]", value: "Bаsh", escaped: true, … }]
 */
export function collectFrontmatterStrings(options: CollectFrontmatterStringsOptions): FrontmatterString[] {
  const { source, firstLine, repairedLines } = options;
  const strings: FrontmatterString[] = [];
  const positionOf = createPositionFinder(source);

  const visit = (node: unknown, path: string, isKey: boolean): void => {
    if (isScalar(node)) {
      if (typeof node.value !== "string" || node.range === undefined || node.range === null) return;
      const [start, end] = node.range;
      const { line: sourceLine, column } = positionOf(start);
      const line = firstLine + sourceLine - 1;
      const escaped = node.type === "QUOTE_DOUBLE" && !repairedLines.has(line) && source.slice(start, end).includes("\\");
      strings.push({ path, isKey, value: node.value, line, column, escaped });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const name = isScalar(pair.key) ? String(pair.key.value) : "?";
        const child = path === "" ? name : `${path}.${name}`;
        visit(pair.key, child, true);
        visit(pair.value, child, false);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, `${path}[${index}]`, false));
    }
  };
  visit(options.root, "", false);
  return strings;
}
