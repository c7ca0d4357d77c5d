import { computeIntegrity } from "../../archive/integrity.js";
import type { RegistryCache } from "../registry-cache.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { maxDocumentBytes, REGISTRY_FILE_LIMITS } from "../document-limits.js";
import { registryPaths } from "../protocol.js";
import { credentialsInUrl, hasUrlCredentials } from "../url-credentials.js";
import { isSafeRegistryPath, isSafeTarballPath, notOurs, type RegistrySource } from "../registry-source.js";
import { assertVariablesAllowed, expandVariables, variablesIn, type VariablePolicy } from "./expand-variables.js";
import type { HttpClient, HttpGetOptions } from "./http-client.js";

export interface HttpSourceOptions {
  /** The id recorded in the lockfile. */
  id: string;
  /** The registry's URL as configured, possibly with `${VAR}`s. */
  url: string;
  /** Header templates, possibly with `${VAR}`s; sent only to the registry's own origin. */
  headers?: Record<string, string> | undefined;
  variables?: Readonly<Record<string, string | undefined>> | undefined;
  /** Which variables may be sent where, besides `AGENTREG_*`. */
  allowedVariables?: VariablePolicy | undefined;
  http: () => Promise<HttpClient>;
  cache?: RegistryCache | undefined;
  offline?: boolean | undefined;
  preferOffline?: boolean | undefined;
}

/** However long a server says its index stays fresh, it is asked again after ten minutes. */
const MAX_FRESH_SECONDS = 600;

/**
 * A static registry served over HTTP(S). Documents are cached with their `ETag`/`Last-Modified` and
 * revalidated (a 304 costs no body), the index only once its `max-age` has passed; tarballs are
 * cached by integrity. `${VAR}`s are expanded here, once, before any request, and the expanded values
 * never reach a message, the lockfile or the cache.
 *
 * @example
 * const source = createHttpSource({ id: "acme", url: "https://agents.acme.dev", http: () => createHttpClient() });
 */
export function createHttpSource(options: HttpSourceOptions): RegistrySource {
  const { id, cache } = options;
  const variables = options.variables ?? {};
  const baseTemplate = options.url.endsWith("/") ? options.url : `${options.url}/`;
  if (hasUrlCredentials(baseTemplate)) throw credentialsInUrl(baseTemplate);
  const headerTemplates = options.headers ?? {};
  const headerVariables = [...new Set(Object.values(headerTemplates).flatMap(variablesIn))];
  // Variables are expanded on first need, never up front: a run that sends no request (--offline, a
  // warm cache) needs none of the header values. Variables in the URL are part of the address, so
  // reading the cache needs them too.
  let base: URL | undefined;
  const baseUrl = (): URL => {
    if (base) return base;
    const expanded = parseBase(expandVariables(baseTemplate, variables, id), baseTemplate, id);
    assertVariablesAllowed({ names: variablesIn(baseTemplate), origin: expanded.origin, policy: options.allowedVariables, registry: id });
    base = expanded;
    return base;
  };
  let request: Pick<HttpGetOptions, "registry" | "headers" | "credentialOrigin" | "headerVariables"> | undefined;
  const requestOptions = (): NonNullable<typeof request> => {
    if (request) return request;
    const { origin } = baseUrl();
    assertVariablesAllowed({ names: headerVariables, origin, policy: options.allowedVariables, registry: id });
    const headers = Object.fromEntries(Object.entries(headerTemplates).map(([name, value]) => [name, expandHeader(name, value, variables, id)]));
    request = { registry: id, headers, credentialOrigin: origin, headerVariables };
    return request;
  };
  // Cache entries are keyed by the URL after expansion (two values of `${HOST}` are two registries),
  // and labelled with the URL as written, so no expanded value is ever stored.
  const cacheKey = (): string => (variablesIn(baseTemplate).length === 0 ? baseTemplate : baseUrl().href);

  const offlineMiss = (what: string): AgentregError =>
    new AgentregError(ErrorCode.OFFLINE, `${what} from registry ${id} is not in the cache, and --offline forbids fetching it`, {
      subject: `${baseTemplate}${what}`,
      hint: "Run once without --offline to fill the cache.",
    });

  return {
    id,
    location: baseTemplate,
    prepare() {
      if (!options.offline) requestOptions();
    },
    async read(path, check) {
      if (!isSafeRegistryPath(path)) return undefined;
      const cached = await cache?.readDocument(baseTemplate, path, cacheKey());
      if (options.offline) {
        if (!cached) throw offlineMiss(path);
        return cached.body;
      }
      if (cached && options.preferOffline) return cached.body;
      // The index alone is reused while the server says it is fresh: `search` then needs no request
      // at all. Packuments are always revalidated, so a version published a moment ago resolves.
      const reusable = path === registryPaths.index;
      const now = Date.now();
      if (cached && reusable && cached.freshUntil !== undefined && Date.parse(cached.freshUntil) > now) return cached.body;
      const http = await options.http();
      const response = await http.get({
        ...requestOptions(),
        url: new URL(path, baseUrl()).href,
        displayUrl: baseTemplate + path,
        maxBytes: maxDocumentBytes(path),
        etag: cached?.etag,
        lastModified: cached?.lastModified,
      });
      if (response.status === 404) return undefined;
      const freshUntil = reusable && response.maxAge ? new Date(now + Math.min(response.maxAge, MAX_FRESH_SECONDS) * 1000).toISOString() : undefined;
      if (response.status === 304 && cached) {
        // Best effort: a freshness date that cannot be stored costs the next run one revalidation.
        if (freshUntil !== undefined) await cache?.writeDocument({ ...cached, storedAt: new Date(now).toISOString(), freshUntil }, cacheKey()).catch(() => undefined);
        return cached.body;
      }
      // Only a document that passed the caller's checks is cached; a cache write that fails (a full
      // disk, a read-only cache folder) costs the next run a download, not this run its result.
      check?.(response.body);
      await cache
        ?.writeDocument({
          registry: baseTemplate,
          path,
          etag: response.etag,
          lastModified: response.lastModified,
          storedAt: new Date(now).toISOString(),
          ...(freshUntil === undefined ? {} : { freshUntil }),
          body: response.body,
        }, cacheKey())
        .catch(() => undefined);
      return response.body;
    },
    resolveTarball(tarball) {
      // A tarball stays under the registry's base: its origin and base path, same scheme. A relative
      // path is plain (no `..`, no percent-encoding); an absolute URL must start with the base itself.
      // Anything else, `http:host/x`, `//host/x`, `%2e%2e/`, is refused before it reaches the lock.
      const expandedBase = baseUrl().href;
      const rest = /^[a-z][a-z0-9+.-]*:/i.test(tarball) ? (tarball.startsWith(expandedBase) ? tarball.slice(expandedBase.length) : undefined) : tarball;
      if (rest === undefined || !isSafeTarballPath(rest)) {
        throw new AgentregError(ErrorCode.REGISTRY, `registry ${id} points a tarball outside the registry: ${JSON.stringify(tarball)}`, {
          subject: baseTemplate,
          hint: `Tarballs must be served under ${baseTemplate}; the registry ${id} is broken or hostile, so report it to its owner.`,
        });
      }
      return baseTemplate + rest;
    },
    async readTarball(resolved, integrity) {
      const cached = await cache?.readTarball(integrity);
      if (cached) return cached;
      // Only a tarball under this registry's base is ever fetched, whatever the lockfile says.
      const path = resolved.startsWith(baseTemplate) ? resolved.slice(baseTemplate.length) : undefined;
      if (path === undefined || !isSafeTarballPath(path)) throw notOurs(id, resolved);
      if (options.offline) throw offlineMiss(path);
      const url = new URL(path, baseUrl()).href;
      const http = await options.http();
      const response = await http.get({ ...requestOptions(), url, displayUrl: resolved, maxBytes: REGISTRY_FILE_LIMITS.tarball });
      if (response.status === 404) return undefined;
      // Only verified bytes enter the shared cache; the caller verifies again before use.
      // Best effort, as for documents: a tarball the cache cannot store is downloaded again next time.
      if (cache && computeIntegrity(response.body) === integrity) await cache.writeTarball(integrity, response.body).catch(() => undefined);
      return response.body;
    },
  };
}

/** A header value with its `${VAR}`s expanded; a line break in it would split the HTTP request. */
function expandHeader(name: string, template: string, variables: Readonly<Record<string, string | undefined>>, id: string): string {
  const value = expandVariables(template, variables, id);
  if (/[\r\n\0]/.test(value)) {
    throw new AgentregError(ErrorCode.CONFIG, `header ${name} of registry ${id} contains a line break or NUL`, {
      subject: name,
      hint: `Check the value of ${variablesIn(template).join(", ") || "the header"} (a trailing newline from a file is a common cause).`,
    });
  }
  return value;
}

function parseBase(url: string, template: string, id: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch (error) {
    // The URL constructor's one failure: a TypeError (ERR_INVALID_URL) for text that is not a URL.
    if (!(error instanceof TypeError)) throw error;
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new AgentregError(ErrorCode.CONFIG, `registry ${id} has an invalid url: ${template}`, {
      subject: template,
      hint: "Use an http(s):// URL, a folder path, or `builtin`.",
    });
  }
  return parsed;
}
