import { KNOWN_FRONTMATTER_FIELDS } from "./frontmatter-fields.js";
import type { FrontmatterString } from "./frontmatter-strings.js";
import { findBlankCharacters } from "./lint-blank-characters.js";
import { findControlCharacters } from "./lint-control-characters.js";
import { makeFinding, type LintFinding } from "./lint-finding.js";
import { findHiddenUnicode } from "./lint-hidden-unicode.js";
import { asciiSkeleton } from "./text-confusables.js";
import { describeCodePoint, escapeInvisible, formatCodePoint, quoteExcerpt } from "./text-describe.js";

const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** `tools`, `tools[3]`, `disallowedTools`, `name`: the values Claude Code compares with names. */
const IDENTIFIER_PATH = /^(name|tools|disallowedTools)(\[\d+\])?$/;

/**
 * Lints what the frontmatter decodes to, which the byte scans cannot see (issue 12):
 *
 * - a string written with YAML escapes (`"\u200B"`, `"\U000E0041"`, `"\e"`, `"\u202E"`) holds
 *   characters that are nowhere in the file's bytes, so its decoded value gets the hidden-Unicode,
 *   control-character and blank-character scans, reported at the string under its field's path;
 * - `name`, `tools` and `disallowedTools` must be ASCII: `Bаsh` with a Cyrillic `а` reads as Bash
 *   but matches no tool, so a denial denies nothing; a top-level key that only looks like a known
 *   field (`tооls`) is ignored by Claude Code, and an agent without `tools` gets every tool.
 *
 * @example
 * const parsed = parseFrontmatter('---\nname: a\ndescription: "x\\u200B"\ndisallowedTools: Bаsh\n---\n');
 * if (parsed.ok) lintFrontmatter(parsed.strings);
 * // [{ ruleId: "hidden-unicode", line: 3, message: "description: hidden character U+200B ZERO WIDTH SPACE: …" },
 * //  { ruleId: "non-ascii-identifier", line: 4, message: "disallowedTools: 'Bаsh' contains U+0430 CYRILLIC SMALL LETTER A; it will not match the tool Bash" }]
 */
export function lintFrontmatter(strings: FrontmatterString[]): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const string of strings) {
    if (string.escaped) findings.push(...escapedFindings(string));
    if (NON_ASCII.test(string.value)) findings.push(...identifierFindings(string));
  }
  return findings;
}

function escapedFindings(string: FrontmatterString): LintFinding[] {
  const { value, line, column } = string;
  const decoded = [...findHiddenUnicode(value), ...findControlCharacters(value), ...findBlankCharacters(value)];
  return decoded.map((finding) => {
    // A ZERO WIDTH NO-BREAK SPACE that starts a value is not a byte order mark, just hidden.
    const ruleId = finding.ruleId === "bom" ? "hidden-unicode" : finding.ruleId;
    const what = finding.ruleId === "bom" ? `hidden character ${describeCodePoint(0xfeff)}: invisible to a reviewer, but the model reads it` : finding.message;
    const message = `${escapeInvisible(string.path)}: ${what} (written as a YAML escape, so the file's bytes do not show it)`;
    return makeFinding(ruleId, message, { line, column, ...(finding.codePoint === undefined ? {} : { codePoint: finding.codePoint }) });
  });
}

function identifierFindings(string: FrontmatterString): LintFinding[] {
  if (string.isKey) return lookalikeKeyFindings(string);
  const field = IDENTIFIER_PATH.exec(string.path)?.[1];
  if (field === undefined) return [];
  // Claude Code splits a `tools` string at commas and trims each entry; a list item is one entry.
  const entries = field !== "name" && !string.path.endsWith("]") ? string.value.split(",") : [string.value];
  return entries
    .map((entry) => entry.trim())
    .filter((entry) => NON_ASCII.test(entry))
    .map((entry) => {
      const skeleton = asciiSkeleton(entry);
      const looksLike = ASCII_ONLY.test(skeleton) && skeleton !== entry;
      const consequence =
        field === "name"
          ? looksLike
            ? `it looks like the name ${skeleton} but is not it`
            : "agent names are ASCII (lowercase a-z, 0-9 and -)"
          : looksLike
            ? `it will not match the tool ${skeleton}`
            : "it matches no tool, since tool names are ASCII";
      return identifierFinding(`${field}: '${quoteExcerpt(entry)}'`, entry, consequence, string);
    });
}

/** A top-level key that passes for a known field but is not it, so Claude Code ignores it. */
function lookalikeKeyFindings(string: FrontmatterString): LintFinding[] {
  if (string.path !== string.value) return [];
  const field = (KNOWN_FRONTMATTER_FIELDS as readonly string[]).find((known) => known === asciiSkeleton(string.value));
  if (field === undefined) return [];
  const everyTool = field === "tools" ? ", and an agent without `tools` gets every tool" : "";
  return [identifierFinding(`'${quoteExcerpt(string.value)}'`, string.value, `it is not the field ${field}, so Claude Code ignores it${everyTool}`, string)];
}

function identifierFinding(subject: string, text: string, consequence: string, string: FrontmatterString): LintFinding {
  const codePoints = [...new Set([...text].filter((char) => NON_ASCII.test(char)).map((char) => char.codePointAt(0) ?? 0))];
  const listed = codePoints.slice(0, 3).map(describeCodePoint).join(", ") + (codePoints.length > 3 ? ", …" : "");
  return makeFinding("non-ascii-identifier", `${subject} contains ${listed}; ${consequence}`, {
    line: string.line,
    column: string.column,
    codePoint: formatCodePoint(codePoints[0] ?? 0),
  });
}
