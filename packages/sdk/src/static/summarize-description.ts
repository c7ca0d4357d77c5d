/**
 * The short description shown by `search` and `info`: the text before the first `<example>` block,
 * without a trailing "Examples:" lead-in, on one line. Claude Code descriptions carry their examples
 * inline, which are for the model, not for a result list.
 *
 * @example
 * summarizeDescription("Reviews code. Examples: <example>…</example>"); // "Reviews code."
 */
export function summarizeDescription(description: string): string {
  const beforeExamples = description.split(/<example>/i)[0] ?? "";
  return beforeExamples
    .replace(/\s+/g, " ")
    .replace(/\s*(for )?examples?:?\s*$/i, "")
    .trim();
}
