/** A frontmatter or TOML value a translated agent file holds. */
export type EmittedValue = string | boolean | readonly string[] | Readonly<Record<string, string>>;

/**
 * A Markdown agent file: YAML frontmatter with `entries` in order, then `body` as it was. Every string
 * is written double-quoted with JSON's escapes (which YAML reads the same way), so no description can
 * end the frontmatter, start a new key or be read as another type; the same input always gives the
 * same bytes.
 *
 * @example
 * markdownFile([["description", "Reviews"], ["tools", ["read"]]], "Body\n"); // '---\ndescription: "Reviews"\ntools:\n  - "read"\n---\nBody\n'
 */
export function markdownFile(entries: ReadonlyArray<readonly [string, EmittedValue | undefined]>, body: string): string {
  const lines = ["---"];
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (typeof value === "string" || typeof value === "boolean") lines.push(`${yamlKey(key)}: ${scalar(value)}`);
    else if (Array.isArray(value)) lines.push(value.length === 0 ? `${yamlKey(key)}: []` : `${yamlKey(key)}:`, ...value.map((item) => `  - ${scalar(item)}`));
    else lines.push(`${yamlKey(key)}:`, ...Object.entries(value).map(([name, item]) => `  ${yamlKey(name)}: ${scalar(item)}`));
  }
  lines.push("---");
  return `${lines.join("\n")}\n${body}`;
}

/**
 * A TOML file of top-level keys; `multiline` keys are written as multi-line basic strings (the
 * system prompt stays readable), every other string as a basic string.
 *
 * @example
 * tomlFile([["name", "reviewer"], ["developer_instructions", "Be brief.\n"]], ["developer_instructions"]);
 */
export function tomlFile(entries: ReadonlyArray<readonly [string, string | undefined]>, multiline: readonly string[] = []): string {
  const lines: string[] = [];
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    lines.push(multiline.includes(key) ? `${key} = """\n${tomlMultiline(value)}"""` : `${key} = ${tomlString(value)}`);
  }
  return `${lines.join("\n")}\n`;
}

function scalar(value: string | boolean): string {
  return typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

/** A TOML basic string: JSON's escapes are TOML's, except DEL, which TOML also wants escaped. */
function tomlString(value: string): string {
  return JSON.stringify(value).replaceAll("\u007f", "\\u007F");
}

/**
 * The inside of a TOML multi-line basic string: backslashes and quotes escaped (so no `"""` can end
 * it), control characters other than tab and line feed as `\uXXXX`.
 */
function tomlMultiline(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\\"\u0000-\u0008\u000b-\u001f\u007f]/g, (char) => (char === "\\" ? "\\\\" : char === '"' ? '\\"' : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`));
}
