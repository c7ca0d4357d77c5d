/** The frontmatter text, where it sits in the file, and the body after it. */
export interface FrontmatterBlock {
  ok: true;
  /** The text between the opening and the closing `---`, as YAML will read it. */
  source: string;
  /** 1-based file line of `source`'s first line. */
  firstLine: number;
  /** Everything after the closing `---` and the rest of its line: the agent's system prompt. */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyStartLine: number;
  /**
   * Where the closing `---` is, when it is not a line of its own (`description: a --- b`, `# ---`,
   * `----`): Claude Code ends the frontmatter at the first `---` anywhere, so the rest became body.
   */
  closedMidLine?: { line: number; column: number };
}

export type SplitFrontmatterResult = FrontmatterBlock | { ok: false; message: string };

/** The opening line: `---`, any whitespace (trailing spaces, `\r`, blank lines), a line feed. */
const OPENING = /^---\s*\n/;
/** What the closing `---` takes of its line: trailing spaces or tabs and the line break. */
const CLOSING = /^---[ \t]*(?:\r?\n|\r$)?/;

/**
 * Finds the frontmatter the way Claude Code 2.1.332 does (its pattern is `^---\s*\n([\s\S]*?)---`,
 * DESIGN §1): one byte order mark is dropped; the opening `---` may carry trailing whitespace; the
 * frontmatter ends at the first `---` after it, even in the middle of a line. Claude Code then also
 * skips the blank lines that follow; agentreg keeps them in `body`, since Claude Code trims the
 * prompt anyway and the validator's line numbers stay those of the file.
 *
 * @example
 * const block = splitFrontmatter("---  \nname: a\n---   \nBody\n");
 * if (block.ok) console.log(block.source, block.bodyStartLine); // "name: a\n" 4
 */
export function splitFrontmatter(text: string): SplitFrontmatterResult {
  const unmarked = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const opening = OPENING.exec(unmarked);
  if (opening === null) {
    const bom = unmarked.startsWith("\uFEFF---") ? " (it starts with two byte order marks; Claude Code reads past only one)" : "";
    return { ok: false, message: `no frontmatter: the file must start with a line \`---\`${bom}; Claude Code skips it` };
  }
  const start = opening[0].length;
  const end = unmarked.indexOf("---", start);
  if (end === -1) return { ok: false, message: "the frontmatter opened on line 1 is never closed: no `---` follows it; Claude Code skips the file" };

  const closing = CLOSING.exec(unmarked.slice(end))?.[0] ?? "---";
  const bodyStart = end + closing.length;
  const lineOf = (offset: number): number => 1 + countLineFeeds(unmarked, offset);
  const lineStart = unmarked.lastIndexOf("\n", end - 1) + 1;
  const alone = lineStart === end && (bodyStart === unmarked.length || closing.endsWith("\n"));
  return {
    ok: true,
    source: unmarked.slice(start, end),
    firstLine: lineOf(start),
    body: unmarked.slice(bodyStart),
    // The body starts on the line after a closing line of its own, even at the end of the file.
    bodyStartLine: lineOf(end) + (alone ? 1 : 0),
    ...(alone ? {} : { closedMidLine: { line: lineOf(end), column: [...unmarked.slice(lineStart, end)].length + 1 } }),
  };
}

function countLineFeeds(text: string, end: number): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) count++;
  return count;
}
