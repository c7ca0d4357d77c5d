/**
 * Whether unexpected errors are shown with their stack (STYLE 6): `--verbose` anywhere on the command
 * line, or `agentreg` in the comma-separated `DEBUG`. With either, bin.ts also turns on the bundle's
 * source maps, so the frames name `packages/…/src/*.ts` files and lines.
 *
 * @example
 * stackTracesWanted(["add", "x", "--verbose"]); // true
 */
export function stackTracesWanted(argv: string[]): boolean {
  return argv.includes("--verbose") || /(^|,)agentreg(,|$)/.test(process.env.DEBUG ?? "");
}
