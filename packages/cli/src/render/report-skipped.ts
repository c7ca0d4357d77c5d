import type { BackupCopy, SkippedAgent } from "@agentreg/sdk";
import type { CommandContext } from "../context.js";
import { escapeValue } from "./escape-terminal.js";

/**
 * After a command has printed what it did: where `--force` saved the files it replaced, and, when
 * it left edited or unmanaged files alone, the error that makes the exit code non-zero.
 * Type-only SDK imports: the error comes from the SDK the command already loaded.
 */
export function reportSkipped(
  context: CommandContext,
  result: { skipped: SkippedAgent[]; backups: BackupCopy[] },
  skippedError: (skipped: SkippedAgent[]) => Error,
): void {
  for (const copy of result.backups) context.note(`backup: ${escapeValue(copy.path)} saved as ${escapeValue(copy.backup)}`);
  if (result.skipped.length > 0) throw skippedError(result.skipped);
}
