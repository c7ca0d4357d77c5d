// Issue 13, "Parse parity": agentreg must read an agent file exactly as the Claude Code people run
// today does (DESIGN §1). A differential test: a hundred-odd frontmatter shapes written for this
// project go into one project's .claude/agents/, the pinned Claude Code loads them all in one headless
// session and lists what it loaded through its `initialize` handshake, and for every file the SDK must
// agree on whether it loads and on the name, description and model. A Claude Code release that reads
// any shape differently fails here; note it in CHANGELOG.md when bumping the pin.
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { interpretAgent, parseFrontmatter, validateAgent } from "@agentreg/sdk";
import { SEED, useTempDirs } from "../helpers/fixtures.js";
import {
  CLAUDE_CODE_LAUNCHER,
  EXPECTED_CLAUDE_CODE_VERSION,
  INSTALL_HINT,
  listClaudeCodeAgents,
  SKIP_CLAUDE_CODE,
  type ClaudeCodeAgent,
  type InitializeResult,
} from "../helpers/claude-code.js";

const makeTempDir = useTempDirs("file");

/** A file of frontmatter lines, then a body. */
const fm = (lines: string[], body = "Body.\n"): string => `---\n${lines.join("\n")}\n---\n${body}`;
const crlf = (text: string): string => text.replaceAll("\n", "\r\n");

/** The registry's seed: a one-line description full of `: ` and `<example>`, as Claude Code's generator writes. */
const SEED_TEXT = readFileSync(SEED.registryFile, "utf8");

/**
 * Each shape gets an id (`pc001`…) that it writes into its `name` or `description`, so every agent
 * Claude Code lists can be traced to its file; agents without an id are Claude Code's built-ins.
 */
const SHAPES: Array<[string, (id: string) => string]> = [
  // Quoting and scalar styles.
  ["plain", (id) => fm([`name: ${id}-plain`, "description: A plain agent"])],
  ["the seed, which strict YAML rejects", (id) => SEED_TEXT.replace("name: senior-backend-engineer", `name: ${id}-seed`)],
  ["description with `: `", (id) => fm([`name: ${id}`, "description: Reviews code: carefully"])],
  ["description with a literal \\n", (id) => fm([`name: ${id}`, String.raw`description: First line\nSecond line`])],
  ["double-quoted escapes", (id) => fm([`name: "${id}-dq"`, String.raw`description: "Tab\there \u00e9 \"quoted\" \U0001F600"`])],
  ["single-quoted", (id) => fm([`name: '${id}-sq'`, "description: 'It''s single: quoted'"])],
  ["block literal", (id) => fm([`name: ${id}`, "description: |", "  Line one", "  Line two: with colon", "model: opus"])],
  ["block folded, strip", (id) => fm([`name: ${id}`, "description: >-", "  Folded one", "  folded two", "", "  para"])],
  ["block literal, keep", (id) => fm([`name: ${id}`, "description: |+", "  kept", "", "model: haiku"])],
  ["block with examples", (id) => fm([`name: ${id}`, "description: |-", "  Use this agent when...", "  <example>", '  user: "Help"', "  </example>"])],
  ["plain scalar over three lines", (id) => fm([`name: ${id}`, "description: This continues", "  on the next line", "  and more"])],
  ["double-quoted over two lines", (id) => fm([`name: ${id}`, 'description: "multi', '  line dq"'])],
  ["comments, and ` #` cutting a value", (id) => fm(["# leading comment", `name: ${id} # trailing`, "description: Has # not a comment", "model: sonnet # comment"])],
  ["`#` without a space before it", (id) => fm([`name: ${id}`, "description: C# expert#1"])],
  ["` #` in a value the retry quotes", (id) => fm([`name: ${id}`, "description: a: b # c"])],
  ["emoji, curly quotes, NBSP and U+2028", (id) => fm([`name: ${id}`, "description: Émojis 🧹 “quotes” — non\u00a0breaking a\u2028b"])],
  ["a tag on a plain scalar", (id) => fm([`name: !custom ${id}`, "description: !!str 123"])],
  ["a core tag on a quoted scalar", (id) => fm([`name: ${id}`, 'description: !!float "1.5"'])],
  ["!!binary and !!timestamp", (id) => fm([`name: ${id}`, "description: !!binary aGVsbG8=", "x: !!timestamp 2001-12-14"])],
  ["an anchor and an alias", (id) => fm([`name: &n ${id}`, "description: *n"])],
  ["a merge key", (id) => fm(["base: &b {model: opus}", `name: ${id}`, "description: Merge", "<<: *b"])],
  ["a merge key with a list", (id) => fm(["a: &a {model: opus}", "b: &b {color: red}", `name: ${id}`, "description: merge list", "<<: [*a, *b]"])],
  ["an alias to no anchor, which only the retry loads", (id) => fm([`name: ${id}`, "description: *nope"])],
  ["a flow mapping followed by `: `", (id) => fm([`name: ${id}`, "description: {a: b}: c"])],
  ["a [TAG] prefix and `: `", (id) => fm([`name: ${id}`, "description: [DEPRECATED] Use the new agent: it is faster"])],
  ["a [tag] prefix", (id) => fm([`name: ${id}`, "description: [beta] An agent"])],
  ["an unclosed flow list", (id) => fm([`name: ${id}`, "description: [unclosed"])],
  ["retry characters: * & | > ! @ ` %", (id) => fm([`name: ${id}`, "description: *bold* R&D a | b", "color: > not folded: x", "x: ! important: yes", "y: @mention `code` 100%"])],
  ["`?` and `- ` starting a value", (id) => fm([`name: ${id}`, "description: ? what", "x: - item"])],
  ["a quoted value followed by text", (id) => fm([`name: ${id}`, "description: 'quoted' trailing"])],
  ["a quoted value with trailing spaces when the retry runs", (id) => fm([`name: ${id}`, 'description: "quoted: value"  ', "tools: a: b"])],
  ["a value the retry quotes, with `\"` and `\\`", (id) => fm([`name: ${id}`, String.raw`description: say "hi": C:\dir`])],
  ["a flow list the retry keeps", (id) => fm([`name: ${id}`, "description: x: y", "tools: [Read, Grep]"])],
  ["a line `: value` with no key", (id) => fm([`name: ${id}`, "description: Orphan", ": orphan"])],
  ["a key with a digit the retry cannot quote", (id) => fm([`name: ${id}`, "description: ok", "x1: a: b"])],
  ["a continuation line with `: `", (id) => fm([`name: ${id}`, "description: a", "    b: c"])],
  ["a capitalised Description", (id) => fm([`name: ${id}`, "Description: Capital key"])],
  ["an explicit key", (id) => fm(["? name", `: ${id}`, "description: Complex key"])],
  ["spaces before the colon, quoted keys", (id) => fm([`name : ${id}`, `"description": space before colon`])],
  ["indented keys", (id) => fm([`  name: ${id}`, "  description: Indented keys"])],
  ["a %YAML directive", (id) => fm(["%YAML 1.2", `name: ${id}`, "description: directive"])],
  ["a `...` document end", (id) => fm([`name: ${id}`, "description: dots", "..."])],
  ["a `...` document end, then more keys", (id) => fm([`name: ${id}`, "description: end marker", "...", "model: opus"])],
  ["the frontmatter is a list", (id) => fm([`- ${id}`, "- list"])],
  ["an empty frontmatter", (id) => `---\n---\nBody ${id}\n`],
  ["no frontmatter", (id) => `name: ${id}\ndescription: none\n`],

  // Tabs.
  ["a tab-indented continuation", (id) => fm([`name: ${id}`, "description: >", "\tTabbed continuation"])],
  ["a tab after the colon", (id) => fm([`name:\t${id}`, "description:\tTab after colon"])],
  ["a tab after the colon, when the retry runs", (id) => fm([`name: ${id}`, "description:\tNeeds: retry"])],
  ["tab-indented keys", (id) => fm([`\tname: ${id}`, "\tdescription: leading tabs"])],
  ["a tab-indented list the retry re-indents", (id) => fm([`name: ${id}`, "description: x: y", "tools:", "\t- Read"])],
  ["a tab inside a flow list and a plain value", (id) => fm([`name: ${id}`, "description: a\tb", "tools: [Read,\tGrep]"])],

  // CRLF and byte order marks.
  ["CRLF", (id) => crlf(fm([`name: ${id}`, "description: CRLF file", "model: opus"]))],
  ["CRLF with `: `, which the retry does not see", (id) => crlf(fm([`name: ${id}`, "description: CRLF: with colon"]))],
  ["CRLF with a block literal", (id) => crlf(fm([`name: ${id}`, "description: |", "  one", "  two"]))],
  ["CR line endings only", (id) => `---\rname: ${id}\rdescription: CR only\r---\rBody\r`],
  ["a byte order mark", (id) => `\uFEFF${fm([`name: ${id}-bom`, "description: Starts with a BOM"])}`],
  ["a byte order mark and CRLF", (id) => `\uFEFF${crlf(fm([`name: ${id}`, "description: BOM and CRLF"]))}`],
  ["two byte order marks", (id) => `\uFEFF\uFEFF${fm([`name: ${id}`, "description: two boms"])}`],
  ["U+FEFF inside a value", (id) => fm([`name: ${id}`, "description: \uFEFFzero width"])],

  // Duplicated keys.
  ["a duplicated name", (id) => fm([`name: ${id}-first`, "description: Duplicated name", `name: ${id}-last`])],
  ["a duplicated description", (id) => fm([`name: ${id}`, "description: First", "description: Last"])],
  ["a duplicated model", (id) => fm([`name: ${id}`, "description: Dup model", "model: opus", "model: haiku"])],
  ["duplicated keys the retry quotes", (id) => fm([`name: ${id}`, "description: First: one", "description: Last: one"])],
  ["duplicated keys, quoted and plain", (id) => fm([`name: ${id}`, "description: plain", '"description": quoted'])],
  ["a duplicated key in a nested mapping", (id) => fm([`name: ${id}`, "description: nested dup", "metadata:", "  a: 1", "  a: 2"])],
  ["a duplicated key with CRLF", (id) => crlf(fm([`name: ${id}`, "description: a", "description: b"]))],
  ["a valid name overridden by a number", (id) => fm([`name: ${id}`, `description: ${id} x`, "name: 5"])],

  // Descriptions that are not text, or empty.
  ["description: 42", (id) => fm([`name: ${id}`, "description: 42"])],
  ["description: 1.5", (id) => fm([`name: ${id}`, "description: 1.5"])],
  ["description: 0x1F", (id) => fm([`name: ${id}`, "description: 0x1F"])],
  ["description: 010", (id) => fm([`name: ${id}`, "description: 010"])],
  ["description: .inf", (id) => fm([`name: ${id}`, "description: .inf"])],
  ["description: true", (id) => fm([`name: ${id}`, "description: true"])],
  ["description: True", (id) => fm([`name: ${id}`, "description: True"])],
  ["description: yes (a string in YAML 1.2)", (id) => fm([`name: ${id}`, "description: yes"])],
  ["description: 2024-01-01 (a string)", (id) => fm([`name: ${id}`, "description: 2024-01-01"])],
  ["description: 12:30 and 1_000 (strings)", (id) => fm([`name: ${id}`, "description: 12:30 1_000"])],
  ["description: null", (id) => fm([`name: ${id}`, "description: null"])],
  ["description: ~", (id) => fm([`name: ${id}`, "description: ~"])],
  ["description: (nothing)", (id) => fm([`name: ${id}`, "description:"])],
  ['description: ""', (id) => fm([`name: ${id}`, 'description: ""'])],
  ['description: " "', (id) => fm([`name: ${id}`, 'description: " "'])],
  ['description: "42"', (id) => fm([`name: ${id}`, 'description: "42"'])],
  ["description: !!int 7", (id) => fm([`name: ${id}`, "description: !!int 7"])],
  ["description: [a, b]", (id) => fm([`name: ${id}`, "description: [a, b]"])],
  ["description as a block list", (id) => fm([`name: ${id}`, "description:", "  - a", "  - b"])],
  ["description: {a: b}", (id) => fm([`name: ${id}`, "description: {a: b}"])],
  ["description as JSON", (id) => fm([`name: ${id}`, 'description: {"a": 1}'])],
  ["no description", (id) => fm([`name: ${id}`])],

  // Names.
  ["a name with `: `, which only the retry loads", (id) => fm([`name: ${id}: odd`, "description: Name with colon space"])],
  ["a quoted name with `: `", (id) => fm([`name: "${id}: odd"`, "description: Quoted name with colon space"])],
  ["a name with `:`", (id) => fm([`name: ${id}:odd`, "description: Name with a colon"])],
  ["a name with a fullwidth colon (NFKC `:`)", (id) => fm([`name: ${id}\uFF1Aodd`, "description: Fullwidth colon"])],
  ["a name with a small colon (NFKC `:`)", (id) => fm([`name: ${id}\uFE55x`, "description: small colon"])],
  ["a name with a ratio sign (not `:` under NFKC)", (id) => fm([`name: ${id}\u2236x`, "description: ratio sign"])],
  ["a dotted name", (id) => fm([`name: ${id}.v1.2`, "description: Dotted name"])],
  ["an uppercase name", (id) => fm([`name: ${id.toUpperCase()}-Upper`, "description: Uppercase name"])],
  ["a name with a leading dash", (id) => fm([`name: -${id}`, "description: Leading dash"])],
  ["a name with spaces, _, #, / and --", (id) => fm([`name: ${id} with spaces_#/--x`, "description: odd characters"])],
  ["a quoted name with spaces around it", (id) => fm([`name: " ${id} "`, "description: Spaces around"])],
  ["a name of 256 characters", (id) => fm([`name: ${id}-${"a".repeat(256 - id.length - 1)}`, "description: 256 chars"])],
  ["a name of 257 characters", (id) => fm([`name: ${id}-${"b".repeat(257 - id.length - 1)}`, "description: 257 chars"])],
  ["a number as name", (id) => fm(["name: 45", `description: ${id} numeric name`])],
  ["true as name", (id) => fm(["name: true", `description: ${id} bool name`])],
  ["~ as name", (id) => fm(["name: ~", `description: ${id} null name`])],
  ['name: ""', (id) => fm(['name: ""', `description: ${id} empty name`])],
  ["a list as name", (id) => fm([`name: [${id}]`, "description: List name"])],
  ["a name over two lines", (id) => fm([`name: ${id}`, "  continued", "description: name continues"])],
  ["no space after `name:`", (id) => fm([`name:${id}`, "description: no space after name colon"])],

  // The `---` lines.
  ["a closing `---` with trailing spaces", (id) => `---\nname: ${id}\ndescription: Closing has spaces\n---   \nBody.\n`],
  ["an opening `---` with trailing spaces", (id) => `---  \nname: ${id}\ndescription: Opening has spaces\n---\nBody.\n`],
  ["a closing `---` with a tab", (id) => `---\nname: ${id}\ndescription: Closing has a tab\n---\t\nBody.\n`],
  ["an opening `---` with a tab", (id) => `---\t\nname: ${id}\ndescription: opening tab\n---\nBody\n`],
  ["a closing `---` with spaces, CRLF and a BOM", (id) => `\uFEFF---\r\nname: ${id}\r\ndescription: All of it\r\n---  \r\nBody\r\n`],
  ["a closing `---` at the end of the file", (id) => `---\nname: ${id}\ndescription: No newline after closing\n---`],
  ["blank lines after the opening `---`", (id) => `---\n\n\nname: ${id}\ndescription: Blank after opening\n---\nBody\n`],
  ["`---` inside a value", (id) => fm([`name: ${id}`, "description: Use --- carefully"])],
  ["`---` in a comment", (id) => fm([`name: ${id}`, "# --- not a delimiter", "description: After comment"])],
  ["`---` inside a block scalar", (id) => fm([`name: ${id}`, "description: |", "  before", "  ---", "  after"])],
  ["a closing `----`", (id) => `---\nname: ${id}\ndescription: Four dashes\n----\nBody.\n`],
  ["a frontmatter never closed", (id) => `---\nname: ${id}\ndescription: never closed\n`],
  ["a second `---` block in the body", (id) => `${fm([`name: ${id}`, "description: First block"])}---\nname: other\n---\n`],

  // model.
  ["model: inherit", (id) => fm([`name: ${id}`, "description: Inherit", "model: inherit"])],
  ["model: Inherit", (id) => fm([`name: ${id}`, "description: Inherit upper", "model: Inherit"])],
  ['model: "  INHERIT "', (id) => fm([`name: ${id}`, "description: padded inherit", 'model: "  INHERIT "'])],
  ['model: " sonnet "', (id) => fm([`name: ${id}`, "description: Model spaces", 'model: " sonnet "'])],
  ["model with a tab and a newline", (id) => fm([`name: ${id}`, "description: m", String.raw`model: "\tsonnet\n"`])],
  ['model: ""', (id) => fm([`name: ${id}`, "description: Model empty", 'model: ""'])],
  ["model: 4", (id) => fm([`name: ${id}`, "description: Model number", "model: 4"])],
  ["model: [opus]", (id) => fm([`name: ${id}`, "description: model list", "model: [opus]"])],
  ["a full model id", (id) => fm([`name: ${id}`, "description: Full id", "model: claude-opus-4-1-20250805"])],

  // tools, and fields that do not decide loading.
  ["tools as a string", (id) => fm([`name: ${id}`, "description: Tools string", "tools: Read, Grep, Bash"])],
  ["tools as a list", (id) => fm([`name: ${id}`, "description: Tools list", "tools: [Read, Grep]"])],
  ['tools: "*"', (id) => fm([`name: ${id}`, "description: Tools star", 'tools: "*"'])],
  ["tools: * (an alias to strict YAML, quoted by the retry)", (id) => fm([`name: ${id}`, "description: Tools bare star", "tools: *"])],
  ["tools as a block list", (id) => fm([`name: ${id}`, "description: Tools block", "tools:", "  - Read", "  - Bash(git *)"])],
  ["hooks, mcpServers and an unknown colour", (id) => fm([`name: ${id}`, "description: Hooks", "color: Cyan", "mcpServers:", "  - github", "hooks:", "  Stop:", "    - hooks:", "        - type: command", "          command: echo hi"])],
];

const CASES = SHAPES.map(([label, make], index) => {
  const id = `pc${String(index + 1).padStart(3, "0")}`;
  return { id, label, file: `${id}.md`, text: make(id) };
});

/** The agent agentreg reads from a file, in the shape Claude Code lists it, or nothing. */
function sdkAgents(text: string): ClaudeCodeAgent[] {
  const parsed = parseFrontmatter(text);
  if (!parsed.ok) return [];
  const interpreted = interpretAgent(parsed.data);
  return interpreted.ok ? [asListed(interpreted.agent)] : [];
}

/** `validate` reads the bytes itself (decoding, byte order mark): it must see the same agent. */
function validatedAgents(bytes: Uint8Array): ClaudeCodeAgent[] {
  const { agent } = validateAgent({ bytes });
  return agent === undefined ? [] : [asListed(agent)];
}

function asListed({ name, description, model }: ClaudeCodeAgent): ClaudeCodeAgent {
  return { name, description, ...(model === undefined ? {} : { model }) };
}

describe.skipIf(SKIP_CLAUDE_CODE)("Claude Code and agentreg load the same agents from every frontmatter shape (needs @anthropic-ai/claude-code)", () => {
  let loaded: InitializeResult | undefined;
  const byFile = new Map<string, ClaudeCodeAgent[]>();

  beforeAll(async () => {
    if (CLAUDE_CODE_LAUNCHER === undefined) return;
    const [project, home] = [await makeTempDir("parity-project"), await makeTempDir("parity-home")];
    await mkdir(join(project, ".claude/agents"), { recursive: true });
    await Promise.all(CASES.map(({ file, text }) => writeFile(join(project, ".claude/agents", file), text)));
    loaded = await listClaudeCodeAgents({ cwd: project, home });
    for (const agent of loaded.agents) {
      // Every shape writes its id into its name or description; built-in agents carry none.
      const id = /pc\d{3}/i.exec(`${agent.name} ${agent.description}`)?.[0].toLowerCase();
      if (id !== undefined) byFile.set(`${id}.md`, [...(byFile.get(`${id}.md`) ?? []), asListed(agent)]);
    }
  });

  it(`runs the pinned Claude Code (${INSTALL_HINT})`, () => {
    expect(CLAUDE_CODE_LAUNCHER, INSTALL_HINT).toBeDefined();
    expect(loaded?.claudeCodeVersion).toBe(EXPECTED_CLAUDE_CODE_VERSION ?? loaded?.claudeCodeVersion);
  });

  it.each(CASES)("$id $label", ({ file, text }) => {
    expect(loaded, "Claude Code did not run").toBeDefined();
    const claudeCode = byFile.get(file) ?? [];
    expect({ parse: sdkAgents(text), validate: validatedAgents(new TextEncoder().encode(text)) }).toEqual({ parse: claudeCode, validate: claudeCode });
  });
});
