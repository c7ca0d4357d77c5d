import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFrontmatter, type ParseFrontmatterResult, type ParseFrontmatterSuccess } from "./parse-frontmatter.js";

const SEED = readFileSync(
  new URL("../../../../registry/agents/senior-backend-engineer/1.0.0/senior-backend-engineer.md", import.meta.url),
  "utf8",
);

const file = (...lines: string[]): string => `${lines.join("\n")}\n`;

function expectOk(result: ParseFrontmatterResult): ParseFrontmatterSuccess {
  if (!result.ok) throw new Error(`expected the frontmatter to parse, got ${result.ruleId}: ${result.message}`);
  return result;
}

describe("parseFrontmatter: the seed file, as Claude Code's agent generator writes it", () => {
  const result = expectOk(parseFrontmatter(SEED));
  const descriptionLine = SEED.split("\n")[2] ?? "";

  it("fails strict YAML, at the description, and loads only through the quoting retry", () => {
    expect(result.repaired).toBe(true);
    expect(result.strictError?.line).toBe(3);
    expect(result.repairs).toEqual([{ key: "description", line: 3 }]);
  });

  it("keeps the whole one-line description, both <example> blocks included", () => {
    const description = result.data.description as string;
    expect(description).toBe(descriptionLine.slice("description: ".length));
    expect(description.startsWith("Use this agent when")).toBe(true);
    expect(description.endsWith("</example>")).toBe(true);
    expect(description.match(/<example>/g)).toHaveLength(2);
  });

  it("reads the other fields and points at their lines", () => {
    expect(result.data).toMatchObject({ name: "senior-backend-engineer", model: "sonnet", color: "cyan" });
    expect(result.data.tools).toBeUndefined();
    expect(result.keyLines).toEqual({ name: 2, description: 3, model: 4, color: 5 });
    expect(result.bodyStartLine).toBe(7);
    expect(result.body.startsWith("\nYou are a Senior Backend Engineer")).toBe(true);
  });
});

describe("parseFrontmatter: finding the frontmatter", () => {
  it.each([
    ["LF", file("---", "name: a", "description: b", "---", "Body."), "Body.\n"],
    ["CRLF", "---\r\nname: a\r\ndescription: b\r\n---\r\nBody.\r\n", "Body.\r\n"],
    ["closing --- at end of file", "---\nname: a\ndescription: b\n---", ""],
  ])("splits a %s file", (_label, text, body) => {
    const result = expectOk(parseFrontmatter(text));
    expect(result.data).toEqual({ name: "a", description: "b" });
    expect(result.body).toBe(body);
    expect(result.bodyStartLine).toBe(5);
    expect(result.repaired).toBe(false);
  });

  // Measured against Claude Code 2.1.332 (tests/e2e/claude-code-parity.test.ts), DESIGN §1 step 5.
  it.each<[string, string, Record<string, unknown>, number, Partial<ParseFrontmatterSuccess>]>([
    ["a closing `---` with trailing spaces", file("---", "name: a", "---   ", "Body."), { name: "a" }, 4, { body: "Body.\n" }],
    ["an opening `---` with trailing spaces and a tab", file("--- \t", "name: a", "---", "Body."), { name: "a" }, 4, { body: "Body.\n" }],
    ["a byte order mark before `---`", `\uFEFF${file("---", "name: a", "---", "Body.")}`, { name: "a" }, 4, { body: "Body.\n" }],
    ["blank lines after the opening `---`", file("---", "", "", "name: a", "---", "Body."), { name: "a" }, 6, { keyLines: { name: 4 } }],
    ["a `---` inside a value, which ends the frontmatter", file("---", "name: a", "description: Use --- carefully", "---"), { name: "a", description: "Use" }, 3, { body: "carefully\n---\n", closedMidLine: { line: 3, column: 18 } }],
    ["a `---` in a comment", file("---", "name: a", "# --- note", "description: b", "---"), { name: "a" }, 3, { closedMidLine: { line: 3, column: 3 } }],
    ["a closing `----`", file("---", "name: a", "----", "Body."), { name: "a" }, 3, { body: "-\nBody.\n", closedMidLine: { line: 3, column: 1 } }],
  ])("finds the frontmatter with %s", (_label, text, data, bodyStartLine, more) => {
    const result = expectOk(parseFrontmatter(text));
    expect(result.data).toEqual(data);
    expect(result.bodyStartLine).toBe(bodyStartLine);
    expect(result).toMatchObject(more);
    if (more.closedMidLine === undefined) expect(result.closedMidLine).toBeUndefined();
  });

  it.each([
    ["no frontmatter at all", "# Just markdown\n", /must start with a line `---`/],
    ["an opening `---x`", file("---x", "name: a", "---"), /must start with a line `---`/],
    ["two byte order marks before ---", `\uFEFF\uFEFF${file("---", "name: a", "---")}`, /two byte order marks/],
    ["CR line endings only", "---\rname: a\r---\rBody\r", /must start with a line `---`/],
    ["a frontmatter that never closes", file("---", "name: a", "description: b"), /never closed/],
  ])("reports frontmatter-missing for %s", (_label, text, message) => {
    expect(parseFrontmatter(text)).toMatchObject({ ok: false, ruleId: "frontmatter-missing", line: 1, message });
  });

  it("treats an empty frontmatter as an empty mapping, so the caller can report the missing fields", () => {
    expect(expectOk(parseFrontmatter(file("---", "---", "Body."))).data).toEqual({});
  });
});

describe("parseFrontmatter: strict YAML first, Claude Code's quoting retry second", () => {
  const cases: Array<{ rule: string; lines: string[]; data: Record<string, unknown>; repaired: boolean }> = [
    {
      rule: "strictly valid YAML parses without a repair",
      lines: ["name: a", "description: Reviews code, carefully.", "tools: Read, Grep", "model: opus"],
      data: { name: "a", description: "Reviews code, carefully.", tools: "Read, Grep", model: "opus" },
      repaired: false,
    },
    {
      rule: "` #` starts a comment in strict YAML, and strict YAML succeeding means no retry: the text is lost",
      lines: ["name: a", "description: Fixes issue #12 quickly"],
      data: { name: "a", description: "Fixes issue" },
      repaired: false,
    },
    {
      rule: "`#` without a space before it is plain text in strict YAML",
      lines: ["name: a", "description: Writes C# code"],
      data: { name: "a", description: "Writes C# code" },
      repaired: false,
    },
    {
      rule: "once the retry runs, a value with ` #` is quoted whole, so its comment becomes text",
      lines: ["name: a", "description: Fixes: issue #12 quickly"],
      data: { name: "a", description: "Fixes: issue #12 quickly" },
      repaired: true,
    },
    {
      rule: "the retry quotes every risky line, so a comment elsewhere becomes part of the value",
      lines: ["name: a", "description: Reviews: code", "model: sonnet # the fast one"],
      data: { name: "a", description: "Reviews: code", model: "sonnet # the fast one" },
      repaired: true,
    },
    {
      rule: "already-quoted values are valid strict YAML",
      lines: ["name: a", `description: "Reviews: code"`, "color: 'red'"],
      data: { name: "a", description: "Reviews: code", color: "red" },
      repaired: false,
    },
    {
      rule: "the retry leaves already-quoted values alone, escapes and all",
      lines: ["name: a", "description: 'It''s: fine'", "model: x: y"],
      data: { name: "a", description: "It's: fine", model: "x: y" },
      repaired: true,
    },
    {
      rule: "a flow list is a list in strict YAML",
      lines: ["name: a", "description: b", "tools: [Read, Grep]"],
      data: { name: "a", description: "b", tools: ["Read", "Grep"] },
      repaired: false,
    },
    {
      rule: "the retry keeps a valid flow list a list",
      lines: ["name: a", "description: Reviews: code", "tools: [Read, Grep]"],
      data: { name: "a", description: "Reviews: code", tools: ["Read", "Grep"] },
      repaired: true,
    },
    {
      rule: "the retry quotes a broken flow list into a string",
      lines: ["name: a", "description: b", "tools: [Read, Grep"],
      data: { name: "a", description: "b", tools: "[Read, Grep" },
      repaired: true,
    },
    {
      rule: "the retry escapes backslashes and double quotes, so the value is exactly the text",
      lines: ["name: a", String.raw`description: Say "hi": C:\temp\new`],
      data: { name: "a", description: String.raw`Say "hi": C:\temp\new` },
      repaired: true,
    },
    {
      rule: "a literal \\n stays a backslash and an n (interpretAgent turns it into a newline)",
      lines: ["name: a", String.raw`description: Line one.\nExample: two`],
      data: { name: "a", description: String.raw`Line one.\nExample: two` },
      repaired: true,
    },
    {
      rule: "leading tabs become two spaces each",
      lines: ["name: a", "description: b", "tools:", "\t- Read", "\t- Grep"],
      data: { name: "a", description: "b", tools: ["Read", "Grep"] },
      repaired: true,
    },
    {
      rule: "the retry also quotes a value after a tab",
      lines: ["name: a", "description:\tNeeds: retry"],
      data: { name: "a", description: "Needs: retry" },
      repaired: true,
    },
    {
      rule: "the retry takes a value as written: a quoted value with trailing spaces is quoted again, quotes and all",
      lines: ["name: a", 'description: "quoted: value"  ', "tools: a: b"],
      data: { name: "a", description: '"quoted: value"  ', tools: "a: b" },
      repaired: true,
    },
    {
      rule: "the retry quotes an alias to no anchor",
      lines: ["name: a", "description: *nope", "tools: *"],
      data: { name: "a", description: "*nope", tools: "*" },
      repaired: true,
    },
    {
      rule: "the retry quotes a value that starts with a flow collection",
      lines: ["name: a", "description: [DEPRECATED] Use b: it is faster", "model: {a: b}: c"],
      data: { name: "a", description: "[DEPRECATED] Use b: it is faster", model: "{a: b}: c" },
      repaired: true,
    },
    {
      rule: "a value with only harmless characters is not quoted, and indented continuation lines are kept",
      lines: ["name: a", "description: one", "  two", "model: x: y"],
      data: { name: "a", description: "one two", model: "x: y" },
      repaired: true,
    },
  ];

  for (const { rule, lines, data, repaired } of cases) {
    it(rule, () => {
      const result = expectOk(parseFrontmatter(file("---", ...lines, "---", "Body.")));
      expect(result.data).toEqual(data);
      expect(result.repaired).toBe(repaired);
    });
  }

  it("records which keys the retry quoted, by file line", () => {
    const result = expectOk(parseFrontmatter(file("---", "name: a", "description: x: y", "model: sonnet", "color: a*b", "---")));
    expect(result.repairs).toEqual([
      { key: "description", line: 3 },
      { key: "color", line: 5 },
    ]);
    expect(result.strictError).toEqual({ message: "Nested mappings are not allowed in compact mappings", line: 3, column: 14 });
  });
});

describe("parseFrontmatter: YAML read as Claude Code's parser (Bun.YAML) reads it", () => {
  const cases: Array<{ rule: string; lines: string[]; data: Record<string, unknown> }> = [
    { rule: "a repeated key is no error: the last one wins", lines: ["name: a", "description: First", "description: Last"], data: { name: "a", description: "Last" } },
    { rule: "a key repeated in a nested mapping", lines: ["name: a", "metadata:", "  x: 1", "  x: 2"], data: { name: "a", metadata: { x: 2 } } },
    { rule: "`<<` merges a mapping", lines: ["base: &b {model: opus}", "name: a", "<<: *b"], data: { base: { model: "opus" }, name: "a", model: "opus" } },
    { rule: "`<<` merges a list of mappings", lines: ["a: &a {model: opus}", "b: &b {color: red}", "name: a", "<<: [*a, *b]"], data: { a: { model: "opus" }, b: { color: "red" }, name: "a", model: "opus", color: "red" } },
    { rule: "a core tag on a quoted scalar keeps it text", lines: ['a: !!float "1.5"', 'b: !!int "7"', 'c: !!bool "true"'], data: { a: "1.5", b: "7", c: "true" } },
    { rule: "tags on plain scalars: !!str is text, core tags resolve as untagged, others are text", lines: ["a: !!str 123", "b: !!int 7", "c: !!null x", "d: !foo 5", "e: !!int abc"], data: { a: "123", b: 7, c: "x", d: "5", e: "abc" } },
    { rule: "YAML 1.1 tags leave the text", lines: ["a: !!binary aGVsbG8=", "b: !!timestamp 2001-12-14"], data: { a: "aGVsbG8=", b: "2001-12-14" } },
    { rule: "YAML 1.2 core scalars", lines: ["a: yes", "b: 0x1F", "c: 010", "d: .inf", "e: 12:30", "f: 1_000", "g: 2024-01-01"], data: { a: "yes", b: 31, c: 10, d: Infinity, e: "12:30", f: "1_000", g: "2024-01-01" } },
    { rule: "a line `: value` with no key is an empty key", lines: ["name: a", ": orphan"], data: { name: "a", "": "orphan" } },
  ];

  for (const { rule, lines, data } of cases) {
    it(rule, () => {
      const result = expectOk(parseFrontmatter(file("---", ...lines, "---")));
      expect(result.data).toEqual(data);
      expect(result.repaired).toBe(false);
    });
  }

  it("lists repeated keys by file line, and points keyLines at the one that wins", () => {
    const result = expectOk(parseFrontmatter(file("---", "name: a", "description: First", "metadata:", "  x: 1", "  x: 2", "description: Last", "---")));
    expect(result.duplicateKeys).toEqual([
      { key: "x", line: 6 },
      { key: "description", line: 7 },
    ]);
    expect(result.keyLines).toMatchObject({ name: 2, description: 7 });
  });

  it("fails strict YAML where Bun does, so the retry runs: a `: ` after a value on its line", () => {
    const result = expectOk(parseFrontmatter(file("---", "name: a", "description: {a: b}: c", "---")));
    expect(result).toMatchObject({ repaired: true, data: { description: "{a: b}: c" }, strictError: { line: 3, column: 20 } });
  });

  it("does not retry YAML that parses but is not a mapping", () => {
    expect(parseFrontmatter(file("---", "just text", "---"))).toMatchObject({ ok: false, ruleId: "frontmatter-yaml", message: /a single value, not a mapping/ });
  });
});

describe("parseFrontmatter: files Claude Code drops", () => {
  const cases: Array<{ rule: string; lines: string[]; line: number; message: RegExp }> = [
    {
      rule: "a multi-line description whose continuation has `: ` (continuations are never quoted)",
      lines: ["name: a", "description: Use this agent.", "  Example: user asks", "model: sonnet"],
      line: 3,
      message: /Nested mappings are not allowed/,
    },
    {
      rule: "a flow list split over two lines",
      lines: ["name: a", "description: b", "tools: [Read,", "Grep]"],
      line: 5,
      message: /Implicit map keys need to be followed by map values|Unexpected/,
    },
    {
      rule: "a key with a digit, which the retry's key pattern does not match",
      lines: ["name: a", "description: b", "v2: x: y"],
      line: 4,
      message: /Nested mappings/,
    },
    {
      rule: "an alias to no anchor in a value the retry cannot quote",
      lines: ["name: a", "description: b", "v2: *nope"],
      line: 4,
      message: /Unresolved alias: \*nope/,
    },
    {
      rule: "a frontmatter that is a list, not a mapping",
      lines: ["- name", "- description"],
      line: 2,
      message: /is a list, not a mapping/,
    },
  ];

  for (const { rule, lines, line, message } of cases) {
    it(`reports frontmatter-yaml at the strict error's line for ${rule}`, () => {
      const result = parseFrontmatter(file("---", ...lines, "---", "Body."));
      expect(result).toMatchObject({ ok: false, ruleId: "frontmatter-yaml", line, message });
      expect(result.ok || result.message).toMatch(/Claude Code skips this file without a warning/);
    });
  }

  it("drops a CRLF file with an unquoted `: ` (the retry does not see CRLF lines; anthropics/claude-code#80890)", () => {
    const crlf = "---\r\nname: a\r\ndescription: Reviews: code\r\n---\r\nBody.\r\n";
    const result = parseFrontmatter(crlf);
    expect(result).toMatchObject({ ok: false, ruleId: "frontmatter-yaml", line: 3, column: 14 });
    expect(result.ok || result.message).toMatch(/with LF line endings, or the values quoted, the file would load/);
    expect(parseFrontmatter(crlf.replaceAll("\r\n", "\n")).ok).toBe(true);
  });

  it("loads a CRLF file whose values strict YAML accepts", () => {
    const crlf = '---\r\nname: a\r\ndescription: "Reviews: code"\r\n---\r\nBody.\r\n';
    expect(expectOk(parseFrontmatter(crlf)).data).toEqual({ name: "a", description: "Reviews: code" });
  });
});

describe("parseFrontmatter: resource limits (issue 12)", () => {
  const ten = (item: string): string => `[${Array(10).fill(item).join(", ")}]`;
  const nestedMaps = (depth: number): string[] => Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k${i}:`);
  const cases: Array<{ rule: string; lines: string[]; line: number; message: RegExp }> = [
    { rule: "a frontmatter over 64 KiB", lines: ["name: a", `description: "${"é".repeat(33 * 1024)}"`], line: 1, message: /^the frontmatter is 66\.0 KiB; agentreg reads at most 64 KiB/ },
    { rule: "100,000 nested brackets (stopped by the size cap before parsing)", lines: ["name: a", `x: ${"[".repeat(100_000)}`], line: 1, message: /64 KiB/ },
    { rule: "65 nested flow lists", lines: ["name: a", `x: ${"[".repeat(64)}${"]".repeat(64)}`], line: 3, message: /more than 64 levels deep/ },
    { rule: "20,000 nested flow lists, where yaml's own stack guard trips first", lines: ["name: a", `x: ${"[".repeat(20_000)}${"]".repeat(20_000)}`], line: 3, message: /more than 64 levels deep/ },
    { rule: "20,000 nested flow mappings", lines: ["name: a", `x: ${"{a: ".repeat(20_000)}1${"}".repeat(20_000)}`], line: 3, message: /more than 64 levels deep/ },
    { rule: "300 nested block mappings", lines: ["name: a", ...nestedMaps(300)], line: 67, message: /more than 64 levels deep/ },
    { rule: "5,000 compact block lists on one line", lines: ["name: a", "x:", `  ${"- ".repeat(5000)}a`], line: 4, message: /more than 64 levels deep/ },
    { rule: "deep nesting in a file only the quoting retry loads", lines: ["name: a", "description: Reviews: code", `x: ${"[".repeat(70)}${"]".repeat(70)}`], line: 4, message: /more than 64 levels deep/ },
    { rule: "an alias inside its own anchor", lines: ["name: a", "tools: &t [Read, *t]"], line: 2, message: /contains itself through an alias/ },
    { rule: "an alias inside its own anchor, through a mapping", lines: ["name: a", "hooks: &h { Stop: [*h] }"], line: 2, message: /contains itself through an alias/ },
    {
      rule: "aliases that stack two 40-level lists past the depth cap",
      lines: ["name: a", `x: &x ${"[".repeat(40)}1${"]".repeat(40)}`, `y: ${"[".repeat(40)}*x${"]".repeat(40)}`],
      line: 2,
      message: /more than 64 levels deep/,
    },
    {
      rule: "a billion-laughs alias bomb (yaml's maxAliasCount)",
      lines: ["name: a", `x: &x ${ten("lol")}`, `y: &y ${ten("*x")}`, `z: &z ${ten("*y")}`, `w: ${ten("*z")}`],
      line: 2,
      message: /aliases expand too far .*Excessive alias count/,
    },
  ];

  // `line` is the latest line the finding may point at: yaml reports its own stack guard deep inside.
  for (const { rule, lines, line, message } of cases) {
    it(`refuses ${rule} as frontmatter-limit, without a retry`, () => {
      const result = parseFrontmatter(file("---", ...lines, "---", "Body."));
      expect(result).toMatchObject({ ok: false, ruleId: "frontmatter-limit", message });
      if (!result.ok) expect(result.line).toBeLessThanOrEqual(line);
    });
  }

  it("loads what real agents use: 64 levels of nesting, 64 KiB, and a few aliases", () => {
    expect(expectOk(parseFrontmatter(file("---", "name: a", `x: ${"[".repeat(63)}${"]".repeat(63)}`, "---"))).data.name).toBe("a");
    const big = file("---", "name: a", `description: "${"a".repeat(64 * 1024 - 30)}"`, "---");
    expect(expectOk(parseFrontmatter(big)).data.name).toBe("a");
    expect(expectOk(parseFrontmatter(file("---", "name: a", "x: &x [1, 2]", "y: [*x, *x]", "---"))).data.y).toEqual([[1, 2], [1, 2]]);
  });
});

describe("parseFrontmatter: strings, decoded, with where they are written", () => {
  it.each<[string, string[], Array<{ path: string; isKey?: boolean; value: string; line: number; column: number; escaped: boolean }>]>([
    ["a plain value", ["description: Reviews code."], [{ path: "description", value: "Reviews code.", line: 2, column: 14, escaped: false }]],
    ["a double-quoted value with an escape", [String.raw`description: "a\u200Bb"`], [{ path: "description", value: "a\u200Bb", line: 2, column: 14, escaped: true }]],
    ["a double-quoted value without one", ['description: "a b"'], [{ path: "description", value: "a b", line: 2, column: 14, escaped: false }]],
    ["a single-quoted value, where a backslash is a backslash", [String.raw`description: 'a\u200Bb'`], [{ path: "description", value: String.raw`a\u200Bb`, line: 2, column: 14, escaped: false }]],
    [
      "nested lists and mappings",
      ["hooks:", "  Stop:", String.raw`    - { command: "\e" }`],
      [
        { path: "hooks.Stop[0].command", value: "\u001b", line: 4, column: 18, escaped: true },
      ],
    ],
    ["an escaped key", [String.raw`"to\u200Bols": Bash`], [{ path: "to\u200Bols", isKey: true, value: "to\u200Bols", line: 2, column: 1, escaped: true }, { path: "to\u200Bols", isKey: false, value: "Bash", line: 2, column: 16, escaped: false }]],
    ["a line the quoting retry quoted, whose backslashes are the file's own", [String.raw`description: Reviews: C:\\new`], [{ path: "description", value: String.raw`Reviews: C:\\new`, line: 2, column: 14, escaped: false }]],
  ])("%s", (_, lines, expected) => {
    const strings = expectOk(parseFrontmatter(file("---", ...lines, "---"))).strings.filter((string) => !string.isKey || expected.some((e) => e.isKey));
    expect(strings).toEqual(expected.map((e) => ({ isKey: false, ...e })));
  });
});
