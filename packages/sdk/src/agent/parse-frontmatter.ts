import { isMap, isPair, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { checkFrontmatterSize, checkParsedValue, isNestedTooDeep, MAX_ALIAS_COUNT, TOO_DEEP } from "./frontmatter-limits.js";
import { collectFrontmatterStrings, type FrontmatterString } from "./frontmatter-strings.js";
import { createPositionFinder } from "./text-position.js";

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
  /** Every string key and value, decoded, with its path and position (see `lintFrontmatter`). */
  strings: FrontmatterString[];
}

export interface ParseFrontmatterFailure {
  ok: false;
  /** `frontmatter-limit`: too large, too deeply nested or an alias bomb; nothing was parsed. */
  ruleId: "frontmatter-missing" | "frontmatter-yaml" | "frontmatter-limit";
  message: string;
  line?: number;
  column?: number;
}

export type ParseFrontmatterResult = ParseFrontmatterSuccess | ParseFrontmatterFailure;

/** A top-level `key: value` line as Claude Code's retry matches it: no indentation, >= 1 space. */
const KEY_VALUE_LINE = /^([A-Za-z_-]+):( +)(.*)$/;
/** Values containing any of these are quoted by the retry (DESIGN §1 step 2). */
const NEEDS_QUOTES = /: |[{}[\]*&#!|>%@`]/;

/** A failed parse; `limit` marks a resource limit, which no retry is worth trying on. */
type MappingParse =
  | { ok: true; doc: Document; data: Record<string, unknown> }
  | { ok: false; message: string; offset: number; limit?: true };

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
  // Resource limits come before any parsing, and a file over them gets no retry (issue 12).
  const tooLarge = checkFrontmatterSize(source);
  if (tooLarge !== undefined) return limitFailure(tooLarge, firstLine - 1);

  const strict = parseMapping(source);
  if (strict.ok) {
    return success(strict, { repaired: false, repairs: [], body, bodyStartLine, firstLine, source });
  }
  // No retry after a limit: a document deep enough to trip yaml's stack guard is refused even if
  // quoting it as one string (which Claude Code's retry might do) would load it; no agent is that deep.
  if (strict.limit) return limitFailure(strict.message, position(source, strict.offset, firstLine).line);

  const strictError = toFileError(source, strict, firstLine);
  const repair = repairFrontmatter(source, firstLine);
  const retried = parseMapping(repair.text);
  if (!retried.ok && retried.limit) return limitFailure(retried.message, position(repair.text, retried.offset, firstLine).line);
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

function limitFailure(message: string, line: number): ParseFrontmatterFailure {
  return { ok: false, ruleId: "frontmatter-limit", message, line };
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
  // Duplicate keys are found below in linear time: yaml's own `uniqueKeys` compares each key with
  // every earlier one, which takes seconds on 64 KiB of hostile keys.
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: false });
  // `yaml` catches its own stack overflow on deep nesting and reports it with this code.
  const exhausted = doc.errors.find((error) => error.code === "RESOURCE_EXHAUSTION");
  if (exhausted) return { ok: false, message: TOO_DEEP, offset: exhausted.pos[0], limit: true };
  const [error] = doc.errors;
  const duplicate = findDuplicateKey(doc.contents);
  if (duplicate !== undefined && (error === undefined || duplicate < error.pos[0])) return { ok: false, message: "Map keys must be unique", offset: duplicate };
  if (error) return { ok: false, message: error.message, offset: error.pos[0] };
  if (doc.contents === null) return { ok: true, doc, data: {} };
  if (!isMap(doc.contents)) {
    const kind = isSeq(doc.contents) ? "a list" : "a single value";
    return { ok: false, message: `the frontmatter is ${kind}, not a mapping of keys to values`, offset: doc.contents.range?.[0] ?? 0 };
  }
  // Checked before toJS, which recurses; checked again after it, since aliases nest values further.
  if (isNestedTooDeep(doc.contents)) return { ok: false, message: TOO_DEEP, offset: doc.contents.range?.[0] ?? 0, limit: true };
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    // An error-free document whose toJS throws is an alias bomb: unresolved aliases are parse errors.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the frontmatter's aliases expand too far (${reason}), as in a "billion laughs" alias bomb`, offset: 0, limit: true };
  }
  const tooComplex = checkParsedValue(data);
  if (tooComplex !== undefined) return { ok: false, message: tooComplex, offset: 0, limit: true };
  return { ok: true, doc, data };
}

/**
 * The offset of the first key that repeats an earlier key of its mapping, as yaml's `uniqueKeys`
 * judges it (equal scalar values), or undefined. Iterative: the document may be deep.
 */
function findDuplicateKey(root: unknown): number | undefined {
  let first: number | undefined;
  const stack: unknown[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isPair(node)) stack.push(node.key, node.value);
    // One by one: spreading tens of thousands of items into push() can overflow the stack.
    else if (isSeq(node)) for (const item of node.items) stack.push(item);
    else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        stack.push(pair);
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) first = Math.min(first ?? Infinity, pair.key.range?.[0] ?? 0);
        seen.add(pair.key.value);
      }
    }
  }
  return first;
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
  // One finder for all keys: a position per key from the start would be quadratic in hostile input.
  const positionOf = createPositionFinder(context.source);
  // Object.fromEntries defines own properties, so a `__proto__` key cannot reach the prototype.
  const keyLines: Record<string, number> = Object.fromEntries(
    isMap(parsed.doc.contents)
      ? parsed.doc.contents.items.map((pair) => {
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
          return [key, context.firstLine + positionOf(offset).line - 1];
        })
      : [],
  );
  const repairedLines = new Set(context.repairs.map((repair) => repair.line));
  const strings = collectFrontmatterStrings({ root: parsed.doc.contents, source: context.source, firstLine: context.firstLine, repairedLines });
  return {
    ok: true,
    data: parsed.data,
    repaired: context.repaired,
    repairs: context.repairs,
    ...(context.strictError === undefined ? {} : { strictError: context.strictError }),
    body: context.body,
    bodyStartLine: context.bodyStartLine,
    keyLines,
    strings,
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
