import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { AgentregError, ErrorCode } from "../../errors.js";
import type { FileConflict } from "./plan-file-changes.js";
import { checkArgument, checkOptions, oneOf } from "../../check-arguments.js";

/** An agent a command left alone because its file was edited or not installed by agentreg. */
export interface SkippedAgent {
  key: string;
  path: string;
  reason: "edited" | "unmanaged";
}

/** A file `--force` replaced or deleted, and where its previous bytes were saved. */
export interface BackupCopy {
  path: string;
  backup: string;
}

/**
 * Saves the bytes of every file `--force` is about to replace or delete, under
 * `<backupDir>/<timestamp>/<project-relative path>`, so a forced command loses nothing either.
 *
 * @example
 * const backups = await backUpConflicts(conflicts, "/home/me/.cache/agentreg/backups");
 */
export async function backUpConflicts(conflicts: FileConflict[], backupDir: string, now = new Date()): Promise<BackupCopy[]> {
  // The pid keeps two forced commands in the same millisecond (sharing a cache) apart.
  const folder = join(backupDir, `${now.toISOString().replace(/[:.]/g, "-")}-${process.pid}`);
  const copies: BackupCopy[] = [];
  for (const conflict of conflicts) {
    const backup = join(folder, ...conflict.path.split("/"));
    await mkdir(dirname(backup), { recursive: true });
    await writeFile(backup, conflict.bytes, { flag: "wx" });
    copies.push({ path: conflict.path, backup });
  }
  return copies;
}

/**
 * The error a command reports after it did everything else: which files it left alone and why.
 * Programs get the same facts as `skipped` in the command's result.
 *
 * @example
 * if (result.skipped.length > 0) throw skippedError(result.skipped);
 */
export function skippedError(skipped: SkippedAgent[], options: { action?: "replace" | "delete" } = {}): AgentregError {
  checkArgument("skippedError", "skipped", skipped, "array");
  checkOptions("skippedError", options, { action: oneOf(["replace", "delete"], { optional: true }) });
  const action = options.action ?? "replace";
  const edited = skipped.filter((s) => s.reason === "edited");
  const first = skipped[0];
  const list = skipped.map((s) => `${s.path} (${s.reason === "edited" ? "edited" : "not installed by agentreg"})`).join(", ");
  return new AgentregError(edited.length > 0 ? ErrorCode.LOCAL_EDIT : ErrorCode.UNMANAGED_FILE, `left alone: ${list}`, {
    subject: first?.path,
    hint:
      edited.length > 0
        ? `See the edit with \`agentreg diff ${edited[0]?.key}\`; pass --force to ${action} it (a backup copy is kept).`
        : `Move it away, take it over with \`agentreg add ${first?.key} --adopt\` if it is a published version, or pass --force to ${action} it (a backup copy is kept).`,
    details: { skipped },
  });
}
