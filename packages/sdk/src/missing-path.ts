/**
 * Whether a file-system error says that nothing is at the path: ENOENT, or ENOTDIR (a file where a
 * folder was expected). Only these mean "absent"; EACCES, EIO, ELOOP and the rest are real failures
 * that a caller must not take for absence (issue 15).
 */
export function isMissingPath(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * For `.catch`: `fallback` when nothing is at the path, and any other error rethrown.
 *
 * @example
 * const stats = await stat(path).catch(whenMissing(undefined));
 */
export function whenMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (isMissingPath(error)) return fallback;
    throw error;
  };
}
