import { escapeJson, escapeTerminal, escapeValue } from "./escape-terminal.js";

interface ErrorLike {
  code: string;
  message: string;
  subject?: string | undefined;
  hint?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

/**
 * Prints an error on stderr as `agentreg: E_CODE message` and a hint, or as a JSON object with `--json`,
 * escaped for the terminal either way: messages quote names, ranges, URLs and paths that a registry,
 * a lockfile or a config supplied.
 * Anything that is not an `AgentregError` is a bug: it gets a generic message, and a stack only with
 * `--verbose` or `DEBUG=agentreg`.
 */
export function renderError(error: unknown, options: { json: boolean; verbose?: boolean }): ErrorLike {
  const shaped = toErrorLike(error);
  if (options.json) {
    process.stderr.write(`${escapeJson(JSON.stringify({ error: shaped }, null, 2))}\n`);
  } else {
    let text = `agentreg: ${escapeValue(shaped.code)} ${escapeTerminal(shaped.message)}\n`;
    if (shaped.hint) text += `  hint: ${escapeTerminal(shaped.hint)}\n`;
    process.stderr.write(text);
  }
  if (options.verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return shaped;
}

function toErrorLike(error: unknown): ErrorLike {
  if (error instanceof Error && error.name === "AgentregError" && "code" in error) {
    const { code, message, subject, hint, details } = error as Error & ErrorLike;
    return { code, message, ...(subject ? { subject } : {}), ...(hint ? { hint } : {}), ...(details ? { details } : {}) };
  }
  if (typeof error === "object" && error !== null && "code" in error && "message" in error && !(error instanceof Error)) {
    return error as ErrorLike;
  }
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string") {
    // A system error from the file system (EACCES, ENOSPC, EROFS …) is the environment, not a bug.
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    return {
      code: "E_FS",
      message: `${syscall} ${path ?? ""} failed: ${code ?? error.message}`.replace(/ {2}/, " "),
      ...(path ? { subject: path } : {}),
      hint: SYSTEM_ERROR_HINTS[code ?? ""] ?? "Check the path and its permissions, then run the command again.",
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: "E_INTERNAL",
    message: `unexpected failure: ${message}`,
    hint: "This is a bug in agentreg. Rerun with --verbose and report the output.",
  };
}

/** What to do about the system errors a user can fix; the rest get the general hint. */
const SYSTEM_ERROR_HINTS: Record<string, string> = {
  EACCES: "Check the permissions of the path (and of the folders above it), then run the command again.",
  EPERM: "Check the permissions of the path (and of the folders above it), then run the command again.",
  ENOSPC: "The disk is full: free some space, then run the command again.",
  EROFS: "The file system is read-only: run the command where it can write.",
  ELOOP: "The path goes through a symlink loop (a link that points back at itself): fix or remove the link.",
  ENOENT: "Check that the path exists, then run the command again.",
  ENOTDIR: "A part of the path that should be a folder is a file: check the path.",
  EISDIR: "The path is a folder where a file was expected: check the path.",
};
