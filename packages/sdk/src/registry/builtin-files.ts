/**
 * The bytes of the builtin registry snapshot. The SDK package ships the built snapshot as the
 * `builtin/` folder beside `dist/`; the CLI bundle replaces this module with one that embeds the
 * same bytes, so the CLI works offline from a single file.
 */
const snapshotRoot = new URL("../../builtin/", import.meta.url);

/** Reads one file of the builtin snapshot; `undefined` when there is no such file. */
export async function readBuiltinFile(path: string): Promise<Uint8Array | undefined> {
  const { readFile } = await import("node:fs/promises");
  try {
    return await readFile(new URL(path, snapshotRoot));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
