import { writeFileAtomic } from "../atomic-write.js";
import { readAgentFile } from "./require-valid-agent.js";
import { fixEncoding, type FixEncodingResult } from "./text-fix-encoding.js";
import { checkOptions } from "../check-arguments.js";

/**
 * Repairs double-encoded text (UTF-8 read as cp1252) in one file, in place and atomically, changing
 * only the damaged runs. Only ever on request (`validate --fix-encoding`): install never changes bytes.
 *
 * @example
 * const { repairs } = await fixFileEncoding({ path: "agent.md" });
 */
export async function fixFileEncoding(options: { path: string; dryRun?: boolean }): Promise<{ path: string; repairs: FixEncodingResult["repairs"] }> {
  checkOptions("fixFileEncoding", options, { path: "path", dryRun: "boolean?" });
  const bytes = await readAgentFile(options.path);
  const fixed = fixEncoding(bytes);
  if (fixed.repairs.length > 0 && !options.dryRun) await writeFileAtomic(options.path, fixed.bytes);
  return { path: options.path, repairs: fixed.repairs };
}
