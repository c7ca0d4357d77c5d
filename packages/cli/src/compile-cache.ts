import { createHash } from "node:crypto";
import { readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import { currentUid, ensureTrustedFolder, isTrustedFolder, readTrustedEntry } from "./code-cache-trust.js";

const WRAPPER_START = "(function (exports, require, module) {";
const WRAPPER_END = "\n})";

/**
 * Compiles the bundle's lazily loaded parts with V8's code cache. Parsing ~750 KiB of JavaScript costs
 * about 20 ms on every run; V8 can serialise the compiled code and skip most of that next time.
 *
 * V8 accepts cached data for any source of the same length (it does not compare the text), so the
 * entry's name carries a sha256 of the code, computed by the bundler: a different build never meets
 * another build's entry, and start-up never hashes 900 KiB. Entries live in a folder only the user
 * can write (code-cache-trust.ts), created 0700 with files 0600; anything else is not used. Every
 * failure here only costs speed, never correctness.
 *
 * @example
 * const compiler = createCompiler(codeCacheDir());
 * compiler.compile(part.code, "agentreg-core.cjs", part.hash)(module.exports, require, module);
 * compiler.flush();
 */
export function createCompiler(folder: string | undefined): {
  /** `codeHash` is the sha256 of `code` (the bundler computes it; see bundled-parts.ts). */
  compile(code: string, filename: string, codeHash: string): (exports: object, require: (id: string) => unknown, module: { exports: unknown }) => void;
  /** Writes fresh cache entries for what was compiled without one; call once the command is done. */
  flush(): void;
} {
  const uid = currentUid();
  // Checked once per run: a folder that fails is neither read nor written.
  let trusted: boolean | undefined;
  const folderTrusted = (): boolean => (trusted ??= folder !== undefined && isTrustedFolder(folder, uid));
  const pending: Array<{ script: Script; path: string }> = [];
  return {
    compile(code, filename, codeHash) {
      const source = `${WRAPPER_START}${code}${WRAPPER_END}`;
      const path = folder === undefined ? undefined : join(folder, `${filename}-${cacheKey(codeHash)}.bin`);
      const cachedData = path !== undefined && folderTrusted() ? readTrustedEntry(path, uid) : undefined;
      const script = new Script(source, { filename, ...(cachedData ? { cachedData } : {}) });
      if (path !== undefined && (cachedData === undefined || script.cachedDataRejected)) pending.push({ script, path });
      return script.runInThisContext() as ReturnType<ReturnType<typeof createCompiler>["compile"]>;
    },
    flush() {
      if (pending.length === 0 || folder === undefined) return;
      // A folder that exists but is not trusted stays as it is; a missing one is created private.
      if (!(trusted ?? false) && !(trusted = ensureTrustedFolder(folder, uid))) return;
      for (const { script, path } of pending.splice(0)) writeEntry(path, script);
    },
  };
}

/**
 * The name part that ties an entry to one build of one part on one Node: the code's content hash,
 * the wrapper, the Node version (which fixes V8's) and the CPU architecture.
 *
 * @example
 * cacheKey("9f86d081…"); // "3b1e…" (32 hex digits)
 */
export function cacheKey(codeHash: string): string {
  return createHash("sha256").update(`${codeHash}\0${WRAPPER_START}\0${process.version}\0${process.arch}`).digest("hex").slice(0, 32);
}

function writeEntry(path: string, script: Script): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    rmSync(temp, { force: true });
    // Created after the run, the data also holds the functions the command compiled lazily. "wx":
    // never through something already at the temp path.
    writeFileSync(temp, script.createCachedData(), { mode: 0o600, flag: "wx" });
    renameSync(temp, path);
    // Entries for other builds of the same part are dead weight once this one exists.
    const part = `${basename(path).slice(0, basename(path).lastIndexOf("-"))}-`;
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith(part) && name.endsWith(".bin") && name !== basename(path)) rmSync(join(dirname(path), name), { force: true });
    }
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The cache folder is unusable; there is nothing to clean up.
    }
  }
}
