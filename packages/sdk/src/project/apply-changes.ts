import { mkdir, rename, rm, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stageFile, writeFileAtomic } from "../atomic-write.js";
import { AgentregError, ErrorCode, isAgentregError } from "../errors.js";
import { assertSafeDestination } from "./agent-files.js";
import { CONFIG_FILE } from "./project-config.js";
import { LOCKFILE } from "./lockfile.js";

export interface FileChange {
  /** Project-relative POSIX path. */
  path: string;
  /** The new bytes; `undefined` deletes the file. */
  bytes: Uint8Array | undefined;
  /** The bytes there now (`undefined`: nothing), restored if a later step fails. */
  previous: Uint8Array | undefined;
}

export interface ProjectChanges {
  dir: string;
  files: FileChange[];
  /** New `agentreg.json` text and the text it replaces (`undefined`: absent), or omitted to leave it. */
  config?: { text: string; previous: string | undefined };
  lock?: { text: string; previous: string | undefined };
}

/**
 * Applies a planned change to a project so that a failure leaves it as it was (DESIGN §8): every new
 * file is staged as a temp file first; then files are swapped in, `agentreg.json` is written, and
 * `agentreg.lock` last. If any step fails, what was already changed is put back and temp files are
 * removed, so the lockfile never names a file that is not there.
 *
 * @example
 * await applyProjectChanges({ dir, files: [{ path: ".claude/agents/x.md", bytes, previous: undefined }], lock });
 */
export async function applyProjectChanges(changes: ProjectChanges): Promise<void> {
  const { dir } = changes;
  const staged = new Map<string, string>();
  const done: FileChange[] = [];
  let configWritten = false;
  try {
    for (const change of changes.files) {
      await assertSafeDestination(dir, change.path);
      if (change.bytes === undefined) continue;
      const target = join(dir, ...change.path.split("/"));
      await mkdir(dirname(target), { recursive: true });
      // The folders may have been created just now; check again that none is a symlink planted meanwhile.
      await assertSafeDestination(dir, change.path);
      staged.set(change.path, await stageFile(target, change.bytes));
    }
    for (const change of changes.files) {
      const target = join(dir, ...change.path.split("/"));
      const temp = staged.get(change.path);
      if (temp !== undefined) {
        await rename(temp, target);
        staged.delete(change.path);
      } else {
        await unlink(target).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "ENOENT") throw error;
        });
      }
      done.push(change);
    }
    if (changes.config) {
      await writeFileAtomic(join(dir, CONFIG_FILE), changes.config.text);
      configWritten = true;
    }
    if (changes.lock) await writeFileAtomic(join(dir, LOCKFILE), changes.lock.text);
  } catch (error) {
    await Promise.all([...staged.values()].map((temp) => rm(temp, { force: true })));
    for (const change of done.reverse()) await restore(join(dir, ...change.path.split("/")), change.previous);
    if (configWritten && changes.config) await restore(join(dir, CONFIG_FILE), changes.config.previous);
    if (isAgentregError(error)) throw error;
    throw new AgentregError(ErrorCode.FS, `could not update the project: ${(error as Error).message}`, {
      subject: dir,
      hint: "Nothing was changed. Check permissions and free space, then run the command again.",
      cause: error,
    });
  }
}

async function restore(target: string, previous: Uint8Array | string | undefined): Promise<void> {
  // Best effort: the original error is what the user needs to see.
  if (previous === undefined) await rm(target, { force: true }).catch(() => undefined);
  else await writeFileAtomic(target, previous).catch(() => undefined);
}
