/**
 * The one error type of agentreg. Every failure the SDK reports is an `AgentregError` with a stable
 * `code`, the `subject` it concerns (`name@version`, a path, a URL) and a `hint` that says what to do
 * next. The CLI renders it; programs can switch on `code`.
 */
export const ErrorCode = {
  /** Bad command-line usage or arguments. */
  USAGE: "E_USAGE",
  /** No agent, version or file of that name. */
  NOT_FOUND: "E_NOT_FOUND",
  /** No published version satisfies the requested range. */
  NO_MATCH: "E_NO_MATCH",
  /** Bytes do not match the expected sha512, or no integrity was given. */
  INTEGRITY: "E_INTEGRITY",
  /** An agent file that Claude Code would not load, or that breaks agentreg's rules. */
  INVALID_AGENT: "E_INVALID_AGENT",
  /** An agent name that breaks the naming rules. */
  INVALID_NAME: "E_INVALID_NAME",
  /** A signed registry's signature is missing, invalid, by an unknown key, rolled back or expired. */
  SIGNATURE: "E_SIGNATURE",
  /** An agent file with hidden Unicode, control characters or invalid UTF-8. */
  UNSAFE_TEXT: "E_UNSAFE_TEXT",
  /** A tarball with entries agentreg refuses to unpack. */
  UNSAFE_ARCHIVE: "E_UNSAFE_ARCHIVE",
  /** An installed file the user edited; overwriting it would lose the edit. */
  LOCAL_EDIT: "E_LOCAL_EDIT",
  /** A new version grants more than the installed one (tools, permission mode, MCP servers, hooks, model). */
  PERMISSION_WIDENING: "E_PERMISSION_WIDENING",
  /** A file in the agents folder that agentreg did not install. */
  UNMANAGED_FILE: "E_UNMANAGED_FILE",
  /** `agentreg.json` is malformed or names something that does not exist. */
  CONFIG: "E_CONFIG",
  /** `agentreg.lock` is malformed, or disagrees with `agentreg.json` under `--frozen`. */
  LOCKFILE: "E_LOCKFILE",
  /** A registry answered with something that is not the registry protocol. */
  REGISTRY: "E_REGISTRY",
  /** A version that already exists cannot be published again. */
  VERSION_EXISTS: "E_VERSION_EXISTS",
  /** A network request failed (after retries where retrying makes sense). */
  NETWORK: "E_NETWORK",
  /** The registry refused the credentials (HTTP 401/403). */
  AUTH: "E_AUTH",
  /** `--offline` and what is needed is not in the cache. */
  OFFLINE: "E_OFFLINE",
  /** Another process holds the project lock. */
  LOCKED: "E_LOCKED",
  /** A destination that is a symlink or otherwise unsafe to write through. */
  UNSAFE_PATH: "E_UNSAFE_PATH",
  /** Something to create already exists (a project, a registry source). */
  EXISTS: "E_EXISTS",
  /** A file system operation failed. */
  FS: "E_FS",
  /** An unexpected failure: a bug in agentreg. Rerun with --verbose and report the output. */
  INTERNAL: "E_INTERNAL",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AgentregErrorOptions {
  /** What the error is about: `name@version`, a path or a URL. */
  subject?: string | undefined;
  /** What the user can do next, as one sentence. */
  hint?: string | undefined;
  /** Extra machine-readable facts (e.g. the versions that exist). */
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
}

/**
 * An expected failure with a stable code. Anything else thrown inside agentreg is a bug.
 *
 * @example
 * throw new AgentregError("E_NOT_FOUND", "no agent named foo", { subject: "foo", hint: "Run `agentreg search foo`." });
 */
export class AgentregError extends Error {
  override readonly name = "AgentregError";
  readonly code: ErrorCode;
  readonly subject: string | undefined;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AgentregErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.subject = options.subject;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** The JSON shape the CLI prints with `--json`. */
  toJSON(): { code: ErrorCode; message: string; subject?: string; hint?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.subject === undefined ? {} : { subject: this.subject }),
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/**
 * Tells an `AgentregError` from any other thrown value, across bundle copies of the class.
 *
 * @example
 * if (isAgentregError(err) && err.code === "E_NOT_FOUND") { ... }
 */
export function isAgentregError(value: unknown): value is AgentregError {
  return value instanceof AgentregError || (value instanceof Error && value.name === "AgentregError" && "code" in value);
}
