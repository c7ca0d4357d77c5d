import { TextDecoder } from "node:util";
import { findBlankCharacters } from "./lint-blank-characters.js";
import { findControlCharacters } from "./lint-control-characters.js";
import { makeFinding, type LintFinding, type LintRuleId } from "./lint-finding.js";
import { lintFrontmatter } from "./lint-frontmatter.js";
import { findHiddenUnicode } from "./lint-hidden-unicode.js";
import { findMojibake, type MojibakeRun } from "./lint-mojibake.js";
import { decodeUtf8 } from "./lint-utf8.js";
import { parseFrontmatter, type ParseFrontmatterResult } from "./parse-frontmatter.js";
import { parseFrontmatterOfBytes } from "./frontmatter-of-bytes.js";
import { quoteExcerpt } from "./text-describe.js";
import { checkArgument, checkOptions } from "../check-arguments.js";

export interface FindBlockingTextOptions {
  /** `--allow-hidden-unicode`: let hidden Unicode and bidi controls through; the rest still blocks. */
  allowHiddenUnicode?: boolean;
}

/**
 * The findings that stop `add` and `install` by default (issue 6): text a reviewer cannot see, text
 * that displays in another order than it is read, terminal controls, bytes that are not UTF-8, and
 * (issue 12) tool and agent names that only look like what they say.
 */
const BLOCKING: ReadonlySet<LintRuleId> = new Set(["hidden-unicode", "bidi-control", "control-character", "invalid-utf8", "non-ascii-identifier"]);
/**
 * What `--allow-hidden-unicode` lets through: characters that hide, which a user who has read the
 * file with `validate` may trust. A non-ASCII tool or agent name is not hidden, and no trust makes
 * it work: Claude Code's tool names are ASCII, so `Bаsh` never matches Bash. The file must change.
 */
const HIDDEN: ReadonlySet<LintRuleId> = new Set(["hidden-unicode", "bidi-control"]);
/** How many findings of one rule are listed; the rest are counted. */
const MAX_FINDINGS_PER_RULE = 100;

/**
 * Lints an agent file's bytes: invalid UTF-8, then, on the decoded text, hidden Unicode, bidi
 * controls, control characters, blank-looking characters, a byte order mark and mojibake, then what
 * the frontmatter decodes to (see `lintFrontmatter`). Sorted by line, column, rule id.
 *
 * @example
 * lintAgentText(new TextEncoder().encode("Review the code.\u{E0049}\u{E0067}\n"));
 * // [{ ruleId: "hidden-unicode", severity: "error", line: 1, column: 17, codePoint: "U+E0049", message: … }]
 */
export function lintAgentText(bytes: Uint8Array): LintFinding[] {
  checkArgument("lintAgentText", "bytes", bytes, "bytes");
  return readAgentText(bytes).findings;
}

export interface ReadAgentTextResult {
  /** The decoded text, byte order mark included, U+FFFD where the bytes are not UTF-8. */
  text: string;
  /** What {@link lintAgentText} reports for these bytes. */
  findings: LintFinding[];
  /**
   * The frontmatter as Claude Code loads it, parsed once for the lint and for the caller: a byte
   * order mark before the first `---` is ignored (DESIGN §1, step 5). A `frontmatter-limit` failure
   * (too large, too deep, an alias bomb) means the file must not be installed.
   */
  frontmatter: ParseFrontmatterResult;
}

/**
 * Decodes an agent file, parses its frontmatter and lints both in one pass, for callers that go on
 * to use the parse.
 *
 * @example
 * const { text, findings, frontmatter } = readAgentText(await readFile("reviewer.md"));
 */
export function readAgentText(bytes: Uint8Array): ReadAgentTextResult {
  const { text, findings } = decodeStrictly(bytes) ?? decodeUtf8(bytes);
  return lintText(text, findings, parseFrontmatterOfBytes(bytes, text));
}

/**
 * {@link readAgentText} for callers that only have a string: everything but the UTF-8 check.
 *
 * @example
 * const { findings, frontmatter } = readDecodedText("---\nname: a\ndescription: b\n---\n");
 */
export function readDecodedText(text: string): ReadAgentTextResult {
  return lintText(text, [], parseFrontmatter(text));
}

// parseFrontmatter reads past one byte order mark, as Claude Code does; the mark is the `bom` lint.
function lintText(text: string, utf8Findings: LintFinding[], frontmatter: ParseFrontmatterResult): ReadAgentTextResult {
  // The decoded values come last, so when a rule's findings are capped the listed ones are those
  // in the bytes, in file order.
  const decoded = frontmatter.ok ? lintFrontmatter(frontmatter.strings) : [];
  return { text, frontmatter, findings: capFindings([...utf8Findings, ...scanText(text), ...decoded]) };
}

let strictDecoder: TextDecoder | undefined;

/**
 * Valid UTF-8 (nearly every file) decoded natively; `decodeUtf8` walks the bytes itself only to
 * locate what is invalid. Both follow the WHATWG decoder, byte order mark kept, so the text is the same.
 */
function decodeStrictly(bytes: Uint8Array): { text: string; findings: LintFinding[] } | undefined {
  strictDecoder ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return { text: strictDecoder.decode(bytes), findings: [] };
  } catch (error) {
    // A fatal decoder reports invalid bytes with a TypeError (WHATWG Encoding, "decode").
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/**
 * The text half of {@link lintAgentText}, for callers that only have a string: everything but the
 * UTF-8 check, which needs the bytes.
 *
 * @example
 * lintDecodedText("**ðŸ§¹ REPOSITORY**")[0].repaired; // "🧹"
 */
export function lintDecodedText(text: string): LintFinding[] {
  return readDecodedText(text).findings;
}

function scanText(text: string): LintFinding[] {
  const runs = findMojibake(text);
  // A soft hyphen or C1 control inside a damaged run is one byte of a damaged letter (`Ã\u00AD` is
  // `í`, `ðŸ‘\u008D` is 👍): the run is reported once, as mojibake, and its repair contains neither.
  // Masking the runs (with as many characters, so positions stay) keeps them out of the other scans.
  const masked = runs.length === 0 ? text : maskRuns(text, runs);
  return [...findHiddenUnicode(masked), ...findControlCharacters(masked), ...findBlankCharacters(masked), ...runs.map(mojibakeFinding)];
}

/**
 * Keeps the first findings of each rule and counts the rest in one more finding, where the first
 * unlisted one is: a hostile file can hold a million findings, and nobody reads past the first
 * screen. The count keeps the verdict (the summary has the rule's severity, so it still blocks).
 */
function capFindings(findings: LintFinding[]): LintFinding[] {
  // Each rule comes from one scan of the text, in text order (then from the decoded frontmatter
  // values), so the first of a rule here are its first in the file; only what is kept needs sorting.
  const listed = new Map<LintRuleId, number>();
  const unlisted = new Map<LintRuleId, { first: LintFinding; count: number }>();
  const kept: LintFinding[] = [];
  for (const finding of findings) {
    const count = (listed.get(finding.ruleId) ?? 0) + 1;
    listed.set(finding.ruleId, count);
    if (count <= MAX_FINDINGS_PER_RULE) kept.push(finding);
    else {
      const rest = unlisted.get(finding.ruleId);
      if (rest === undefined) unlisted.set(finding.ruleId, { first: finding, count: 1 });
      else rest.count++;
    }
  }
  for (const [ruleId, { first, count }] of unlisted) {
    const message = `${count} more ${ruleId} finding${count === 1 ? "" : "s"} from here on are not listed`;
    kept.push(makeFinding(ruleId, message, { line: first.line, ...(first.column === undefined ? {} : { column: first.column }) }));
  }
  return kept.sort(compareFindings);
}

/**
 * The findings that must block installing these bytes, unless the user allows hidden Unicode, which
 * unblocks hidden characters and bidi controls but never control characters or invalid UTF-8.
 *
 * @example
 * const blocking = findBlockingText(bytes);
 * if (blocking.length > 0) throw new Error(blocking.map((finding) => `${finding.line}: ${finding.message}`).join("\n"));
 */
export function findBlockingText(bytes: Uint8Array, options: FindBlockingTextOptions = {}): LintFinding[] {
  checkArgument("findBlockingText", "bytes", bytes, "bytes");
  checkOptions("findBlockingText", options, { allowHiddenUnicode: "boolean?" });
  return lintAgentText(bytes).filter((finding) => isBlockingFinding(finding, options));
}

/**
 * Whether a finding of {@link lintAgentText} blocks an install, for callers that lint once and
 * both block and warn.
 *
 * @example
 * const findings = lintAgentText(bytes);
 * const blocking = findings.filter((f) => isBlockingFinding(f, { allowHiddenUnicode: false }));
 */
export function isBlockingFinding(finding: LintFinding, options: FindBlockingTextOptions = {}): boolean {
  return BLOCKING.has(finding.ruleId) && !(options.allowHiddenUnicode && HIDDEN.has(finding.ruleId));
}

function maskRuns(text: string, runs: MojibakeRun[]): string {
  let masked = "";
  let from = 0;
  for (const run of runs) {
    masked += text.slice(from, run.index) + "_".repeat(run.end - run.index);
    from = run.end;
  }
  return masked + text.slice(from);
}

function mojibakeFinding(run: MojibakeRun): LintFinding {
  const message = `"${quoteExcerpt(run.from)}" should read "${quoteExcerpt(run.to)}" (UTF-8 once decoded as cp1252); \`validate --fix-encoding\` repairs it`;
  return makeFinding("mojibake", message, { line: run.line, column: run.column, repaired: run.to });
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  return a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
