import { isFlowList } from "./frontmatter-yaml.js";

/** One top-level line that Claude Code's quoting retry rewrote as `key: "value"`. */
export interface FrontmatterRepair {
  /** The top-level key whose value was quoted. */
  key: string;
  /** 1-based line in the whole file. */
  line: number;
}

/**
 * A line the retry may quote, with Claude Code's own pattern: a key of letters, `_` and `-` at the
 * start of the line, any whitespace after the colon (a tab too), and a value that starts with a
 * non-space. `.` matches no `\r`, so a CRLF line never matches (anthropics/claude-code#80890).
 */
const RETRY_LINE = /^([a-zA-Z_-]+):\s+(\S.*)$/;
/** Values containing any of these are quoted (DESIGN §1 step 2). */
const RISKY = /[{}[\]*&#!|>%@`]|: /;

/**
 * Claude Code's retry after strict YAML fails, line for line as 2.1.332 does it: each risky value is
 * quoted as written, trailing spaces included (`"a: b"  ` is not "already quoted", so it is quoted
 * again and keeps its quotes), with `\` and `"` escaped; then leading tabs become two spaces each.
 * The lines stay where they were, so positions in the result are positions in the file.
 *
 * @example
 * quoteRiskyValues("name: a\ndescription: Reviews: code\n", 2);
 * // { text: 'name: a\ndescription: "Reviews: code"\n', repairs: [{ key: "description", line: 3 }] }
 */
export function quoteRiskyValues(source: string, firstLine: number): { text: string; repairs: FrontmatterRepair[] } {
  const repairs: FrontmatterRepair[] = [];
  const lines = source.split("\n").map((line, index) => {
    const match = RETRY_LINE.exec(line);
    if (match === null) return line;
    const [, key = "", value = ""] = match;
    if (isQuoted(value) || (value.startsWith("[") && value.endsWith("]") && isFlowList(value)) || !RISKY.test(value)) return line;
    repairs.push({ key, line: firstLine + index });
    return `${key}: "${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  });
  // Claude Code replaces tabs after quoting, with a multiline `^`, which also follows a lone `\r`.
  return { text: lines.join("\n").replace(/^\t+/gm, (tabs) => "  ".repeat(tabs.length)), repairs };
}

/** As Claude Code tests it: a lone `"` both starts and ends with a quote. */
function isQuoted(value: string): boolean {
  return (value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"));
}
