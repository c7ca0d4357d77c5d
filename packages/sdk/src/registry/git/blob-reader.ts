import { MAX_GIT_FILE_BYTES, fileTooLarge, readBlobs, type GitMirror } from "./git-mirror.js";
import { keepBlob, readKeptBlob } from "./mirror-records.js";

/** Reads git objects by id, many in one `git cat-file --batch`, each at most once per command. */
export interface BlobReader {
  /**
   * `keep`: the file is one that is installed or described (not one read only to learn its name), so
   * it is kept beside the mirror and a later command reads it without starting git.
   */
  read(blob: string, options?: { keep?: boolean }): Promise<Uint8Array>;
  /** `read` of many files at once (to learn their names): one wait for those read ahead, one git for the rest. */
  readAll(blobs: readonly string[]): Promise<Uint8Array[]>;
  /**
   * Takes over files read ahead (read-ahead.ts): a read of one of them is answered from them, once
   * they are in; of any other file (or if they fail), from git.
   */
  adopt(files: Promise<ReadonlyMap<string, Uint8Array>>): void;
}

/**
 * A reader that gathers every read asked for in the same turn of the event loop into one
 * `git cat-file --batch`: an install of 50 agents starts one git, not 50.
 */
export function createBlobReader(mirror: GitMirror): BlobReader {
  const known = new Map<string, Promise<Uint8Array>>();
  // Reads of files that are kept beside the mirror (mirror-records.ts).
  const keeping = new Map<string, Promise<Uint8Array>>();
  let queue: Array<{ blob: string; resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void }> = [];
  const checked = (found: Uint8Array | undefined, blob: string): Uint8Array => {
    if (!found) throw new Error(`git cat-file returned no object ${blob}`);
    // The size was checked in the tree listing, which is a cache too (mirror-records.ts).
    if (found.length > MAX_GIT_FILE_BYTES) throw fileTooLarge(mirror, blob, found.length);
    return found;
  };
  const flush = (): void => {
    const batch = queue;
    queue = [];
    readBlobs(mirror, batch.map((item) => item.blob)).then(
      (bytes) => {
        for (const item of batch) {
          try {
            item.resolve(checked(bytes.get(item.blob), item.blob));
          } catch (error) {
            item.reject(error);
          }
        }
      },
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
    );
  };
  const fromGit = (blob: string): Promise<Uint8Array> =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ blob, resolve, reject });
    });
  const keptAfter = async (bytes: Uint8Array, blob: string): Promise<Uint8Array> => {
    await keepBlob(mirror, blob, bytes);
    return bytes;
  };
  let adopted: Promise<ReadonlyMap<string, Uint8Array>> | undefined;
  // A file read ahead, if it is one; else undefined (and git is asked).
  const readAhead = async (blob: string): Promise<Uint8Array | undefined> => (await adopted?.catch(() => undefined))?.get(blob);
  const reader: BlobReader = {
    adopt(files) {
      adopted = files;
    },
    async readAll(list) {
      const ahead = await adopted?.catch(() => undefined);
      return Promise.all(list.map((blob) => {
        const bytes = known.has(blob) ? undefined : ahead?.get(blob);
        return bytes ? checked(bytes, blob) : reader.read(blob);
      }));
    },
    read(blob, options = {}) {
      if (!options.keep) {
        let pending = known.get(blob);
        if (!pending) known.set(blob, (pending = readAhead(blob).then((bytes) => (bytes ? checked(bytes, blob) : fromGit(blob)))));
        return pending;
      }
      let pending = keeping.get(blob);
      if (!pending) {
        // Read from git earlier (to learn its name), it is kept now; else the kept copy, else git.
        const earlier = known.get(blob);
        pending = earlier
          ? earlier.then((bytes) => keptAfter(bytes, blob))
          : readAhead(blob).then(async (ahead) =>
              ahead ? keptAfter(checked(ahead, blob), blob) : ((await readKeptBlob(mirror, blob, MAX_GIT_FILE_BYTES)) ?? keptAfter(await fromGit(blob), blob)),
            );
        keeping.set(blob, pending);
        known.set(blob, pending);
      }
      return pending;
    },
  };
  return reader;
}
