import type { z } from "zod";
import { verifyIntegrity } from "../archive/integrity.js";
import { AgentregError, ErrorCode } from "../errors.js";
import {
  indexSchemas,
  packumentSchemas,
  registryPaths,
  type Packument,
  type PackumentVersion,
  type RegistryIndex,
} from "./protocol.js";
import type { RegistrySource } from "./registry-source.js";
import { assertIndexTrusted, assertVersionSigned, type RegistryTrust } from "./registry-trust.js";
import { suggestNames } from "./suggest-names.js";
import { parseRegistryIndexFast } from "./parse-index.js";
import { parsePackumentFast } from "./parse-packument.js";
import { checkArgument, checkOptions, type ArgumentRule } from "../check-arguments.js";

/** Reads and checks registry documents from one source. Documents are read at most once per client. */
export interface RegistryClient {
  readonly source: RegistrySource;
  /** The search index. Only search (and "did you mean") reads it; resolution never does. */
  getIndex(): Promise<RegistryIndex>;
  /** The packument of one agent; `E_NOT_FOUND` (with close names) when the registry has none. */
  getPackument(name: string): Promise<Packument>;
  /** The tarball of one version, verified against the packument's integrity before it is returned. */
  getTarball(name: string, version: string, entry: PackumentVersion): Promise<Uint8Array>;
  /** The tarball a lockfile names, verified against the lockfile's integrity. */
  getLockedTarball(resolved: string, integrity: string, subject: string): Promise<Uint8Array>;
}

/** Any object with a source's three methods: the builtin and folder sources, or a program's own. */
const REGISTRY_SOURCE: ArgumentRule = {
  label: "a registry source { id, location, read, resolveTarball, readTarball } (e.g. createBuiltinSource())",
  test: (value) => {
    const source = value as Partial<RegistrySource> | null;
    return typeof source === "object" && source !== null && typeof source.read === "function" && typeof source.resolveTarball === "function" && typeof source.readTarball === "function";
  },
};

/**
 * A client over a registry source. With `trust` (pinned keys), the signed index is checked before any
 * packument is used, and every version's signature before its tarball is read.
 *
 * @example
 * const client = createRegistryClient(createBuiltinSource());
 * const packument = await client.getPackument("senior-backend-engineer");
 */
export function createRegistryClient(source: RegistrySource, trust?: RegistryTrust): RegistryClient {
  checkArgument("createRegistryClient", "source", source, REGISTRY_SOURCE);
  if (trust !== undefined) checkOptions("createRegistryClient", trust, { keys: "string[]", readSerial: "function?", writeSerial: "function?", now: "function?" }, "trust");
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let pending = cache.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      cache.set(key, pending);
    }
    return pending;
  };

  const readTarball = async (resolved: string, integrity: string, subject: string): Promise<Uint8Array> => {
    const bytes = await source.readTarball(resolved, integrity);
    if (!bytes) {
      throw new AgentregError(ErrorCode.NOT_FOUND, `tarball ${resolved} is missing from ${source.location}`, {
        subject,
        hint: "The registry is incomplete; rebuild it or report it to its owner.",
      });
    }
    verifyIntegrity(bytes, integrity, subject);
    return bytes;
  };

  const client: RegistryClient = {
    source,
    getIndex: () =>
      once(registryPaths.index, async () => {
        const where = documentLocation(source, registryPaths.index);
        let index: RegistryIndex | undefined;
        const bytes = await source.read(registryPaths.index, (b) => {
          index = parseDocument(() => indexSchemas().registryIndexSchema, b, where, parseRegistryIndexFast);
        });
        if (!bytes) {
          throw new AgentregError(ErrorCode.REGISTRY, `${source.location} has no index.json`, {
            subject: source.location,
            hint: "Point --registry at a built registry (agentreg registry build) or a registry source folder.",
          });
        }
        const parsed = index ?? parseDocument(() => indexSchemas().registryIndexSchema, bytes, where, parseRegistryIndexFast);
        // A registry with pinned keys is not even searched through an index it did not sign.
        if (trust) await assertIndexTrusted(parsed, trust, source.id);
        return parsed;
      }),
    getPackument: (name) =>
      once(registryPaths.packument(name), async () => {
        if (trust) await client.getIndex();
        const where = documentLocation(source, registryPaths.packument(name));
        let parsed: Packument | undefined;
        const bytes = await source.read(registryPaths.packument(name), (b) => {
          parsed = parseDocument(() => packumentSchemas().packumentSchema, b, where, parsePackumentFast);
        });
        if (!bytes) throw await notFound(client, name);
        const packument = parsed ?? parseDocument(() => packumentSchemas().packumentSchema, bytes, where, parsePackumentFast);
        if (packument.name !== name) {
          throw new AgentregError(ErrorCode.REGISTRY, `packument for ${name} names ${packument.name}`, {
            subject: name,
            hint: `The registry at ${source.location} is inconsistent; report it to its owner.`,
          });
        }
        return packument;
      }),
    getTarball: (name, version, entry) => {
      if (trust) assertVersionSigned(name, version, entry, trust, source.id);
      return readTarball(source.resolveTarball(entry.tarball), entry.integrity, `${name}@${version}`);
    },
    getLockedTarball: (resolved, integrity, subject) => readTarball(resolved, integrity, subject),
  };
  return client;
}

async function notFound(client: RegistryClient, name: string): Promise<AgentregError> {
  // The index is read only on this failure path, to offer close names.
  const names = await client.getIndex().then(
    (index) => index.agents.map((agent) => agent.name),
    () => [],
  );
  const suggestions = suggestNames(name, names);
  const where = `agentreg looked only in registry ${client.source.id}${client.source.id === client.source.location ? "" : ` (${client.source.location})`}`;
  const hint =
    suggestions.length > 0
      ? `Did you mean ${suggestions.map((s) => `\`${s}\``).join(", ")}? (${where}.)`
      : `${where}. If the agent lives in another registry, pass its URL or folder with --registry, or add the registry to agentreg.json; \`agentreg search ${name.split("-")[0]}\` lists what this one has.`;
  return new AgentregError(ErrorCode.NOT_FOUND, `no agent named ${name} in ${client.source.location}`, {
    subject: name,
    hint,
    details: { suggestions },
  });
}

/**
 * `fast` may answer for valid documents without the schema; whatever it declines goes through zod,
 * whose schema (`schema()`, built on first use) is then built.
 */
function parseDocument<S extends z.ZodType>(schema: () => S, bytes: Uint8Array, where: string, fast: (json: unknown) => z.infer<S> | undefined): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new AgentregError(ErrorCode.REGISTRY, `${where} is not valid JSON`, {
      subject: where,
      hint: "The registry is broken; report it to its owner.",
      cause: error,
    });
  }
  const quick = fast(json);
  if (quick !== undefined) return quick;
  const result = schema().safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid";
    throw new AgentregError(ErrorCode.REGISTRY, `${where} does not follow the registry protocol (${at})`, {
      subject: where,
      hint: "The registry is broken or speaks another protocol version; report it to its owner.",
    });
  }
  return result.data;
}

/** Where a document lives, for messages: `https://host/agents/x.json`, `/srv/registry/index.json`. */
function documentLocation(source: RegistrySource, path: string): string {
  return source.location.endsWith("/") ? source.location + path : `${source.location}/${path}`;
}
