import { readdir, readFile, rename, rm, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { TEMP_FILE_PATTERN, writeFileAtomic } from "../atomic-write.js";
import { AGENTS_DIR } from "./agent-files.js";
import { CONFIG_FILE } from "./project-config.js";
import { LOCKFILE } from "./lockfile.js";

/**
 * The intent of a half-done write, so a crash converges (DESIGN §8): once every new file is staged,
 * the journal records what goes where; a later run that finds it finishes the job (roll forward).
 * Before the journal exists a crash leaves only temp files, which a later run deletes (the previous
 * state stands). After the lockfile is written the journal is removed.
 */
export const JOURNAL_FILE = ".agentreg-journal.json";

export interface WriteJournal {
  journalVersion: 1;
  /** Project-relative paths: `temp` is renamed over `path`; no `temp` means delete `path`. */
  files: Array<{ path: string; temp?: string }>;
  config?: string;
  lock?: string;
}

export async function writeJournal(configDir: string, journal: WriteJournal): Promise<void> {
  await writeFileAtomic(join(configDir, JOURNAL_FILE), JSON.stringify(journal));
}

export async function removeJournal(configDir: string): Promise<void> {
  await rm(join(configDir, JOURNAL_FILE), { force: true });
}

/**
 * Finishes a write a crashed process left behind, then deletes stray temp files. Call only while
 * holding the project lock. Returns whether there was anything to recover.
 *
 * @example
 * await recoverProject({ dir: "/work/app", configDir: "/work/app" });
 */
export async function recoverProject(location: { dir: string; configDir: string }): Promise<boolean> {
  const { dir, configDir } = location;
  const text = await readFile(join(configDir, JOURNAL_FILE), "utf8").catch(() => undefined);
  let recovered = false;
  if (text !== undefined) {
    let journal: WriteJournal | undefined;
    try {
      journal = JSON.parse(text) as WriteJournal;
    } catch {
      // A journal is written atomically, so an unreadable one was never ours to trust.
      journal = undefined;
    }
    if (journal?.journalVersion === 1) {
      for (const file of journal.files) {
        if (!isAgentPath(file.path) || (file.temp !== undefined && !isTempFor(file.temp, file.path))) continue;
        const target = join(dir, ...file.path.split("/"));
        if (file.temp === undefined) {
          await unlink(target).catch(() => undefined);
          continue;
        }
        // A temp that is gone was already renamed into place before the crash.
        await rename(join(dir, ...file.temp.split("/")), target).catch(() => undefined);
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

async function removeStrayTemps(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => TEMP_FILE_PATTERN.test(name)).map((name) => rm(join(folder, name), { force: true })));
}

/** The journal only ever names agent files; anything else in it is not ours and is ignored. */
function isAgentPath(path: string): boolean {
  return /^\.claude\/agents\/[a-z][a-z0-9-]*\.md$/.test(path);
}

function isTempFor(temp: string, path: string): boolean {
  const name = temp.split("/").pop() ?? "";
  return dirname(temp) === dirname(path) && TEMP_FILE_PATTERN.test(name);
}
