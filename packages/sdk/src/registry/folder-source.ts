import { join } from "node:path";
import { AgentregError, ErrorCode } from "../errors.js";
import { pathExists } from "../path-exists.js";
import { readRegularFile } from "../read-regular-file.js";
import { maxDocumentBytes, REGISTRY_FILE_LIMITS } from "./document-limits.js";
import { createPathSource, type RegistrySource } from "./registry-source.js";
import { checkOptions } from "../check-arguments.js";

export interface FolderSourceOptions {
  /** The id recorded in the lockfile (the path as the project refers to it). */
  id: string;
  /** Absolute path of the folder. */
  root: string;
  /**
   * Builds a registry source folder into the files of a static registry, for a folder that holds
   * `registry.json` instead of `index.json`. The registry client does not know how to build one;
   * without this, a source folder is refused with a hint to run `agentreg registry build`.
   *
   * @example
   * buildSource: async (root) => (await buildRegistryFiles({ source: root })).files
   */
  buildSource?: (root: string) => Promise<Map<string, Uint8Array>>;
}

/**
 * A registry in a local folder: either a built static registry (it has `index.json`), or a registry
 * source folder (it has `registry.json`), which is built in memory on first use so that an author can
 * install what they just published without a build step.
 *
 * @example
 * const source = await createFolderSource({ id: "../my-registry", root: "/work/my-registry" });
 */
export async function createFolderSource(options: FolderSourceOptions): Promise<RegistrySource> {
  checkOptions("createFolderSource", options, { id: "string", root: "path", buildSource: "function?" });
  const { id, root, buildSource } = options;
  const base = { id, location: root, prefix: `${id.replace(/\/+$/, "")}/` };
  const [isBuilt, isSource] = await Promise.all([pathExists(join(root, "index.json")), pathExists(join(root, "registry.json"))]);
  if (!isBuilt && !isSource) {
    // Without this check a wrong path would surface later as "no agent named …", which misleads.
    const exists = await pathExists(root);
    throw new AgentregError(exists ? ErrorCode.REGISTRY : ErrorCode.NOT_FOUND, `${root} ${exists ? "is not a registry (no index.json or registry.json)" : "does not exist"}`, {
      subject: root,
      hint: "Point --registry (or the registry's url in agentreg.json) at a built registry or a registry source folder.",
    });
  }
  if (!isBuilt) {
    if (buildSource === undefined) {
      throw new AgentregError(ErrorCode.REGISTRY, `${root} is a registry source folder, not a built registry`, {
        subject: root,
        hint: `Build it with \`agentreg registry build ${root}\` and point at the output, or pass buildSource.`,
      });
    }
    let built: Promise<Map<string, Uint8Array>> | undefined;
    const files = (): Promise<Map<string, Uint8Array>> => (built ??= buildSource(root));
    return createPathSource({ ...base, read: async (path) => (await files()).get(path) });
  }
  // A folder is as untrusted as a server: its files are read as regular files only (a symlink to
  // /dev/zero or a FIFO would otherwise cost gigabytes or hang), under the caps an HTTP body has.
  const hint = `The registry at ${root} holds something other than its built files; rebuild it with \`agentreg registry build\`, or report it to its owner.`;
  return createPathSource({
    ...base,
    read: (path, kind) =>
      readRegularFile(join(root, ...path.split("/")), {
        maxBytes: kind === "tarball" ? REGISTRY_FILE_LIMITS.tarball : maxDocumentBytes(path),
        followSymlinks: false,
        code: ErrorCode.REGISTRY,
        hint,
      }),
  });
}
