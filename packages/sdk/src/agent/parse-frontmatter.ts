import type { Document } from "yaml";
import { isMap, isScalar } from "yaml";
import { checkFrontmatterSize } from "./frontmatter-limits.js";
import { quoteRiskyValues, type FrontmatterRepair } from "./frontmatter-retry.js";
import { splitFrontmatter } from "./frontmatter-split.js";
import { collectFrontmatterStrings, type FrontmatterString } from "./frontmatter-strings.js";
import { parseYamlMapping, type YamlMappingResult } from "./frontmatter-yaml.js";
import { createPositionFinder } from "./text-position.js";
import { checkArgument } from "../check-arguments.js";

export type { FrontmatterRepair } from "./frontmatter-retry.js";

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
  /** Keys written again in the same mapping, by key and file line: the last one wins, silently. */
  duplicateKeys: Array<{ key: string; line: number }>;
  /**
   * Where the closing `---` is when it is not a line of its own (`description: a --- b`, `# ---`):
   * Claude Code ends the frontmatter at the first `---` anywhere, so the rest became body.
   */
  closedMidLine?: { line: number; column: number };
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
  checkArgument("parseFrontmatter", "text", text, "string");
  const split = splitFrontmatter(text);
  if (!split.ok) return { ok: false, ruleId: "frontmatter-missing", message: split.message, line: 1 };
  const { source, firstLine } = split;
  const block = { body: split.body, bodyStartLine: split.bodyStartLine, firstLine, ...(split.closedMidLine === undefined ? {} : { closedMidLine: split.closedMidLine }) };
  // Resource limits come before any parsing, and a file over them gets no retry (issue 12).
  const tooLarge = checkFrontmatterSize(source);
  if (tooLarge !== undefined) return limitFailure(tooLarge, firstLine - 1);

  const strict = parseYamlMapping(source);
  if (strict.ok) return success(strict, { ...block, repaired: false, repairs: [], source });
  // No retry after a limit: a document deep enough to trip yaml's stack guard is refused even if
  // quoting it as one string (which Claude Code's retry might do) would load it; no agent is that deep.
  if (strict.limit) return limitFailure(strict.message, position(source, strict.offset, firstLine).line);
  const strictError = toFileError(source, strict, firstLine);
  // Claude Code retries only when its parser throws; valid YAML that is not a mapping has no keys.
  if (strict.notMapping) {
    const message = `${strict.message}, so it has no \`name\`: Claude Code skips this file without a warning`;
    return { ok: false, ruleId: "frontmatter-yaml", message, line: strictError.line, column: strictError.column };
  }

  const repair = quoteRiskyValues(source, firstLine);
  const retried = parseYamlMapping(repair.text);
  if (!retried.ok && retried.limit) return limitFailure(retried.message, position(repair.text, retried.offset, firstLine).line);
  if (retried.ok) return success(retried, { ...block, repaired: true, repairs: repair.repairs, strictError, source: repair.text });
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

interface SuccessContext {
  repaired: boolean;
  repairs: FrontmatterRepair[];
  strictError?: FrontmatterYamlError;
  body: string;
  bodyStartLine: number;
  firstLine: number;
  closedMidLine?: { line: number; column: number };
  /** The text that was parsed, which has the same lines as the file's frontmatter. */
  source: string;
}

function success(parsed: Extract<YamlMappingResult, { ok: true }>, context: SuccessContext): ParseFrontmatterSuccess {
  // One finder for all keys: a position per key from the start would be quadratic in hostile input.
  const positionOf = createPositionFinder(context.source);
  const lineOf = (offset: number): number => context.firstLine + positionOf(offset).line - 1;
  const keyLines: Record<string, number> = Object.fromEntries(topLevelKeys(parsed.doc).map(({ key, offset }) => [key, lineOf(offset)]));
  // The finder reads forward, so the duplicates, which come from every level, are sorted first.
  const duplicateKeys = [...parsed.duplicateKeys].sort((a, b) => a.offset - b.offset).map(({ key, offset }) => ({ key, line: lineOf(offset) }));
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
    duplicateKeys,
    ...(context.closedMidLine === undefined ? {} : { closedMidLine: context.closedMidLine }),
  };
}

/** The top-level keys in file order, a repeated one last where it was last written (as in `data`). */
function topLevelKeys(doc: Document): Array<{ key: string; offset: number }> {
  if (!isMap(doc.contents)) return [];
  return doc.contents.items.map((pair) => ({
    key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
    offset: isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0,
  }));
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
  if (!parseYamlMapping(quoteRiskyValues(lf, firstLine).text).ok) return "";
  return " (its quoting retry does not apply to CRLF lines; with LF line endings, or the values quoted, the file would load)";
}
