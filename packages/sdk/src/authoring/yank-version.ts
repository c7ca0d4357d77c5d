import { AgentregError, ErrorCode } from "../errors.js";
import { pickLatest } from "./pick-latest.js";
import { noVersionError, openRegistrySource, parseSourceSpec } from "./registry-source-store.js";
import { sourcePaths } from "./source-schema.js";
import { checkOptions } from "../check-arguments.js";

export interface YankVersionOptions {
  /** `name@version`: one exact version. */
  spec: string;
  /** The registry source folder. */
  to: string;
  /** Take the yank back. */
  undo?: boolean;
  dryRun?: boolean;
}

export interface YankVersionResult {
  name: string;
  version: string;
  yanked: boolean;
  /** False when the version already was in the asked state; nothing is written then. */
  changed: boolean;
  /** What `latest` points at after the change. */
  latest: string;
  files: string[];
}

/**
 * Yanks one published version (or takes the yank back): resolution skips it from the next build on,
 * while projects that locked it still install it by integrity, as with Cargo. Yanking the highest
 * version moves `latest` to the highest one left. The file itself never changes.
 *
 * @example
 * await yankVersion({ spec: "reviewer@1.2.0", to: "registry" });
 */
export async function yankVersion(options: YankVersionOptions): Promise<YankVersionResult> {
  checkOptions("yankVersion", options, { spec: "string", to: "path", undo: "boolean?", dryRun: "boolean?" });
  const { name, range: version } = parseSourceSpec(options.spec, { exact: true }) as { name: string; range: string };
  const store = await openRegistrySource(options.to);
  const published = await store.publishedVersions(name);
  if (!published.includes(version)) throw noVersionError({ dir: options.to, name, wanted: version, versions: published });

  const agent = await store.readAgent(name);
  const yanks = new Set(agent.yanks);
  const wasYanked = yanks.has(version);
  if (options.undo) yanks.delete(version);
  else yanks.add(version);
  const changed = wasYanked === Boolean(options.undo);
  const latest = pickLatest(published, yanks);
  if (latest === undefined) throw new AgentregError(ErrorCode.REGISTRY, `${name} has no versions`, { subject: name, hint: "Publish a version first." });
  const files = changed ? [sourcePaths.agent(name), sourcePaths.registry] : [];
  if (changed && !options.dryRun) await store.commitAgent(name, { ...agent, yanks: [...yanks].sort() });
  return { name, version, yanked: !options.undo, changed, latest, files };
}
