import semver from "../semver.js";
import { AgentregError } from "../errors.js";
import { checkArgument, checkOptions } from "../check-arguments.js";

/** What a user asked for: `name`, `name@^1.0.0`, `@ns/name@latest`, … */
export interface AgentSpec {
  /** The namespace without `@`, for `@ns/name`. */
  scope?: string;
  name: string;
  /** A semver range or a dist-tag such as `latest`; absent means "latest". */
  range?: string;
  /** The spec exactly as given. */
  raw: string;
}

export const MAX_AGENT_NAME_LENGTH = 64;

/**
 * Lowercase letters, digits, `-` and `.`, with `-` and `.` neither first nor last (issue 13): what
 * Claude Code and npm both accept, so collections' names such as `powershell-5.1-expert` publish as
 * they are. A name is a file name (`<name>.md`), so `..` and a trailing `.md` are refused apart.
 */
const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

/**
 * Names Windows refuses as file names, with or without an extension (`nul.md` is still the NUL
 * device). COM0 and LPT0 are included because current Windows documentation reserves them too.
 */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** A dist-tag is a word, not a range: `latest`, `next`, `beta`. */
const DIST_TAG = /^[A-Za-z][A-Za-z0-9._-]*$/;

const NAME_HINT = "Use lowercase letters, digits, `-` and `.` (not first or last), e.g. `code-reviewer` or `powershell-5.1-expert`.";

/**
 * Checks an agent name (or a scope) against agentreg's naming rules. Every installed agent becomes
 * `<name>.md`, so the rules keep names portable file names on every OS.
 *
 * @returns `undefined` when the name is valid, otherwise a sentence saying what is wrong.
 * @example
 * checkAgentName("code-reviewer"); // undefined
 * checkAgentName("Code-Reviewer"); // "\"Code-Reviewer\" must be lowercase"
 */
export function checkAgentName(name: string): string | undefined {
  checkArgument("checkAgentName", "name", name, "string");
  if (name === "") return "the name is empty";
  if (name.length > MAX_AGENT_NAME_LENGTH) {
    return `"${name.slice(0, 20)}…" is ${name.length} characters long; the limit is ${MAX_AGENT_NAME_LENGTH}`;
  }
  const base = name.split(".")[0] ?? "";
  if (WINDOWS_RESERVED.test(base)) {
    const what = base === name ? `"${name}" is a reserved device name` : `"${name}" begins with "${base}", a reserved device name`;
    return `${what} on Windows, so \`${name}.md\` cannot be written there`;
  }
  if (/[A-Z]/.test(name) && NAME_PATTERN.test(name.toLowerCase())) return `"${name}" must be lowercase`;
  if (/[^a-z0-9.-]/.test(name)) return `"${name}" may contain only lowercase letters, digits, "-" and "."`;
  if (/^[.-]/.test(name)) return `"${name}" must not start with "-" or "."`;
  if (/[.-]$/.test(name)) return `"${name}" must not end with "-" or "."`;
  if (name.includes("..")) return `"${name}" must not contain ".."`;
  // It installs as `<name>.md`: `reviewer.md` would become `reviewer.md.md`, a name made to confuse.
  if (name.endsWith(".md")) return `"${name}" must not end in ".md": it installs as \`${name}.md\``;
  return undefined;
}

/**
 * Why Claude Code refuses a subagent's `name` and skips the file, or `undefined` when it accepts it
 * (2.1.328: a name must not start with `-`, and must not contain `:`, even as a full-width `：`,
 * since `plugin:agent` is how plugins namespace their agents). Far looser than
 * {@link checkAgentName}: Claude Code loads `Code Reviewer`, a registry does not publish it.
 *
 * @example
 * checkClaudeCodeName("python-development:fastapi-pro"); // "\"python-development:fastapi-pro\" contains \":\", …"
 * checkClaudeCodeName("Code Reviewer");                  // undefined
 */
export function checkClaudeCodeName(name: string): string | undefined {
  checkArgument("checkClaudeCodeName", "name", name, "string");
  if (name.startsWith("-")) return `"${name}" starts with "-"`;
  if (name.normalize("NFKC").includes(":")) return `"${name}" contains ":", which Claude Code reserves for plugin namespaces (plugin:agent)`;
  return undefined;
}

/**
 * Throws unless `name` is a valid agent name.
 *
 * @throws {AgentregError} `E_INVALID_NAME`, with the name as subject and a hint.
 * @example
 * assertAgentName("code-reviewer"); // ok
 * assertAgentName("con");           // throws E_INVALID_NAME
 */
export function assertAgentName(name: string): void {
  const problem = checkAgentName(name);
  if (problem !== undefined) {
    throw new AgentregError("E_INVALID_NAME", `invalid agent name: ${problem}`, { subject: name, hint: NAME_HINT });
  }
}

/**
 * Parses what a user typed after `agentreg add`: `name`, `name@1.0.0`, `name@^1.0.0`,
 * `name@latest`, `@ns/name`, `@ns/name@~2.1.0`.
 *
 * @throws {AgentregError} `E_USAGE` for a malformed spec or range, `E_INVALID_NAME` for a bad
 * name or scope.
 * @example
 * parseAgentSpec("@acme/reviewer@~2.1.0"); // { scope: "acme", name: "reviewer", range: "~2.1.0", raw: "@acme/reviewer@~2.1.0" }
 */
export function parseAgentSpec(spec: string): AgentSpec {
  checkArgument("parseAgentSpec", "spec", spec, "string");
  if (spec.trim() === "") throw usage(spec, "an agent spec is empty");

  let rest = spec;
  let scope: string | undefined;
  if (spec.startsWith("@")) {
    const slash = spec.indexOf("/");
    if (slash === -1) throw usage(spec, `"${spec}" has a scope but no name; write @scope/name`);
    scope = spec.slice(1, slash);
    rest = spec.slice(slash + 1);
    const scopeProblem = checkAgentName(scope);
    if (scopeProblem !== undefined) {
      throw new AgentregError("E_INVALID_NAME", `invalid scope in "${spec}": ${scopeProblem}`, { subject: spec, hint: NAME_HINT });
    }
  }

  const at = rest.indexOf("@");
  const name = at === -1 ? rest : rest.slice(0, at);
  const range = at === -1 ? undefined : rest.slice(at + 1);

  const nameProblem = checkAgentName(name);
  if (nameProblem !== undefined) {
    throw new AgentregError("E_INVALID_NAME", `invalid agent name in "${spec}": ${nameProblem}`, { subject: spec, hint: NAME_HINT });
  }
  if (range !== undefined) checkRange(spec, range);

  return { ...(scope === undefined ? {} : { scope }), name, ...(range === undefined ? {} : { range }), raw: spec };
}

/**
 * Formats an agent's full name: `@ns/name` for a scoped agent, otherwise `name`.
 *
 * @example
 * formatAgentSpec({ scope: "acme", name: "reviewer" }); // "@acme/reviewer"
 * formatAgentSpec({ name: "reviewer" });                // "reviewer"
 */
export function formatAgentSpec(spec: { scope?: string | undefined; name: string }): string {
  checkOptions("formatAgentSpec", spec, { scope: "string?", name: "string" }, "spec");
  return spec.scope === undefined ? spec.name : `@${spec.scope}/${spec.name}`;
}

function checkRange(spec: string, range: string): void {
  if (range === "") throw usage(spec, `"${spec}" ends with "@" but names no version`);
  if (semver.validRange(range) !== null || DIST_TAG.test(range)) return;
  throw usage(spec, `"${range}" in "${spec}" is neither a semver range nor a dist-tag`);
}

function usage(spec: string, message: string): AgentregError {
  return new AgentregError("E_USAGE", message, {
    subject: spec,
    hint: "Write name, name@<range> or @scope/name@<range>, e.g. `code-reviewer@^1.2.0` or `@acme/reviewer@latest`.",
  });
}

/**
 * The agent name of a key in `agentreg.json` or `agentreg.lock` (`name` or `@scope/name`, no range);
 * `undefined` when the key is not one.
 *
 * @example
 * agentKeyName("@acme/reviewer"); // "reviewer"
 * agentKeyName("../x");           // undefined
 */
export function agentKeyName(key: string): string | undefined {
  const match = /^(?:@([^/@]+)\/)?([^/@]+)$/.exec(key);
  if (!match) return undefined;
  const [, scope, name] = match as unknown as [string, string | undefined, string];
  if (scope !== undefined && checkAgentName(scope) !== undefined) return undefined;
  return checkAgentName(name) === undefined ? name : undefined;
}
