import { isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";

/** One top-level line that Claude Code's quoting retry rewrote as `key: "value"`. */
export interface FrontmatterRepair {
  /** The top-level key whose value was quoted. */
  key: string;
  /** 1-based line in the whole file. */
  line: number;
}

/** Where strict YAML stopped, as a 1-based position in the whole file. */
export interface FrontmatterYamlError {
  message: string;
  line: number;
  column: number;
}

export interface ParseFrontmatterSuccess {
  ok: true;
  /** The frontmatter mapping, exactly as Claude Code would see it. */
  data: Record<string, unknown>;
  /** True when strict YAML failed and only the quoting retry made the frontmatter load. */
  repaired: boolean;
  /** The lines the retry quoted (empty unless `repaired`; a tabs-only repair quotes none). */
  repairs: FrontmatterRepair[];
  /** The strict-YAML error that triggered the retry, when `repaired`. */
  strictError?: FrontmatterYamlError;
  /** Everything after the closing `---` line: the agent's system prompt. */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyStartLine: number;
  /** 1-based file line of each top-level key, for pointing issues at the right place. */
  keyLines: Record<string, number>;
}

export interface ParseFrontmatterFailure {
  ok: false;
  ruleId: "frontmatter-missing" | "frontmatter-yaml";
  message: string;
  line?: number;
  column?: number;
}

export type ParseFrontmatterResult = ParseFrontmatterSuccess | ParseFrontmatterFailure;

/** A top-level `key: value` line as Claude Code's retry matches it: no indentation, >= 1 space. */
const KEY_VALUE_LINE = /^([A-Za-z_-]+):( +)(.*)$/;
/** Values containing any of these are quoted by the retry (DESIGN §1 step 2). */
const NEEDS_QUOTES = /: |[{}[\]*&#!|>%@`]/;

type MappingParse =
  | { ok: true; doc: Document; data: Record<string, unknown> }
  | { ok: false; message: string; offset: number };

/**
 * Splits an agent file into frontmatter and body and parses the frontmatter the way Claude Code
 * does: strict YAML first, then one retry on a copy with risky values quoted (DESIGN §1).
 * The repair exists only in memory; the caller's bytes are never changed.
 *
 * @example
 * const result = parseFrontmatter("---\nname: reviewer\ndescription: Reviews code: carefully\n---\nYou review code.\n");
 * if (result.ok) console.log(result.data.description, result.repaired); // "Reviews code: carefully" true
 */
export function parseFrontmatter(text: string): ParseFrontmatterResult {
  const split = splitFrontmatter(text);
  if (!split.ok) return split;
  const { source, firstLine, body, bodyStartLine } = split;

  const strict = parseMapping(source);
  if (strict.ok) {
    return success(strict, { repaired: false, repairs: [], body, bodyStartLine, firstLine, source });
  }

  const strictError = toFileError(source, strict, firstLine);
  const repair = repairFrontmatter(source, firstLine);
  const retried = parseMapping(repair.text);
  if (retried.ok) {
    return success(retried, {
      repaired: true,
      repairs: repair.repairs,
      strictError,
      body,
      bodyStartLine,
      firstLine,
      source: repair.text,
    });
  }

  return {
    ok: false,
    ruleId: "frontmatter-yaml",
    message:
      `frontmatter is not valid YAML, even after Claude Code's quoting retry: ${strictError.message}. ` +
      `Claude Code skips this file without a warning${crlfAdvice(source, firstLine)}`,
    line: strictError.line,
    column: strictError.column,
  };
}

type SplitResult =
  | { ok: true; source: string; firstLine: number; body: string; bodyStartLine: number }
  | ParseFrontmatterFailure;

/**
 * Finds the text between a first line `---` and the next line `---`. A trailing `\r` is part of
 * the line ending, so CRLF files split like LF files; other trailing whitespace is not allowed,
 * because nothing shows that Claude Code accepts `--- ` as a delimiter.
 */
function splitFrontmatter(text: string): SplitResult {
  const lines = text.split("\n");
  if (!isDelimiter(lines[0])) {
    const bom = text.startsWith("\uFEFF---") ? " (the file starts with a byte order mark, which hides it)" : "";
    return {
      ok: false,
      ruleId: "frontmatter-missing",
      message: `no frontmatter: the file must start with a line \`---\`${bom}; Claude Code skips it`,
      line: 1,
    };
  }
  const closing = lines.findIndex((line, index) => index > 0 && isDelimiter(line));
  if (closing === -1) {
    return {
      ok: false,
      ruleId: "frontmatter-missing",
      message: "the frontmatter opened on line 1 is never closed by a line `---`; Claude Code skips the file",
      line: 1,
    };
  }
  const source = lines.slice(1, closing).map((line) => `${line}\n`).join("");
  return { ok: true, source, firstLine: 2, body: lines.slice(closing + 1).join("\n"), bodyStartLine: closing + 2 };
}

function isDelimiter(line: string | undefined): boolean {
  return line === "---" || line === "---\r";
}

/**
 * Parses YAML strictly and insists on a mapping. An empty frontmatter counts as an empty mapping,
 * so the caller reports the missing `name` rather than a confusing YAML error.
 */
function parseMapping(source: string): MappingParse {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) return { ok: false, message: error.message, offset: error.pos[0] };
  if (doc.contents === null) return { ok: true, doc, data: {} };
  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? "a list" : "a single value";
    return { ok: false, message: `the frontmatter is ${kind}, not a mapping of keys to values`, offset: doc.contents.range?.[0] ?? 0 };
  }
  try {
    // toJS throws on alias bombs (yaml's maxAliasCount), which must not escape as a crash.
    return { ok: true, doc, data: doc.toJS() as Record<string, unknown> };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), offset: 0 };
  }
}

interface SuccessContext {
  repaired: boolean;
  repairs: FrontmatterRepair[];
  strictError?: FrontmatterYamlError;
  body: string;
  bodyStartLine: number;
  firstLine: number;
  /** The text that was parsed, which has the same lines as the file's frontmatter. */
  source: string;
}

function success(parsed: Extract<MappingParse, { ok: true }>, context: SuccessContext): ParseFrontmatterSuccess {
  // Object.fromEntries defines own properties, so a `__proto__` key cannot reach the prototype.
  const keyLines: Record<string, number> = Object.fromEntries(
    isMap(parsed.doc.contents)
      ? parsed.doc.contents.items.map((pair) => {
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
          return [key, position(context.source, offset, context.firstLine).line];
        })
      : [],
  );
  return {
    ok: true,
    data: parsed.data,
    repaired: context.repaired,
    repairs: context.repairs,
    ...(context.strictError === undefined ? {} : { strictError: context.strictError }),
    body: context.body,
    bodyStartLine: context.bodyStartLine,
    keyLines,
  };
}

/**
 * Claude Code's retry. Lines are split on `\n` only, so a CRLF line keeps its `\r`, which `.`
 * does not match: the retry leaves CRLF lines alone. That reproduces anthropics/claude-code#80890
 * (a CRLF file with an unquoted `: ` in a value is dropped), so we must not "fix" it here.
 */
function repairFrontmatter(source: string, firstLine: number): { text: string; repairs: FrontmatterRepair[] } {
  const repairs: FrontmatterRepair[] = [];
  const lines = source.split("\n").map((raw, index) => {
    const line = raw.replace(/^\t+/, (tabs) => "  ".repeat(tabs.length));
    const match = KEY_VALUE_LINE.exec(line);
    if (!match) return line;
    const key = match[1] ?? "";
    const value = (match[3] ?? "").trim();
    if (value === "" || isQuoted(value) || isFlowList(value) || !NEEDS_QUOTES.test(value)) return line;
    repairs.push({ key, line: firstLine + index });
    return `${key}: "${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  });
  return { text: lines.join("\n"), repairs };
}

function isQuoted(value: string): boolean {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]);
}

function isFlowList(value: string): boolean {
  if (!value.startsWith("[") || !value.endsWith("]")) return false;
  const doc = parseDocument(value, { prettyErrors: false });
  return doc.errors.length === 0 && isSeq(doc.contents) && doc.contents.flow === true;
}

function toFileError(source: string, error: { message: string; offset: number }, firstLine: number): FrontmatterYamlError {
  return { message: error.message, ...position(source, error.offset, firstLine) };
}

/** Turns an offset in the frontmatter into a 1-based line and column of the whole file. */
function position(source: string, offset: number, firstLine: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: firstLine + before.split("\n").length - 1, column: offset - lineStart + 1 };
}

/** When only the CRLF line endings stand between the file and Claude Code, say so. */
function crlfAdvice(source: string, firstLine: number): string {
  if (!source.includes("\r\n")) return "";
  const lf = source.replaceAll("\r\n", "\n");
  if (!parseMapping(repairFrontmatter(lf, firstLine).text).ok) return "";
  return " (its quoting retry does not apply to CRLF lines; with LF line endings, or the values quoted, the file would load)";
}
