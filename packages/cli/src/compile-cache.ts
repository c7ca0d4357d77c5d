import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";

/**
 * Compiles the bundle's lazily loaded parts with V8's code cache. Parsing ~750 KiB of JavaScript costs
 * about 20 ms on every run; V8 can serialise the compiled code and skip most of that next time. The
 * cache lives in the user's cache folder, keyed by the code's hash, the Node version and the CPU
 * architecture; V8 itself rejects data that does not match the source (`cachedDataRejected`), and
 * then the script simply compiles as usual. Every failure here only costs speed, never correctness.
 */
export function createCompiler(folder: string | undefined): {
  /** `codeHash` identifies `code`; the bundler computes it so start-up never hashes the code itself. */
  compile(code: string, filename: string, codeHash?: string): (exports: object, require: (id: string) => unknown, module: { exports: unknown }) => void;
  /** Writes fresh cache entries for what was compiled without one; call once the command is done. */
  flush(): void;
} {
  const pending: Array<{ script: Script; path: string }> = [];
  return {
    compile(code, filename, codeHash) {
      const source = `(function (exports, require, module) {${code}\n})`;
      const key = createHash("sha256")
        .update(codeHash ?? source)
        .update(process.version)
        .update(process.arch)
        .digest("hex")
        .slice(0, 32);
      const path = folder === undefined ? undefined : join(folder, `${filename}-${key}.bin`);
      let cachedData: Buffer | undefined;
      try {
        cachedData = path === undefined ? undefined : readFileSync(path);
      } catch {
        cachedData = undefined;
      }
      const script = new Script(source, { filename, ...(cachedData ? { cachedData } : {}) });
      if (path !== undefined && (cachedData === undefined || script.cachedDataRejected)) pending.push({ script, path });
      return script.runInThisContext() as ReturnType<ReturnType<typeof createCompiler>["compile"]>;
    },
    flush() {
      for (const { script, path } of pending.splice(0)) {
        const temp = `${path}.${process.pid}.tmp`;
        try {
          mkdirSync(join(path, ".."), { recursive: true });
          // Created after the run, the data also holds the functions the command compiled lazily.
          writeFileSync(temp, script.createCachedData());
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
            // The cache folder is unusable (e.g. a file); there is nothing to clean up.
          }
        }
      }
    },
  };
}
