// Every SDK example a programmer meets is a real file in examples/ (issue 14: the README's example
// printed `planned undefined@undefined` and did not type-check). Each file is type-checked against the
// SDK's published .d.ts and run with node against the built SDK in a fresh folder, as a user who
// installed @agentreg/sdk runs it; every JavaScript block in README.md, packages/*/README.md and docs/
// must be one of these files, byte for byte, so the documents cannot drift from what is tested.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdir, symlink } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runProcess, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

const EXAMPLES_DIR = join(REPO_ROOT, "examples");
const EXAMPLE_FILES = readdirSync(EXAMPLES_DIR)
  .filter((file) => /\.[cm]?js$/.test(file))
  .sort();

/** What each example must print, in order; every example is listed, so a new one needs its checks. */
const EXPECTED_OUTPUT: Record<string, RegExp[]> = {
  "build-registry.mjs": [/^published reviewer@1\.0\.0$/m, /^built 1 agent\(s\), 1 version\(s\) into \/.+\/public:$/m, /^ {2}agents\/reviewer\.json$/m, /^ {2}index\.json$/m, /^ {2}tarballs\/reviewer\/reviewer-1\.0\.0\.tgz$/m],
  "commonjs.cjs": [/^senior-backend-engineer@1\.0\.0 \(loaded from CommonJS\)$/m],
  "fetch-agent.mjs": [/^senior-backend-engineer@1\.0\.0 from builtin$/m, /^tarball sha512-\S{13}…, file \d+ bytes$/m, /^file hash matches: true$/m],
  "get-agent-info.mjs": [/^code-reviewer \d+\.\d+\.\d+ from builtin, license MIT$/m, /^tools: Read, Grep, Glob$/m, /^model: \w+$/m, /^ {2}1\.0\.0 {2}sha512-\S{17}…$/m],
  "handle-errors.mjs": [
    /^E_NOT_FOUND \(not found\): no agent named senior-backend-enginer in the builtin registry$/m,
    /^ {2}hint: Did you mean `senior-backend-engineer`\?/m,
    /^E_USAGE: resolveVersion: options must be an object \{ packument, range, displayName\? \}; got an array$/m,
  ],
  "install-agent.mjs": [
    /^senior-backend-engineer@1\.0\.0: Use this agent when you need expert-level backend development assistance, .+\.$/m,
    /^tools: all$/m,
    /^resolved senior-backend-engineer@1\.0\.0 in builtin$/m,
    /^wrote 1 file\(s\)$/m,
    /^installed \.claude\/agents\/senior-backend-engineer\.md \(sha512-\S{13}…\)$/m,
  ],
  "install-agents.mjs": [/^first: added code-reviewer@\d+\.\d+\.\d+; lockfile changed: true$/m, /^frozen: unchanged code-reviewer@\d+\.\d+\.\d+; lockfile changed: false$/m, /^agentreg\.lock pins sha512 hashes$/m],
  "resolve-version.mjs": [/^\^1\.0\.0 -> 1\.0\.0 \(\d+ bytes, sha512-\S{13}…\)$/m, /^latest -> 1\.0\.0 /m, /^1\.0\.0 -> 1\.0\.0 /m],
  "search-agents.mjs": [/^3 result\(s\) in builtin$/m, /^code-reviewer@\d+\.\d+\.\d+: Use this agent /m],
  "serve-registry.mjs": [/^serving http:\/\/127\.0\.0\.1:<port>$/m, /^added reviewer@1\.0\.0 -> app\/\.claude\/agents\/reviewer\.md$/m],
  "validate-agent.mjs": [/^ok: true, loaded as: reviewer, repaired: true$/m, /^ {2}info frontmatter-repaired \(line 3\): /m, /^ok: false$/m, /^ {2}error description-missing: /m],
  "verify-project.mjs": [/^after add: ok=true$/m, /^after an edit: ok=false$/m, /^ {2}code-reviewer: edited \(\.claude\/agents\/code-reviewer\.md\)$/m],
};

/** The documents whose code a programmer copies. docs/api is generated from the TSDoc (scripts/api-docs.mjs). */
function documents(): string[] {
  const found = [join(REPO_ROOT, "README.md")];
  for (const pkg of readdirSync(join(REPO_ROOT, "packages")).sort()) {
    const readme = join(REPO_ROOT, "packages", pkg, "README.md");
    if (existsSync(readme)) found.push(readme);
  }
  const docs = join(REPO_ROOT, "docs");
  for (const entry of readdirSync(docs, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith(".md") && !relative(docs, path).startsWith("api")) found.push(path);
  }
  return found.sort();
}

interface CodeBlock {
  document: string;
  line: number;
  code: string;
}

const SCRIPT_LANGUAGES = new Set(["js", "mjs", "cjs", "javascript", "ts", "mts", "typescript"]);

/** The JavaScript and TypeScript fenced blocks of a Markdown document. */
function scriptBlocks(document: string): CodeBlock[] {
  const text = readFileSync(document, "utf8");
  const blocks: CodeBlock[] = [];
  for (const match of text.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)) {
    if (!SCRIPT_LANGUAGES.has((match[1] ?? "").toLowerCase())) continue;
    blocks.push({ document: relative(REPO_ROOT, document), line: text.slice(0, match.index).split("\n").length, code: match[2] ?? "" });
  }
  return blocks;
}

const BLOCKS = documents().flatMap(scriptBlocks);

describe("the SDK's examples", () => {
  it("are all listed with the output they must print", () => {
    expect(EXAMPLE_FILES).toEqual(Object.keys(EXPECTED_OUTPUT).sort());
  });

  it("appear in the documents: the README's SDK section and the SDK's npm page show them", () => {
    const shown = new Set(BLOCKS.map((block) => /^\/\/ examples\/(\S+?):?\s/.exec(block.code)?.[1]));
    expect(shown).toContain("install-agent.mjs");
    expect(BLOCKS.filter((block) => block.document === "packages/sdk/README.md").length).toBeGreaterThanOrEqual(10);
  });

  it.each(BLOCKS.map((block) => [`${block.document}:${block.line}`, block] as const))("%s is a file of examples/, byte for byte", (_where, block) => {
    const file = /^\/\/ examples\/([\w.-]+\.[cm]?js)\b/.exec(block.code)?.[1];
    expect(file, "a JavaScript block starts with `// examples/<file>`, the example it shows").toBeDefined();
    expect(block.code).toBe(readFileSync(join(EXAMPLES_DIR, file as string), "utf8"));
  });

  it("type-check against the SDK's published declarations", async () => {
    const tsc = join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    const result = await runProcess(process.execPath, [tsc, "-p", "examples"], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it.each(EXAMPLE_FILES)("%s runs against the built SDK in a fresh folder and prints real values", async (file) => {
    const dir = await makeTempDir("example");
    // What `npm install @agentreg/sdk` leaves: the package (its dist and dependencies) under node_modules.
    await mkdir(join(dir, "node_modules/@agentreg"), { recursive: true });
    await symlink(join(REPO_ROOT, "packages/sdk"), join(dir, "node_modules/@agentreg/sdk"), "dir");
    await copyFile(join(EXAMPLES_DIR, file), join(dir, file));

    const result = await runProcess(process.execPath, [file], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/undefined|null|NaN|\[object /);
    let rest = result.stdout;
    for (const pattern of EXPECTED_OUTPUT[file] ?? []) {
      const match = pattern.exec(rest);
      expect(match, `${file} printed ${JSON.stringify(result.stdout)}; expected ${pattern} (in this order)`).not.toBeNull();
      rest = rest.slice((match?.index ?? 0) + (match?.[0].length ?? 0));
    }
  });
});
