import { join } from "node:path";
import { OTHER_TARGET_IDS, handWrittenPath } from "../targets/agent-targets.js";
import { packAgent } from "../archive/pack-agent.js";
import { pathExists } from "../path-exists.js";
import type { AgentDefinition } from "../agent/agent-definition.js";
import { exportMarketplace, type MarketplaceAgent } from "./marketplace-export.js";
import { pickLatest } from "../authoring/pick-latest.js";
import { listFolders, versionFolders } from "../authoring/source-folders.js";
import { readSourceAgentFile, readSourceJson } from "../authoring/read-source-file.js";
import { requireValidAgent } from "../agent/require-valid-agent.js";
import { AgentregError, ErrorCode } from "../errors.js";
import {
  PROTOCOL_SCHEMA_VERSION,
  registryPaths,
  type Packument,
  type PackumentVersion,
  type RegistryIndex,
  type RegistryIndexEntry,
} from "../registry/protocol.js";
import { indexPayload, keyidOf, loadSigningKey, versionPayload } from "../registry/signatures.js";
import { stringifyStable } from "../stable-json.js";
import { agentSourceSchema, registrySourceSchema, sourcePaths, type AgentSourceConfig } from "../authoring/source-schema.js";
import { summarizeDescription } from "./summarize-description.js";
import { mapLimit } from "../map-limit.js";
import { checkOptions } from "../check-arguments.js";

export interface BuildRegistryFilesOptions {
  /** The registry source folder. */
  source: string;
  /** An ed25519 private key (PEM text): signs every version and the index. */
  signingKey?: string | undefined;
  /** When the signed index stops being valid (ISO date); clients refuse it after that (freeze defence). */
  expires?: string | undefined;
  /**
   * Also write the Claude Code plugin marketplace (`.claude-plugin/marketplace.json` and `plugins/`,
   * see marketplace-export.ts). Default false: reading a source folder as a registry needs only the
   * protocol files; `buildRegistry`, which writes a registry to host, turns it on.
   */
  marketplace?: boolean | undefined;
  /**
   * Also write the catalog website (`index.html`, `agents/<name>.html`, `site/`). Default false, as
   * for the marketplace; `buildRegistry` turns it on.
   */
  site?: boolean | undefined;
}

export interface BuildRegistryFilesResult {
  /** Registry-relative POSIX path -> bytes, in sorted order. */
  files: Map<string, Uint8Array>;
  agents: number;
  versions: number;
  /** The Claude Code marketplace name (`<agent>@<marketplace>`), or undefined when it was not written. */
  marketplace: string | undefined;
}

/**
 * Builds the static registry (DESIGN §3) from a source folder, in memory. The output depends only on
 * the source: no clocks, no file system order, fixed tarball mtimes, so a build is reproducible.
 *
 * @example
 * const { files } = await buildRegistryFiles({ source: "registry" });
 * files.get("agents/senior-backend-engineer.json");
 */
export async function buildRegistryFiles(options: BuildRegistryFilesOptions): Promise<BuildRegistryFilesResult> {
  checkOptions("buildRegistryFiles", options, { source: "path", signingKey: "string?", expires: "string?", marketplace: "boolean?", site: "boolean?" });
  const { source } = options;
  const registry = await readSourceJson({
    path: join(source, sourcePaths.registry),
    schema: registrySourceSchema,
    hint: "Fix registry.json, or create a source folder with `agentreg registry init <dir>`.",
  });
  if (!registry) {
    throw new AgentregError(ErrorCode.NOT_FOUND, `${source} is not a registry source folder (no registry.json)`, {
      subject: source,
      hint: "Create one with `agentreg registry init <dir>`.",
    });
  }

  const signer = options.signingKey === undefined ? undefined : loadSigningKey(options.signingKey);
  const files = new Map<string, Uint8Array>();
  const entries: RegistryIndexEntry[] = [];
  const marketplaceAgents: MarketplaceAgent[] = [];
  let versionCount = 0;
  // Agents are read and packed a few at a time (file reads overlap), and added in name order.
  const names = await listFolders(join(source, sourcePaths.agentsDir));
  const builtAgents = await mapLimit(names, BUILD_CONCURRENCY, (name) => buildAgent(source, name));
  const packuments = new Map<string, Packument>();
  for (const [i, built] of builtAgents.entries()) {
    const name = names[i] as string;
    if (signer) {
      for (const [version, entry] of Object.entries(built.packument.versions)) {
        entry.signatures = [{ keyid: signer.keyid, sig: signer.sign(versionPayload(name, version, entry.integrity)) }];
      }
    }
    versionCount += built.tarballs.size;
    for (const [path, bytes] of built.tarballs) files.set(path, bytes);
    files.set(registryPaths.packument(name), encode(stringifyStable(built.packument)));
    packuments.set(name, built.packument);
    entries.push(built.entry);
    if (built.marketplace) marketplaceAgents.push(built.marketplace);
  }

  const index: RegistryIndex = {
    schemaVersion: PROTOCOL_SCHEMA_VERSION,
    name: registry.name,
    serial: registry.serial,
    generatedAt: entries.reduce((latest, entry) => (entry.updatedAt > latest ? entry.updatedAt : latest), new Date(0).toISOString()),
    ...(options.expires === undefined ? {} : { expires: options.expires }),
    agents: entries,
  };
  if (signer) index.signatures = [{ keyid: signer.keyid, sig: signer.sign(indexPayload(index)) }];
  files.set(registryPaths.index, encode(stringifyStable(index)));
  const publicKeys = [...new Set([...registry.keys, ...(signer ? [signer.publicKey] : [])])].sort();
  files.set(registryPaths.keys, encode(stringifyStable({ keys: publicKeys.map((publicKey) => ({ keyid: keyidOf(publicKey), publicKey })) })));
  const marketplace = options.marketplace
    ? exportMarketplace({ registry: { name: registry.name, description: registry.description, owner: registry.owner }, agents: marketplaceAgents })
    : undefined;
  for (const [path, bytes] of marketplace?.files ?? []) files.set(path, bytes);
  if (options.site) {
    // Loaded only for a catalog: reading a source folder as a registry (`add --registry ./src`) builds without one.
    const { buildSiteFiles } = await import("../site/build-site.js");
    const sources = new Map(builtAgents.map((built, i) => [names[i] as string, built.sources]));
    const site = buildSiteFiles({ index, description: registry.description, homepage: registry.homepage, url: registry.url, packuments, sources });
    for (const [path, bytes] of site) files.set(path, bytes);
  }
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), agents: entries.length, versions: versionCount, marketplace: marketplace?.name };
}

/** Agents read and packed at once: enough to keep the file system busy, few enough to bound memory. */
const BUILD_CONCURRENCY = 16;

interface BuiltAgent {
  packument: Packument;
  entry: RegistryIndexEntry;
  tarballs: Map<string, Uint8Array>;
  /** The agent at `latest`, for its Claude Code plugin; undefined when every version is yanked. */
  marketplace: MarketplaceAgent | undefined;
  /** Version -> the agent file, for the catalog's pages. */
  sources: Map<string, Uint8Array>;
}

/** A version's files of the publisher's own for other coding tools (`targets/<target>/…`), by package path. */
async function readHandWrittenFiles(source: string, name: string, version: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  // One look for the folder first: nearly every version has none, and a build reads thousands.
  if (!(await pathExists(join(source, sourcePaths.versionFile(name, version, "targets"))))) return files;
  for (const target of OTHER_TARGET_IDS) {
    const path = handWrittenPath(target, name);
    const bytes = await readSourceAgentFile(join(source, sourcePaths.versionFile(name, version, path)));
    if (bytes !== undefined) files.set(path, bytes);
  }
  return files;
}

async function buildAgent(source: string, name: string): Promise<BuiltAgent> {
  const meta: AgentSourceConfig = (await readSourceJson({
    path: join(source, sourcePaths.agent(name)),
    schema: agentSourceSchema,
    hint: `Fix agents/${name}/agent.json in the registry source.`,
  })) ?? agentSourceSchema.parse({});

  const versionDirs = await versionFolders(source, name);
  if (versionDirs.length === 0) {
    throw new AgentregError(ErrorCode.REGISTRY, `agent ${name} has no published version folder`, {
      subject: join(source, "agents", name),
      hint: "Publish a version with `agentreg publish <file.md> --to <source> --version 1.0.0`.",
    });
  }

  const versions: Record<string, PackumentVersion> = {};
  const tarballs = new Map<string, Uint8Array>();
  const definitions = new Map<string, AgentDefinition>();
  const sources = new Map<string, Uint8Array>();
  for (const version of versionDirs) {
    const path = join(source, sourcePaths.agentFile(name, version));
    const bytes = await readSourceAgentFile(path);
    if (bytes === undefined) {
      throw new AgentregError(ErrorCode.REGISTRY, `missing ${name}.md for ${name}@${version}`, {
        subject: path,
        hint: `Each version folder holds exactly the file users get, named ${name}.md.`,
      });
    }
    const checked = requireValidAgent({ bytes, file: path, fileName: `${name}.md`, label: `${name}@${version}`, what: "built" });
    const handWritten = await readHandWrittenFiles(source, name, version);
    const packed = await packAgent({ name, files: { [`${name}.md`]: bytes, ...Object.fromEntries(handWritten) } });
    const tarballPath = registryPaths.tarball(name, version);
    tarballs.set(tarballPath, packed.tarball);
    definitions.set(version, checked.agent);
    sources.set(version, bytes);
    versions[version] = {
      integrity: packed.integrity,
      tarball: tarballPath,
      size: packed.size,
      publishedAt: meta.versions[version]?.publishedAt ?? new Date(0).toISOString(),
      frontmatter: checked.frontmatter,
      ...(handWritten.size > 0 ? { files: [...handWritten.keys()].sort() } : {}),
      ...(meta.deprecations[version] ? { deprecated: meta.deprecations[version] } : {}),
      ...(meta.yanks.includes(version) ? { yanked: true } : {}),
    };
  }

  const latest = pickLatest(Object.keys(versions), new Set(meta.yanks)) as string;
  const latestAgent = definitions.get(latest);
  const description = summarizeDescription(latestAgent?.description ?? "");
  const packument: Packument = {
    name,
    description,
    keywords: [...meta.keywords].sort(),
    ...(meta.license === undefined ? {} : { license: meta.license }),
    distTags: { latest },
    versions,
  };
  const entry: RegistryIndexEntry = {
    name,
    description,
    latest,
    keywords: [...meta.keywords].sort(),
    tools: latestAgent?.tools ?? "all",
    ...(latestAgent?.model === undefined ? {} : { model: latestAgent.model }),
    updatedAt: Object.values(versions).reduce((max, v) => (v.publishedAt > max ? v.publishedAt : max), new Date(0).toISOString()),
  };
  // `latest` names a yanked version only when all are yanked: then there is nothing to offer Claude Code.
  const marketplace: MarketplaceAgent | undefined = versions[latest]?.yanked
    ? undefined
    : { name, version: latest, bytes: sources.get(latest) as Uint8Array, description, keywords: meta.keywords, license: meta.license, author: meta.author };
  return { packument, entry, tarballs, marketplace, sources };
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
