import { checkArgument, checkOptions } from "../check-arguments.js";
import { escapeHtml } from "./escape-html.js";
import { parseBlocks, type Alignment, type Block } from "./parse-markdown-blocks.js";
import { renderInline } from "./render-markdown-inline.js";

export interface RenderMarkdownOptions {
  /** Added to every heading level, capped at 6: a page that has its own h1 and h2 passes 2. */
  readonly headingOffset?: number;
}

/**
 * An agent's Markdown as an HTML fragment that is safe to put in a page with a strict CSP, whoever
 * wrote the agent. The subset is CommonMark's and GFM's everyday part: ATX and setext headings,
 * paragraphs, fenced and indented code, nested lists (task items show ☐/☑), block quotes, thematic
 * breaks, tables, and inline code, emphasis, strikethrough, links and autolinks. Raw HTML is shown as
 * text, images become links, links to schemes other than http(s) and mailto become their text, and
 * invisible characters show as code points. Time is linear in the input and tags always balance.
 *
 * @example
 * renderMarkdown("# Reviewer\n\nReads *every* diff.", { headingOffset: 2 });
 * // "<h3>Reviewer</h3>\n<p>Reads <em>every</em> diff.</p>"
 */
export function renderMarkdown(markdown: string, options: RenderMarkdownOptions = {}): string {
  checkArgument("renderMarkdown", "markdown", markdown, "string");
  checkOptions("renderMarkdown", options, { headingOffset: "number?" });
  const headingOffset = Math.max(0, Math.trunc(options.headingOffset ?? 0));
  return renderBlocks(parseBlocks(markdown.split(/\r\n?|\n/)).blocks, headingOffset, false);
}

/** In a tight list an item's paragraphs are bare text, as CommonMark renders them. */
function renderBlocks(blocks: readonly Block[], headingOffset: number, tight: boolean): string {
  return blocks.map((block) => renderBlock(block, headingOffset, tight)).join("\n");
}

function renderBlock(block: Block, headingOffset: number, tight: boolean): string {
  switch (block.kind) {
    case "heading": {
      const tag = `h${Math.min(6, block.level + headingOffset)}`;
      return `<${tag}>${renderInline(block.text)}</${tag}>`;
    }
    case "paragraph":
      return tight ? renderInline(block.text) : `<p>${renderInline(block.text)}</p>`;
    case "code": {
      // Only a plain word reaches the class attribute: the info string is the author's.
      const language = (block.info.split(/[ \t]/)[0] ?? "").replace(/[^A-Za-z0-9_+-]/g, "");
      const body = block.text === "" ? "" : `${escapeHtml(block.text)}\n`;
      return `<pre tabindex="0"><code${language === "" ? "" : ` class="language-${language}"`}>${body}</code></pre>`;
    }
    case "quote":
      return `<blockquote>\n${renderBlocks(block.blocks, headingOffset, false)}\n</blockquote>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : "";
      const items = block.items.map((item) => `<li>${renderBlocks(withTaskBox(item), headingOffset, !block.loose)}</li>`);
      return `<${tag}${start}>\n${items.join("\n")}\n</${tag}>`;
    }
    case "rule":
      return "<hr>";
    case "table":
      return renderTable(block.alignments, block.head, block.rows);
    case "text":
      return `<p>${escapeHtml(block.text)}</p>`;
  }
}

/** A GFM task item `[ ]` or `[x]` shows a ballot box; the page has no form to tick it in. */
function withTaskBox(item: readonly Block[]): readonly Block[] {
  const [first, ...rest] = item;
  if (first?.kind !== "paragraph") return item;
  const box = /^\[([ xX])\](?:[ \t]|$)/.exec(first.text)?.[1];
  if (box === undefined) return item;
  return [{ kind: "paragraph", text: (box === " " ? "☐" : "☑") + first.text.slice(3) }, ...rest];
}

function renderTable(alignments: readonly Alignment[], head: readonly string[], rows: readonly (readonly string[])[]): string {
  // Alignment is a class, not a style attribute: the site's CSP forbids inline styles.
  const cell = (tag: string, text: string, column: number): string => {
    const alignment = alignments[column];
    return `<${tag}${alignment === undefined ? "" : ` class="${alignment}"`}>${renderInline(text)}</${tag}>`;
  };
  const header = `<thead>\n<tr>${head.map((text, column) => cell("th", text, column)).join("")}</tr>\n</thead>`;
  if (rows.length === 0) return `<table tabindex="0">\n${header}\n</table>`;
  const body = rows.map((row) => `<tr>${row.map((text, column) => cell("td", text, column)).join("")}</tr>`).join("\n");
  return `<table tabindex="0">\n${header}\n<tbody>\n${body}\n</tbody>\n</table>`;
}
