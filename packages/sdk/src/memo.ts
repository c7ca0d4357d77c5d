/**
 * A function that builds its value on the first call and returns that same value after: for what
 * is costly to build and not needed by every command (the zod schemas of the files a command may
 * never read).
 *
 * @example
 * const schemas = memo(() => ({ config: z.object({}) }));
 * schemas() === schemas(); // true
 */
export function memo<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
