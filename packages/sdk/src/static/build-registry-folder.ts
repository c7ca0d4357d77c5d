import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathExists } from "../path-exists.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { BUILD_MARKER, BUILD_MARKER_BYTES, assertReplaceableOutput } from "./build-output-marker.js";
import { buildRegistryFiles } from "./build-registry.js";
import { readSigningInput } from "./signing-input.js";
import { mapLimit } from "../map-limit.js";
import { checkOptions } from "../check-arguments.js";

/** Files written at once; the thread pool runs four, the rest wait in its queue. */
const WRITE_CONCURRENCY = 32;

export interface BuildRegistryOptions {
  /** The registry source folder. */
  source: string;
  /** The output folder: created, or replaced if it is empty or holds an earlier build (`.agentreg-build`). */
  out: string;
  /** Build and report, but write nothing. */
  dryRun?: boolean;
  /** An ed25519 private key (PEM text) to sign every version and the index with. */
  signingKey?: string | undefined;
  /** The same key as a file to read (`registry build --sign-key <pem>`); not with `signingKey`. */
  signingKeyFile?: string | undefined;
  /** The signed index's expiry (ISO date); needs a key. */
  expires?: string | undefined;
  /** The signed index's expiry in days from `now` (`--expires-in <days>`); not with `expires`. */
  expiresInDays?: number | undefined;
  /** The time `expiresInDays` counts from; the current time by default. */
  now?: Date | undefined;
  /**
   * Also write the Claude Code plugin marketplace (`.claude-plugin/`, `plugins/`). Default true; the
   * builtin snapshot turns it off, since the CLI never reads it and it would only grow the bundle.
   */
  marketplace?: boolean | undefined;
  /** Also write the catalog website (`index.html`, `agents/<name>.html`, `site/`). Default true. */
  site?: boolean | undefined;
}

export interface BuildRegistryResult {
  out: string;
  agents: number;
  versions: number;
  /** The Claude Code marketplace name (`<agent>@<marketplace>`), or undefined when it was not written. */
  marketplace: string | undefined;
  /** Registry-relative paths written, sorted (besides the `.agentreg-build` marker). */
  files: string[];
  bytes: number;
  /** Whether every version and the index were signed. */
  signed: boolean;
  /** Whether the catalog website was written (`index.html` and the pages beside it). */
  site: boolean;
}

/**
 * Builds a registry source folder into a static registry folder that any static host can serve.
 * The new tree is written beside `out` and swapped in with renames, so a failed build leaves the
 * previous output untouched. A non-empty `out` that no earlier build wrote is refused (`E_EXISTS`)
 * rather than deleted; every build leaves a `.agentreg-build` marker saying it wrote the folder.
 *
 * @example
 * await buildRegistry({ source: "registry", out: "public" });
 */
export async function buildRegistry(options: BuildRegistryOptions): Promise<BuildRegistryResult> {
  checkOptions("buildRegistry", options, {
    source: "path",
    out: "path",
    dryRun: "boolean?",
    signingKey: "string?",
    signingKeyFile: "path?",
    expires: "string?",
    expiresInDays: "number?",
    now: "date?",
    marketplace: "boolean?",
    site: "boolean?",
  });
  const out = resolve(options.out);
  const signing = await readSigningInput(options, options.now ?? new Date());
  const built = await buildRegistryFiles({ source: options.source, ...signing, marketplace: options.marketplace ?? true, site: options.site ?? true });
  const result: BuildRegistryResult = {
    out,
    agents: built.agents,
    versions: built.versions,
    marketplace: built.marketplace,
    files: [...built.files.keys()],
    bytes: [...built.files.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0),
    signed: signing.signingKey !== undefined,
    site: options.site ?? true,
  };
  // Checked before a dry run returns too, so "would build" is not followed by a refusal.
  await assertReplaceableOutput(out);
  if (options.dryRun) return result;

  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const staging = `${out}.agentreg-new-${suffix}`;
  const retired = `${out}.agentreg-old-${suffix}`;
  try {
    // Folders once each, then the files many at a time: one by one, a 30,000-file build mostly waited.
    const folders = [...new Set([...built.files.keys()].map((path) => dirname(join(staging, ...path.split("/")))))];
    // A recursive mkdir tolerates a sibling creating the same parent meanwhile.
    await mapLimit(folders, WRITE_CONCURRENCY, (folder) => mkdir(folder, { recursive: true }));
    await mapLimit([...built.files], WRITE_CONCURRENCY, ([path, bytes]) => writeFile(join(staging, ...path.split("/")), bytes));
    await writeFile(join(staging, BUILD_MARKER), BUILD_MARKER_BYTES);
    const hadOutput = await pathExists(out);
    if (hadOutput) await rename(out, retired);
    await rename(staging, out);
    if (hadOutput) await rm(retired, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new AgentregError(ErrorCode.FS, `could not write the registry to ${out}: ${(error as Error).message}`, {
      subject: out,
      hint: "Check that the parent folder exists and is writable.",
      cause: error,
    });
  }
  return result;
}
