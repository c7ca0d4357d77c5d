import { InvalidArgumentError } from "commander";

/**
 * The one parser of numeric options (`--limit`, `--port`, `--fetch-timeout`, `--expires-in`, …): a
 * whole number written in digits only (no `1e3`, `0x10`, `+5` or `10ms`), between `min` and `max`.
 * A bad value is commander's usage error, which `run-cli` reports as `E_USAGE` naming the option.
 *
 * @example
 * .option("--limit <n>", "show at most n results", wholeNumber({ min: 1 }), 20)
 */
export function wholeNumber(range: { min?: number; max?: number } = {}): (value: string) => number {
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const expected = max === Number.MAX_SAFE_INTEGER ? (min === 0 ? "a whole number" : `a whole number of at least ${min}`) : `a whole number from ${min} to ${max}`;
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) throw new InvalidArgumentError(`expected ${expected}`);
    return number;
  };
}
