import { isAbsolute, relative, resolve, sep } from "node:path";
import { createRegistryCache } from "../../registry/registry-cache.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { BUILTIN_REGISTRY, createBuiltinSource } from "../../registry/builtin-source.js";
import { createFolderSource } from "../../registry/folder-source.js";
import type { HttpClient } from "../../registry/http/http-client.js";
import type { NetworkOptions } from "../../registry/http/network-options.js";
import { createRegistryClient, type RegistryClient } from "../../registry/registry-client.js";
import { own } from "../../own-record.js";
import { credentialsInUrl, hasUrlCredentials } from "../../registry/url-credentials.js";
import { isGitLocation, parseGitLocation } from "../../registry/git/git-location.js";
import type { ProjectConfig, RegistryConfig } from "./project-config.js";
import { defaultRegistry } from "./wanted-agents.js";

export interface RegistryContext {
  /** The project folder: relative registry paths are relative to it. */
  dir: string;
  config: ProjectConfig | undefined;
  /**
   * `--registry`: a URL, an absolute folder path, or `builtin`. Used for unscoped agents instead of
   * the configured default.
   */
  override?: string | undefined;
  /** Cache, offline mode, `${VAR}` values, proxy, timeouts. */
  network?: NetworkOptions | undefined;
}

/**
 * Opens registries by the ids a lockfile records, each at most once per context.
 * Ids are `builtin`, a name from `agentreg.json`'s `registries`, a folder path (`./x`, `../x` or
 * absolute) or an `http(s)://` URL.
 */
export interface RegistryOpener {
  /**
   * The registry id an agent resolves in: its scope's registry; else the registry its entry in
   * `agentreg.json` names (`configured`); else `--registry`; else `default`; else `builtin`.
   */
  idFor(scope: string | undefined, configured?: string): string;
  open(id: string): Promise<RegistryClient>;
  /**
   * Opens every registry a command will use before it sends its first request, so a configuration
   * error in one (a `${VAR}` that is not set) stops the command before any registry is contacted.
   */
  openAll(ids: Iterable<string>): Promise<void>;
  /** Closes network connections, abandoning requests still in flight; call it when done. */
  close(): Promise<void>;
}

/**
 * Creates the registry opener for a project.
 *
 * @example
 * const registries = createRegistryOpener({ dir, config });
 * const client = await registries.open(registries.idFor(undefined));
 */
export function createRegistryOpener(context: RegistryContext): RegistryOpener {
  const { dir, config } = context;
  const clients = new Map<string, Promise<RegistryClient>>();
  if (context.override !== undefined && hasUrlCredentials(context.override)) throw credentialsInUrl(context.override);
  const overrideId = context.override === undefined ? undefined : registryIdForLocation(context.override, dir);

  const network = context.network ?? {};
  const cache = network.cacheDir === undefined ? undefined : createRegistryCache(network.cacheDir);
  // One HTTP client (one keep-alive pool per origin) for every registry, created on first use.
  let http: Promise<HttpClient> | undefined;
  const httpClient = (): Promise<HttpClient> => {
    http ??= import("../../registry/http/http-client.js").then(({ createHttpClient }) => createHttpClient(network));
    return http;
  };

  const stateKey = (location: string): string => (location === BUILTIN_REGISTRY || isUrl(location) ? location : resolve(dir, location));
  const openLocation = async (id: string, location: string, settings?: RegistryConfig): Promise<RegistryClient> => {
    // Pinned keys: the registry must be signed by one of them. The highest index serial seen is kept
    // in the cache, keyed by where the registry lives, to refuse rollbacks across runs.
    const keys = settings?.keys ?? [];
    const trust =
      keys.length === 0
        ? undefined
        : {
            keys,
            readSerial: async () => cache?.readSerial(stateKey(location)),
            writeSerial: async (serial: number) => {
              // The index was verified, so the command goes on; what is lost is the memory of its
              // serial, which the user must hear of: it is what refuses a rollback next time.
              await cache?.writeSerial(stateKey(location), serial).catch((error: unknown) => {
                const reason = error instanceof Error ? error.message : String(error);
                network.onWarning?.({
                  message: `could not record index serial ${serial} of registry ${id} in the cache (${reason}); a rollback to an older index may go unnoticed`,
                  subject: id,
                  cause: error,
                });
              });
            },
          };
    if (location === BUILTIN_REGISTRY) return createRegistryClient(createBuiltinSource(), trust);
    if (isGitLocation(location)) {
      if (network.cacheDir === undefined) {
        throw new AgentregError(ErrorCode.CONFIG, `the git registry ${location} needs a cache folder to keep its repository in`, {
          subject: id,
          hint: "Pass network.cacheDir (the CLI always does: AGENTREG_CACHE or the user cache folder).",
        });
      }
      const { createGitSource } = await import("../../registry/git/git-source.js");
      return createRegistryClient(
        await createGitSource({ id, location, path: settings?.path, cacheDir: network.cacheDir, env: network.variables ?? {}, offline: network.offline, preferOffline: network.preferOffline }),
        trust,
      );
    }
    if (isUrl(location)) {
      const { createHttpSource } = await import("../../registry/http/http-source.js");
      return createRegistryClient(
        createHttpSource({
          id,
          url: location,
          headers: settings?.headers,
          variables: network.variables,
          allowedVariables: network.allowedVariables,
          http: httpClient,
          cache,
          offline: network.offline,
          preferOffline: network.preferOffline,
        }),
        trust,
      );
    }
    return createRegistryClient(await createFolderSource({ id, root: resolve(dir, location), buildSource: buildInMemory }), trust);
  };

  return {
    idFor(scope, configured) {
      if (scope !== undefined) {
        if (!own(config?.registries, scope)) {
          throw new AgentregError(ErrorCode.CONFIG, `no registry named ${scope} in agentreg.json`, {
            subject: `@${scope}`,
            hint: `Add "registries": { "${scope}": { "url": "…" } } to agentreg.json.`,
          });
        }
        return scope;
      }
      return configured ?? overrideId ?? (config ? defaultRegistry(config) : BUILTIN_REGISTRY);
    },
    open(id) {
      let client = clients.get(id);
      if (!client) {
        const configured = own(config?.registries, id);
        client = configured ? openLocation(id, configured.url, configured) : isLocationId(id) ? openLocation(id, id) : Promise.reject(unknownRegistry(id));
        clients.set(id, client);
      }
      return client;
    },
    async openAll(ids) {
      const clients = await Promise.all([...new Set(ids)].map((id) => this.open(id)));
      for (const client of clients) client.source.prepare?.();
    },
    async close() {
      if (http) await (await http).close();
    },
  };
}

/**
 * The id a lockfile records for a registry given by location: `builtin`, the URL, or a folder path
 * relative to the project (POSIX, starting with `.`), so a committed lockfile works on every machine.
 *
 * @example
 * registryIdForLocation("/work/registry", "/work/app"); // "../registry"
 */
export function registryIdForLocation(location: string, dir: string): string {
  if (location === BUILTIN_REGISTRY || isUrl(location) || isGitLocation(location)) return location;
  const absolute = resolve(dir, location);
  const rel = relative(dir, absolute);
  if (isAbsolute(rel)) return absolute.split(sep).join("/");
  const posix = rel.split(sep).join("/");
  return posix === "" ? "." : posix.startsWith("..") ? posix : `./${posix}`;
}

/** A registry given as a URL (`https://…`) rather than a folder path or a name. */
function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

function isLocationId(id: string): boolean {
  return id === BUILTIN_REGISTRY || id.startsWith(".") || isAbsolute(id) || isUrl(id) || isGitLocation(id);
}

function unknownRegistry(id: string): AgentregError {
  return new AgentregError(ErrorCode.CONFIG, `registry ${id} is not defined in agentreg.json`, {
    subject: id,
    hint: `Add it under "registries" in agentreg.json, or remove the agents that use it and add them again.`,
  });
}

/**
 * The prefix every `resolved` value of a registry starts with: `builtin:`, the registry's URL as
 * configured (with a trailing `/`), or its id and `/` for a folder. What follows it must be a plain
 * registry path (see `isSafeTarballPath`). `undefined` for an id the config does not define.
 *
 * @example
 * resolvedPrefixFor("https://agents.acme.dev", undefined); // "https://agents.acme.dev/"
 */
export function resolvedPrefixFor(id: string, config: ProjectConfig | undefined): string | undefined {
  const configured = own(config?.registries, id);
  const location = configured ? configured.url : isLocationId(id) ? id : undefined;
  if (location === undefined) return undefined;
  if (location === BUILTIN_REGISTRY) return "builtin:";
  // A git registry's files are `<location>#<commit>/<path>` (see createGitSource).
  if (isGitLocation(location)) return `${parseGitLocation(location).base}#`;
  if (isUrl(location)) return location.endsWith("/") ? location : `${location}/`;
  return `${id.replace(/\/+$/, "")}/`;
}

/**
 * A registry source folder named by a project is built in memory on first use, so that an author can
 * install what they just published without a build step. Loaded lazily: most commands never build.
 */
async function buildInMemory(root: string): Promise<Map<string, Uint8Array>> {
  const { buildRegistryFiles } = await import("../../static/build-registry.js");
  return (await buildRegistryFiles({ source: root })).files;
}
