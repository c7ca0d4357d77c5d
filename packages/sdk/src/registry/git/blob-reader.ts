import { readBlobs, type GitMirror } from "./git-mirror.js";

/** Reads git objects by id, many in one `git cat-file --batch`, each at most once per command. */
export interface BlobReader {
  read(blob: string): Promise<Uint8Array>;
}

/**
 * A reader that gathers every read asked for in the same turn of the event loop into one
 * `git cat-file --batch`: an install of 50 agents starts one git, not 50.
 */
export function createBlobReader(mirror: GitMirror): BlobReader {
  const known = new Map<string, Promise<Uint8Array>>();
  let queue: Array<{ blob: string; resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void }> = [];
  const flush = (): void => {
    const batch = queue;
    queue = [];
    readBlobs(mirror, batch.map((item) => item.blob)).then(
      (bytes) => {
        for (const item of batch) {
          const found = bytes.get(item.blob);
          if (found) item.resolve(found);
          else item.reject(new Error(`git cat-file returned no object ${item.blob}`));
        }
      },
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
    );
  };
  return {
    read(blob) {
      let pending = known.get(blob);
      if (!pending) {
        pending = new Promise<Uint8Array>((resolve, reject) => {
          if (queue.length === 0) setImmediate(flush);
          queue.push({ blob, resolve, reject });
        });
        known.set(blob, pending);
      }
      return pending;
    },
  };
}
