import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH } from "./parse-markdown-blocks.js";
import { renderMarkdown } from "./render-markdown.js";

const REL = `rel="nofollow noopener noreferrer"`;

/** The tags the renderer may write, with their attributes and what they may contain. */
const PHRASING = ["em", "strong", "del", "a", "code", "span", "br"];
const FLOW = [...PHRASING, "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr", "table"];
const TAGS: Record<string, { attributes: string[]; children: string[] }> = {
  "#root": { attributes: [], children: FLOW },
  p: { attributes: [], children: PHRASING },
  ...Object.fromEntries(["h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del"].map((tag) => [tag, { attributes: [], children: PHRASING }])),
  a: { attributes: ["href", "title", "rel"], children: PHRASING.filter((tag) => tag !== "a") },
  code: { attributes: ["class"], children: ["span"] },
  span: { attributes: ["class", "title"], children: [] },
  br: { attributes: [], children: [] },
  hr: { attributes: [], children: [] },
  ul: { attributes: [], children: ["li"] },
  ol: { attributes: ["start"], children: ["li"] },
  li: { attributes: [], children: FLOW },
  blockquote: { attributes: [], children: FLOW },
  pre: { attributes: ["tabindex"], children: ["code"] },
  table: { attributes: ["tabindex"], children: ["thead", "tbody"] },
  thead: { attributes: [], children: ["tr"] },
  tbody: { attributes: [], children: ["tr"] },
  tr: { attributes: [], children: ["th", "td"] },
  th: { attributes: ["class"], children: PHRASING },
  td: { attributes: ["class"], children: PHRASING },
};
const VOID = new Set(["br", "hr"]);
const TAG = /<(\/?)([a-z][a-z0-9]*)((?: [a-z]+="[^"<>]*")*)>/y;

/**
 * Checks that `html` is only allowed tags, properly nested where HTML allows them, with text that
 * holds no markup, no invisible character and no link to a scheme other than http(s) or mailto.
 */
function expectSafeHtml(html: string): void {
  // Problems are collected and asserted once: an expect() per tag would dominate the large cases.
  const problems: string[] = [];
  const open: string[] = ["#root"];
  let text = "";
  for (let index = 0; index < html.length; ) {
    if (html[index] !== "<") {
      const next = html.indexOf("<", index);
      text += html.slice(index, next === -1 ? html.length : next);
      index = next === -1 ? html.length : next;
      continue;
    }
    TAG.lastIndex = index;
    const [tag, closing, name = "", attributes = ""] = TAG.exec(html) ?? [];
    if (tag === undefined) {
      problems.push(`not an allowed tag at ${index}: ${html.slice(index, index + 40)}`);
      break;
    }
    const parent = open.at(-1) ?? "";
    if (closing === "/") {
      if (open.pop() !== name) problems.push(`</${name}> closes <${parent}>`);
    } else {
      if (!TAGS[parent]?.children.includes(name)) problems.push(`<${name}> inside <${parent}>`);
      if (name === "a" && open.includes("a")) problems.push("a link inside a link");
      for (const [, attribute = "", value = ""] of attributes.matchAll(/ ([a-z]+)="([^"]*)"/g)) {
        if (!TAGS[name]?.attributes.includes(attribute)) problems.push(`${attribute} on <${name}>`);
        if (attribute === "href" && !isSafeHref(value.replaceAll("&amp;", "&").replaceAll("&#39;", "'"))) problems.push(`href ${value}`);
      }
      if (!VOID.has(name)) open.push(name);
    }
    index += tag.length;
  }
  if (open.length !== 1) problems.push(`unclosed ${open.join(" > ")}`);
  if (/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/.test(text)) problems.push("markup in text");
  if (/(?![\n\t])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Cs}]/u.test(text)) problems.push("an invisible character in text");
  expect(problems, html.slice(0, 200)).toEqual([]);
}

/** An independent reading of the rule: after removing controls and spaces, the scheme if any is allowed. */
function isSafeHref(href: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/[\u0000-\u0020\u007f]/g, ""))?.[1]?.toLowerCase();
  return (scheme === undefined || ["http", "https", "mailto"].includes(scheme)) && /^[\u0021-\u007e]*$/.test(href);
}

function render(markdown: string, headingOffset?: number): string {
  const html = renderMarkdown(markdown, { headingOffset });
  expectSafeHtml(html);
  return html;
}

describe("renderMarkdown blocks", () => {
  it.each([
    ["ATX headings", "# One\n### Three ###\n####### seven", "<h1>One</h1>\n<h3>Three</h3>\n<p>####### seven</p>"],
    ["setext headings", "Title\n===\nSub\n---", "<h1>Title</h1>\n<h2>Sub</h2>"],
    ["a paragraph's lines join", "one\ntwo\n\nthree", "<p>one\ntwo</p>\n<p>three</p>"],
    ["CRLF and CR line ends", "a\r\nb\r\rc", "<p>a\nb</p>\n<p>c</p>"],
    ["a thematic break", "a\n\n***\n- - -\n___", "<p>a</p>\n<hr>\n<hr>\n<hr>"],
    ["a fenced code block with a language", "```ts\nconst a = 1 < 2;\n```", `<pre tabindex=\"0\"><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>`],
    ["a tilde fence; only a plain word reaches the class", '~~~ "><x {.py}\nx\n~~~', "<pre tabindex=\"0\"><code class=\"language-x\">x\n</code></pre>"],
    ["an unclosed fence runs to the end", "```\n<b>\n\nmore", "<pre tabindex=\"0\"><code>&lt;b&gt;\n\nmore\n</code></pre>"],
    ["a longer closing fence; a shorter one is content", "````\n```\n`````", "<pre tabindex=\"0\"><code>```\n</code></pre>"],
    ["indented code", "    a\n\n    b\n\nc", "<pre tabindex=\"0\"><code>a\n\nb\n</code></pre>\n<p>c</p>"],
    ["a tight bullet list, nested", "- a\n  - b\n- c", "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul></li>\n<li>c</li>\n</ul>"],
    ["each bullet character starts its own list", "- a\n* b\n+ c", "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n<ul>\n<li>c</li>\n</ul>"],
    ["an ordered list keeps its start", "3. a\n4. b", '<ol start="3">\n<li>a</li>\n<li>b</li>\n</ol>'],
    ["ordered with `)`", "1) a\n2) b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>"],
    ["a loose list, items of several blocks", "- a\n\n  b\n\n  ```sh\n  npm test\n  ```\n- c", `<ul>\n<li><p>a</p>\n<p>b</p>\n<pre tabindex=\"0\"><code class="language-sh">npm test\n</code></pre></li>\n<li><p>c</p></li>\n</ul>`],
    ["a lazy continuation line", "- a\nb", "<ul>\n<li>a\nb</li>\n</ul>"],
    ["only `1.` interrupts a paragraph", "a\n2. b\n1. c", "<p>a\n2. b</p>\n<ol>\n<li>c</li>\n</ol>"],
    ["task items", "- [ ] todo\n- [x] done\n- [y] not a task", "<ul>\n<li>☐ todo</li>\n<li>☑ done</li>\n<li>[y] not a task</li>\n</ul>"],
    ["a block quote, nested, with a lazy line", "> a\n> > b\nc", "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b\nc</p>\n</blockquote>\n</blockquote>"],
    ["a quote holding a list that holds code", "> - a\n>\n>       code", "<blockquote>\n<ul>\n<li><p>a</p>\n<pre tabindex=\"0\"><code>code\n</code></pre></li>\n</ul>\n</blockquote>"],
    [
      "a table with alignment classes",
      "| a | b | c | d |\n| :-- | :-: | --: | --- |\n| 1 | `x\\|y` | 3 | 4 | 5 |\n| 6 |",
      `<table tabindex=\"0\">\n<thead>\n<tr><th class="l">a</th><th class="c">b</th><th class="r">c</th><th>d</th></tr>\n</thead>\n<tbody>\n<tr><td class="l">1</td><td class="c"><code>x|y</code></td><td class="r">3</td><td>4</td></tr>\n<tr><td class="l">6</td></tr>\n</tbody>\n</table>`,
    ],
    ["a table interrupts a paragraph", "text\na | b\n--|--", "<p>text</p>\n<table tabindex=\"0\">\n<thead>\n<tr><th>a</th><th>b</th></tr>\n</thead>\n</table>"],
    ["a delimiter row must match the header", "a | b\n--|--|--", "<p>a | b\n--|--|--</p>"],
    ["raw HTML blocks are text", "<div onclick=\"x()\">\n<script>alert(1)</script>\n</div>", "<p>&lt;div onclick=&quot;x()&quot;&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;</p>"],
  ])("%s", (_label, markdown, html) => {
    expect(render(markdown)).toBe(html);
  });

  it.each([
    [0, "# a\n###### f", "<h1>a</h1>\n<h6>f</h6>"],
    [2, "# a\n## b\n#### d", "<h3>a</h3>\n<h4>b</h4>\n<h6>d</h6>"],
    [2, "Setext\n---", "<h4>Setext</h4>"],
  ])("shifts headings by %i, capped at h6", (headingOffset, markdown, html) => {
    expect(render(markdown, headingOffset)).toBe(html);
  });

  it("refuses a markdown that is not a string, naming the parameter", () => {
    expect(() => renderMarkdown(undefined as unknown as string)).toThrow(/renderMarkdown: markdown must be a string/);
  });
});

describe("renderMarkdown inline", () => {
  it.each([
    ["emphasis and strong", "*a* _b_ **c** __d__ ***e***", "<em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <em><strong>e</strong></em>"],
    ["intraword `_` is text, intraword `*` is emphasis", "snake_case_name *in*word", "snake_case_name <em>in</em>word"],
    ["the rule of 3", "*foo**bar*", "<em>foo**bar</em>"],
    ["unmatched delimiters stay text", "a * b ** c _d", "a * b ** c _d"],
    ["strikethrough is `~~`", "~~gone~~ ~5 min", "<del>gone</del> ~5 min"],
    ["code spans of any run length", "`a` `` b ` c `` ``` x", "<code>a</code> <code>b ` c</code> ``` x"],
    ["code span content is literal", "`*a* <b> \\`", "<code>*a* &lt;b&gt; \\</code>"],
    ["backslash escapes", "\\*a\\* \\[b\\](c) \\q", "*a* [b](c) \\q"],
    ["hard line breaks", "a  \nb\\\nc \nd", "a<br>\nb<br>\nc\nd"],
    ["a link with a title", '[a *b*](https://x.example/p "T \\"q\\"")', `<a href="https://x.example/p" title="T &quot;q&quot;" ${REL}>a <em>b</em></a>`],
    ["a relative link and a fragment", "[a](../b.md) [c](#d)", `<a href="../b.md" ${REL}>a</a> <a href="#d" ${REL}>c</a>`],
    ["a destination in angle brackets, encoded", "[a](<x y>) [é](/é)", `<a href="x%20y" ${REL}>a</a> <a href="/%C3%A9" ${REL}>é</a>`],
    ["emphasis around a link, not across one", "*[a](b)* [*c](d)*", `<em><a href="b" ${REL}>a</a></em> <a href="d" ${REL}>*c</a>*`],
    ["no link in a link", "[a [b](c) d](e)", `[a <a href="c" ${REL}>b</a> d](e)`],
    ["an image is a link, never an <img>", "![a cat](https://x.example/cat.png)", `<a href="https://x.example/cat.png" ${REL}>image: a cat</a>`],
    ["an image in a link is not a second <a>", "[![i](a.png)](b)", `<a href="b" ${REL}>image: i</a>`],
    ["autolinks", "<https://x.example/a?b=c&d> <me@x.example>", `<a href="https://x.example/a?b=c&amp;d" ${REL}>https://x.example/a?b=c&amp;d</a> <a href="mailto:me@x.example" ${REL}>me@x.example</a>`],
    ["reference links are text", "[a][b]\n\n[b]: /x", "[a][b]</p>\n<p>[b]: /x"],
    ["entities are shown as written", "&copy; &#x3C;", "&amp;copy; &amp;#x3C;"],
    ["invisible characters show", "a\u202Eb\u200B", 'a<span class="cp" title="U+202E RIGHT-TO-LEFT OVERRIDE">U+202E</span>b<span class="cp" title="U+200B ZERO WIDTH SPACE">U+200B</span>'],
  ])("%s", (_label, markdown, html) => {
    expect(render(markdown)).toBe(`<p>${html}</p>`);
  });
});

describe("renderMarkdown against hostile text", () => {
  it.each([
    ["inline HTML", "<script>alert(1)</script><img src=x onerror=alert(1)>", "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"],
    ["a javascript: link", "[a](javascript:alert(1))", "a"],
    ["a scheme in capitals", "[a](JaVaScRiPt:alert(1))", "a"],
    ["a scheme split by a tab", "[a](<java\tscript:alert(1)>)", "a"],
    ["a scheme after a control character", "[a](<\u0001javascript:alert(1)>)", "a"],
    ["a scheme after spaces", "[a](< javascript:alert(1)>)", "a"],
    ["data:", "[a](data:text/html;base64,PHNjcmlwdD4=)", "a"],
    ["vbscript:", "[a](vbscript:msgbox)", "a"],
    ["file:", "[a](file:///etc/passwd)", "a"],
    ["an unsafe image", "![a](javascript:alert(1))", "image: a"],
    ["an unsafe autolink", "<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"],
    ["an entity-encoded scheme is a harmless path", "[a](&#106;avascript:x)", `<a href="&amp;#106;avascript:x" ${REL}>a</a>`],
    ["a quote that would end the attribute", '[a](x"onmouseover=alert(1))', `<a href="x%22onmouseover=alert(1)" ${REL}>a</a>`],
    ["an invisible character in a URL is encoded", "[a](https://x.example/\u202Eb)", `<a href="https://x.example/%E2%80%AEb" ${REL}>a</a>`],
    ["a title with markup", '[a](b "<x>\u200B")', `<a href="b" title="&lt;x&gt;&lt;U+200B&gt;" ${REL}>a</a>`],
  ])("%s", (_label, markdown, html) => {
    expect(render(markdown)).toBe(`<p>${html}</p>`);
  });

  it("renders content nested deeper than the cap as text", () => {
    const html = render(`${"> ".repeat(100)}*deep*`);
    expect(html.match(/<blockquote>/g)).toHaveLength(MAX_DEPTH + 1);
    expect(html).toContain(`<p>${"&gt; ".repeat(100 - MAX_DEPTH - 1)}*deep*</p>`);
  });

  // A quadratic step would take minutes on these; linear, each takes well under a second. The guard
  // is the per-test timeout: what these assert is the shape of the result.
  const n = 100_000;
  it.each([
    ["a run of `*` in text", `a${"*".repeat(n)}b`, (html: string) => expect(html).toBe(`<p>a${"*".repeat(n)}b</p>`)],
    ["alternating emphasis", "*a".repeat(n / 2), (html: string) => expect(html.match(/<em>/g)).toHaveLength(n / 4)],
    ["unmatched openers and closers", "_a *b ".repeat(n / 6) + "c* d_ ".repeat(n / 6), (html: string) => expect(html.startsWith("<p>")).toBe(true)],
    ["`[` by the thousand", "[".repeat(n), (html: string) => expect(html).toBe(`<p>${"[".repeat(n)}</p>`)],
    ["nested brackets closed by links", `${"[".repeat(n / 5)}${"](a)".repeat(n / 5)}`, (html: string) => expect(html.match(/<a /g)).toHaveLength(1)],
    ["nested images", `${"![".repeat(n / 6)}${"](a)".repeat(n / 6)}`, (html: string) => expect(html.match(/<a /g)).toHaveLength(1)],
    ["`[a](` repeated", "[a](".repeat(n / 4), (html: string) => expect(html).not.toContain("<a ")],
    ['`[a](b "` repeated', '[a](b "'.repeat(n / 7), (html: string) => expect(html).not.toContain("<a ")],
    ["backticks of every length", Array.from({ length: 400 }, (_, i) => "`".repeat(i + 1)).join("a"), (html: string) => expect(html).not.toContain("<code>")],
    ["a run of backticks", `a${"`".repeat(n)}`, (html: string) => expect(html).toBe(`<p>a${"`".repeat(n)}</p>`)],
    ["`<` and would-be autolinks", "<a:".repeat(n / 3), (html: string) => expect(html).not.toContain("<a ")],
    ["`>` nested ten thousand deep", ">".repeat(10_000), (html: string) => expect(html.match(/<blockquote>/g)).toHaveLength(MAX_DEPTH + 1)],
    ["list markers nested ten thousand deep", "- ".repeat(10_000) + "x", (html: string) => expect(html.match(/<ul>/g)).toHaveLength(MAX_DEPTH + 1)],
    ["ordered markers nested ten thousand deep", "1. ".repeat(10_000) + "x", (html: string) => expect(html.match(/<ol>/g)).toHaveLength(MAX_DEPTH + 1)],
    ["lists indented a thousand deep", Array.from({ length: 1000 }, (_, i) => `${" ".repeat(2 * i)}- a`).join("\n"), (html: string) => expect(html.match(/<ul>/g)).toHaveLength(MAX_DEPTH + 1)],
    ["spaces inside a line", `a${" ".repeat(n)}b\n# c${" ".repeat(n)}d #`, (html: string) => expect(html).toContain("<h1>c")],
    ["a table as wide as the text", `${"|".repeat(n / 2)}\n${"|-".repeat(n / 4)}|\n${"a\n".repeat(n / 4)}`, (html: string) => expect(html.length).toBeLessThan(20 * n)],
  ])("stays linear on %s", (_label, markdown, check) => {
    const html = render(markdown);
    check(html);
  }, 10_000);

  it("writes only allowed, balanced tags and safe links for any mix of Markdown (property)", () => {
    const piece = fc.constantFrom(
      "*", "**", "_", "__", "~~", "`", "``", "[", "]", "(", ")", "![", "<", ">", "\\", "!", "<script>", "<img src=x onerror=alert(1)>",
      "javascript:alert(1)", "https://x.example", "#", "# ", ">", "> ", "-", "- ", "1. ", "2) ", "|", "| --- |", ":-:", "\n", "\n\n", " ",
      "  ", "    ", "\t", "a", "word", "```", "~~~", "---", "[ ] ", '"', "'", "&", "\u202E", "\u200B", "\uD800", "\r",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.integer({ min: 0, max: 6 }), (pieces, headingOffset) => {
        const html = renderMarkdown(pieces.join(""), { headingOffset });
        expectSafeHtml(html);
        expect(html).not.toMatch(/<script|<img/i);
      }),
      { numRuns: 3000 },
    );
  });
});
