/**
 * Maps `items` through `task` with at most `limit` tasks running at once, and returns the results in
 * the order of `items` (not of completion), so what is built from them stays deterministic. The
 * first failure is thrown once every started task has settled.
 *
 * @example
 * const built = await mapLimit(names, 16, (name) => buildAgent(source, name));
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
