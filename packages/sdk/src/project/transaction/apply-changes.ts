import { mkdir, open, realpath, rename, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { computeIntegrity } from "../../archive/integrity.js";
import { stageFile } from "../../atomic-write.js";
import { AgentregError, ErrorCode, isAgentregError } from "../../errors.js";
import { whenMissing } from "../../missing-path.js";
import { assertSafeDestination, assertSafeFolder, createFolderChecks } from "../state/agent-files.js";
import { CONFIG_FILE } from "../state/project-config.js";
import { LOCKFILE } from "../state/lockfile.js";
import { JOURNAL_FILE, removeJournal, writeJournal } from "../state/write-journal.js";

export interface FileChange {
  /** Project-relative POSIX path. */
  path: string;
  /** The new bytes; `undefined` deletes the file. */
  bytes: Uint8Array | undefined;
  /** The bytes there now (`undefined`: nothing), restored if a later step fails. */
  previous: Uint8Array | undefined;
}

export interface ProjectChanges {
  /** Where agent files live (`.claude/agents/` below it). */
  dir: string;
  /** Where `agentreg.json` and `agentreg.lock` live; defaults to `dir`. */
  configDir?: string;
  files: FileChange[];
  /** New `agentreg.json` text and the text it replaces (`undefined`: absent), or omitted to leave it. */
  config?: { text: string; previous: string | undefined };
  lock?: { text: string; previous: string | undefined };
  /** Called at each point where a crash would leave a different state; tests kill the process there. */
  onWritePoint?: ((label: string) => void) | undefined;
}

/**
 * Applies a planned change to a project so that a failure leaves it as it was and a crash leaves it
 * recoverable (DESIGN §8): new files, `agentreg.json` and `agentreg.lock` are staged as fsynced temp
 * files; a journal records the intent; files are swapped in, then `agentreg.json`, `agentreg.lock`
 * last, and the journal is removed.
 * On an error, what was changed is put back and temp files are removed, so the lockfile never names a
 * file that is not there; what cannot be put back is left to the journal. After a crash (or such a
 * failure), `recoverProject` rolls the journal forward.
 *
 * @example
 * await applyProjectChanges({ dir, files: [{ path: ".claude/agents/x.md", bytes, previous: undefined }], lock });
 */
export async function applyProjectChanges(changes: ProjectChanges): Promise<void> {
  const { dir } = changes;
  const configDir = changes.configDir ?? dir;
  const point = changes.onWritePoint ?? (() => undefined);
  const staged = new Map<string, string>();
  const done: FileChange[] = [];
  // Each folder's real path, taken once it is checked: files are staged, renamed and restored there,
  // so swapping a folder for a symlink mid-command (a local attacker) cannot redirect a write.
  const realFolders = new Map<string, string>();
  const targetOf = (change: FileChange): string => {
    const folder = posixDirname(change.path);
    return join(realFolders.get(folder) ?? join(dir, ...folder.split("/")), basename(change.path));
  };
  // agentreg.json and agentreg.lock are staged with the files, so that after the journal each is one
  // rename (their text is in the journal too: a crash before those renames rolls forward from it).
  const projectFiles = [
    ...(changes.config ? [{ name: CONFIG_FILE, text: changes.config.text }] : []),
    ...(changes.lock ? [{ name: LOCKFILE, text: changes.lock.text }] : []),
  ];
  const stagedProjectFiles = new Map<string, string>();
  let configWritten = false;
  let journaled = false;
  try {
    // Folders first, one at a time: checked that no part of the path is a symlink, then created if
    // missing. Then every file is staged at once (the thread pool overlaps the writes and fsyncs,
    // which one by one left a 100-agent install mostly waiting), each after a check of every
    // component of its path, made now that the folders exist and shared between the files.
    const writes = changes.files.filter((change) => change.bytes !== undefined);
    for (const folder of new Set(writes.map((change) => posixDirname(change.path)))) {
      await assertSafeFolder(dir, folder);
      await mkdir(join(dir, ...folder.split("/")), { recursive: true });
    }
    const folders = createFolderChecks();
    for (const folder of new Set(changes.files.map((change) => posixDirname(change.path)))) {
      const real = await realpath(join(dir, ...folder.split("/"))).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (real !== undefined) realFolders.set(folder, real);
    }
    await settleAll([
      ...changes.files.map(async (change) => {
        await assertSafeDestination(dir, change.path, folders);
        if (change.bytes === undefined) return;
        staged.set(change.path, await stageFile(targetOf(change), change.bytes));
        point(`staged ${change.path}`);
      }),
      ...projectFiles.map(async ({ name, text }) => {
        stagedProjectFiles.set(name, await stageFile(join(configDir, name), text));
        point(`staged ${name}`);
      }),
    ]);
    if (changes.files.length > 0) {
      await writeJournal(configDir, {
        journalVersion: 2,
        files: changes.files.flatMap((change) => {
          const temp = staged.get(change.path);
          if (temp !== undefined) return [{ path: change.path, temp: `${dirname(change.path)}/${basename(temp)}`, integrity: computeIntegrity(change.bytes as Uint8Array) }];
          // Deleting a file that is already gone needs no journal entry.
          return change.previous === undefined ? [] : [{ path: change.path, integrity: computeIntegrity(change.previous) }];
        }),
        ...(changes.config ? { config: changes.config.text } : {}),
        ...(changes.lock ? { lock: changes.lock.text } : {}),
      });
      journaled = true;
      point("journal");
    }
    const touchedFolders = new Set<string>();
    await settleAll(
      changes.files.map(async (change) => {
        const target = targetOf(change);
        const temp = staged.get(change.path);
        if (temp !== undefined) {
          await assertFolderUnmoved(dir, change.path, realFolders);
          await rename(temp, target);
          staged.delete(change.path);
          done.push(change);
          await assertFolderUnmoved(dir, change.path, realFolders);
        } else {
          await unlink(target).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== "ENOENT") throw error;
          });
          done.push(change);
        }
        touchedFolders.add(dirname(target));
        point(`${change.bytes === undefined ? "deleted" : "renamed"} ${change.path}`);
      }),
    );
    // A rename is durable only once its folder is flushed (POSIX); without this a power cut could
    // resurrect the old file after the lockfile already names the new one.
    await Promise.all([...touchedFolders].map(syncFolder));
    if (changes.config) {
      await renameStaged(stagedProjectFiles, CONFIG_FILE, configDir);
      configWritten = true;
      point("config");
    }
    if (changes.lock) {
      await renameStaged(stagedProjectFiles, LOCKFILE, configDir);
      point("lock");
    }
  } catch (error) {
    const putBack = await restore([
      ...done.reverse().map((change) => ({ target: targetOf(change), previous: change.previous })),
      ...(configWritten && changes.config ? [{ target: join(configDir, CONFIG_FILE), previous: changes.config.previous }] : []),
    ]);
    if (journaled && !putBack) {
      // Half written and not put back: the journal and the staged files it names stay, so the next
      // command on this project finishes the write (recoverProject) instead of leaving it half done.
      throw new AgentregError(ErrorCode.FS, `could not update the project: ${(error as Error).message}`, {
        subject: dir,
        hint: `The write is half done and could not be undone; ${join(configDir, JOURNAL_FILE)} records it. Fix the cause, then run a command that changes this project (\`agentreg install\`) to finish it.`,
        cause: error,
      });
    }
    await Promise.all([...staged.values(), ...stagedProjectFiles.values()].map((temp) => rm(temp, { force: true })));
    // Put back whole: the journal must go, or the next command would roll the write forward over it.
    if (journaled) await removeJournal(configDir).catch((removal: unknown) => {
      throw new AgentregError(ErrorCode.FS, `could not update the project (${(error as Error).message}), nor remove its journal after putting it back (${(removal as Error).message})`, {
        subject: join(configDir, JOURNAL_FILE),
        hint: `Delete ${join(configDir, JOURNAL_FILE)} before the next agentreg command, which would otherwise finish the abandoned write.`,
        cause: error,
      });
    });
    if (isAgentregError(error)) throw error;
    throw new AgentregError(ErrorCode.FS, `could not update the project: ${(error as Error).message}`, {
      subject: dir,
      hint: "Nothing was changed. Check permissions and free space, then run the command again.",
      cause: error,
    });
  }
  // The lockfile is written: the change is whole, and is never undone from here. Were the journal
  // to stay, the next command would only write the same files again.
  if (journaled) await removeJournal(configDir);
  await syncFolder(configDir);
}

/** Renames the staged temp of `name` over it; the temp is forgotten once it is in place. */
async function renameStaged(staged: Map<string, string>, name: string, configDir: string): Promise<void> {
  const temp = staged.get(name);
  if (temp === undefined) throw new AgentregError(ErrorCode.INTERNAL, `${name} was not staged before its rename`, { subject: name, hint: "This is a bug in agentreg; nothing was changed." });
  await rename(temp, join(configDir, name));
  staged.delete(name);
}

/**
 * Waits for every step, then throws the first failure: cleaning up while some steps were still in
 * flight could miss a temp file staged a moment later.
 */
async function settleAll(steps: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(steps)).find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}

/**
 * Best effort against a local attacker (issue 12): the folder must still resolve to the real folder
 * the command checked, right before and right after each rename; otherwise the command rolls back.
 */
async function assertFolderUnmoved(dir: string, path: string, realFolders: Map<string, string>): Promise<void> {
  const folder = posixDirname(path);
  const expected = realFolders.get(folder);
  const actual = await realpath(join(dir, ...folder.split("/"))).catch(whenMissing(undefined));
  if (expected !== undefined && actual !== expected) {
    throw new AgentregError(ErrorCode.UNSAFE_PATH, `${folder} changed while agentreg was writing to it (it now leads to ${actual ?? "nothing"})`, {
      subject: join(dir, ...folder.split("/")),
      hint: "Something replaced the folder during the command; nothing was changed. Check what did, then run the command again.",
    });
  }
}

function posixDirname(path: string): string {
  return path.slice(0, Math.max(0, path.lastIndexOf("/"))) || ".";
}

/**
 * Puts back the files a failed write changed; whether every one is back. All old versions are staged
 * before any is swapped in, so the usual failure (the full disk or the permission that failed the
 * write) leaves the new files untouched, and the journal can still roll the write forward.
 */
async function restore(files: Array<{ target: string; previous: Uint8Array | string | undefined }>): Promise<boolean> {
  const olds: Array<{ target: string; temp: string | undefined }> = [];
  try {
    for (const { target, previous } of files) olds.push({ target, temp: previous === undefined ? undefined : await stageFile(target, previous) });
    for (const { target, temp } of olds) {
      if (temp === undefined) await rm(target, { force: true });
      else await rename(temp, target);
    }
    return true;
  } catch {
    // Not rethrown: the error that made the write fail is the one the user needs to see. A temp file
    // that cannot be removed either is one of ours, which the next command's recovery deletes.
    await Promise.all(olds.map(({ temp }) => (temp === undefined ? undefined : rm(temp, { force: true }).catch(() => undefined))));
    return false;
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Not every platform can open a folder for fsync (Windows cannot), and some file systems refuse to
  // flush one (EINVAL): durability there is the OS's, so any failure of either is ignored.
  const handle = await open(folder, "r").catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
