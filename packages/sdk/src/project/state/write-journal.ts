import { readdir, rename, rm, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { checkAgentName } from "../../agent/agent-name.js";
import { computeIntegrity, isIntegrity } from "../../archive/integrity.js";
import { TEMP_FILE_PATTERN, writeFileAtomic } from "../../atomic-write.js";
import { ErrorCode, isAgentregError } from "../../errors.js";
import { whenMissing } from "../../missing-path.js";
import { readRegularFile } from "../../read-regular-file.js";
import { AGENTS_DIR } from "./agent-files.js";
import { CONFIG_FILE, parseProjectConfig } from "./project-config.js";
import { LOCKFILE, parseLockfile } from "./lockfile.js";

/**
 * The intent of a half-done write, so a crash converges (DESIGN §8): once every new file is staged,
 * the journal records what goes where; a later run that finds it finishes the job (roll forward).
 * Before the journal exists a crash leaves only temp files, which a later run deletes (the previous
 * state stands). After the lockfile is written the journal is removed.
 */
export const JOURNAL_FILE = ".agentreg-journal.json";

export interface WriteJournal {
  journalVersion: 2;
  /**
   * Project-relative paths: `temp` is renamed over `path`; no `temp` means delete `path`. `integrity`
   * is the sha512 of the temp's bytes, or of the bytes to delete: recovery acts only on files that
   * still hold exactly those bytes, so a journal can never make it rename or delete anything else.
   */
  files: Array<{ path: string; temp?: string; integrity: string }>;
  config?: string;
  lock?: string;
}

export async function writeJournal(configDir: string, journal: WriteJournal): Promise<void> {
  await writeFileAtomic(join(configDir, JOURNAL_FILE), JSON.stringify(journal));
}

export async function removeJournal(configDir: string): Promise<void> {
  await unlink(join(configDir, JOURNAL_FILE)).catch(whenMissing(undefined));
}

/** A journal is a few KiB per hundred agents; anything far larger is not one of ours. */
const MAX_JOURNAL_BYTES = 64 * 1024 * 1024;

/**
 * Finishes a write a crashed process left behind, then deletes stray temp files. Call only while
 * holding the project lock. Returns whether there was anything to recover.
 *
 * The journal is untrusted (it could arrive with a clone), so it is rolled forward only for what it
 * can prove is its own: a temp file named like ours, beside its target, holding the recorded sha512;
 * a delete only of a file holding the recorded sha512; config and lock texts only if they parse.
 * Anything else in it is ignored, and a journal that is not a regular file is not read at all.
 *
 * @example
 * await recoverProject({ dir: "/work/app", configDir: "/work/app" });
 */
export async function recoverProject(location: { dir: string; configDir: string }): Promise<boolean> {
  const { dir, configDir } = location;
  const path = join(configDir, JOURNAL_FILE);
  const bytes = await readRegularFile(path, { maxBytes: MAX_JOURNAL_BYTES, followSymlinks: false, code: ErrorCode.FS, hint: `Delete ${path}.` }).catch((error: unknown) => {
    // Not a regular file (a symlink, a FIFO): never ours, and deleted below like any other.
    if (isAgentregError(error)) return Buffer.alloc(0);
    throw error;
  });
  let recovered = false;
  if (bytes !== undefined) {
    const journal = parseJournal(bytes.toString("utf8"), configDir);
    if (journal) {
      for (const file of journal.files) {
        const target = join(dir, ...file.path.split("/"));
        if (file.temp === undefined) {
          if ((await regularFileIntegrity(target)) === file.integrity) await unlink(target);
          continue;
        }
        // A temp that is gone was already renamed into place before the crash.
        const temp = join(dir, ...file.temp.split("/"));
        if ((await regularFileIntegrity(temp)) === file.integrity) await rename(temp, target);
      }
      if (journal.config !== undefined) await writeFileAtomic(join(configDir, CONFIG_FILE), journal.config);
      if (journal.lock !== undefined) await writeFileAtomic(join(configDir, LOCKFILE), journal.lock);
      recovered = true;
    }
    await removeJournal(configDir);
  }
  await removeStrayTemps(join(dir, ...AGENTS_DIR.split("/")));
  await removeStrayTemps(configDir);
  return recovered;
}

/** The journal if every part of it is well-formed; `undefined` (ignore it all) otherwise. */
function parseJournal(text: string, configDir: string): WriteJournal | undefined {
  let journal: Partial<WriteJournal> | undefined;
  try {
    journal = JSON.parse(text) as Partial<WriteJournal>;
  } catch (error) {
    // A journal is written atomically, so an unreadable one was never ours to trust.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (journal?.journalVersion !== 2 || !Array.isArray(journal.files)) return undefined;
  const filesOk = journal.files.every(
    (file: unknown) =>
      typeof file === "object" &&
      file !== null &&
      typeof (file as { path?: unknown }).path === "string" &&
      isAgentPath((file as { path: string }).path) &&
      typeof (file as { integrity?: unknown }).integrity === "string" &&
      isIntegrity((file as { integrity: string }).integrity) &&
      ((file as { temp?: unknown }).temp === undefined || (typeof (file as { temp?: unknown }).temp === "string" && isTempFor((file as { temp: string }).temp, (file as { path: string }).path))),
  );
  if (!filesOk) return undefined;
  if (journal.config !== undefined && !parses(() => parseProjectConfig(String(journal.config), join(configDir, CONFIG_FILE)))) return undefined;
  if (journal.lock !== undefined && !parses(() => parseLockfile(String(journal.lock), join(configDir, LOCKFILE)))) return undefined;
  return journal as WriteJournal;
}

function parses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (isAgentregError(error)) return false;
    throw error;
  }
}

/** The sha512 of a regular file's bytes; `undefined` when it is missing or not a regular file. */
async function regularFileIntegrity(path: string): Promise<string | undefined> {
  const bytes = await readRegularFile(path, { maxBytes: MAX_JOURNAL_BYTES, followSymlinks: false, code: ErrorCode.FS, hint: "" }).catch((error: unknown) => {
    if (isAgentregError(error)) return undefined;
    throw error;
  });
  return bytes === undefined ? undefined : computeIntegrity(bytes);
}

async function removeStrayTemps(folder: string): Promise<void> {
  // ENOTDIR too: a file where the folder belongs holds no temp files (the command then refuses it).
  const names = await readdir(folder).catch(whenMissing([] as string[]));
  await Promise.all(names.filter((name) => TEMP_FILE_PATTERN.test(name)).map((name) => rm(join(folder, name), { force: true })));
}

/** The journal only ever names agent files; anything else in it is not ours and is ignored. */
function isAgentPath(path: string): boolean {
  const match = /^\.claude\/agents\/([^/]+)\.md$/.exec(path);
  return match?.[1] !== undefined && checkAgentName(match[1]) === undefined;
}

function isTempFor(temp: string, path: string): boolean {
  const name = temp.split("/").pop() ?? "";
  return dirname(temp) === dirname(path) && TEMP_FILE_PATTERN.test(name);
}
