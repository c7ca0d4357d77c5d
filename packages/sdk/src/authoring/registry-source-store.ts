import { join, resolve } from "node:path";
import semver from "../semver.js";
import { writeFileAtomic } from "../atomic-write.js";
import { assertAgentName } from "../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../errors.js";
import { stringifyStable } from "../stable-json.js";
import { readSourceJson } from "./read-source-file.js";
import { versionFolders } from "./source-folders.js";
import { agentSourceSchema, registrySourceSchema, sourcePaths, type AgentSourceConfig, type RegistrySourceConfig } from "./source-schema.js";

/** A registry source folder opened for an edit: publish, yank or deprecate. */
export interface RegistrySourceStore {
  /** The folder, absolute. */
  root: string;
  registry: RegistrySourceConfig;
  /** agent.json of `name`, or the defaults when the agent has none yet. */
  readAgent(name: string): Promise<AgentSourceConfig>;
  /** The versions that have a folder, in ascending semver order: what a build would publish. */
  publishedVersions(name: string): Promise<string[]>;
  /**
   * Writes agent.json and then registry.json with its serial raised, so clients see a new serial for
   * every change. agent.json goes first: a crash in between leaves a change the next build reads
   * correctly, with only the serial not yet raised.
   */
  commitAgent(name: string, agent: AgentSourceConfig): Promise<void>;
  /**
   * Writes agent.json only. A change of many agents (a bulk publish) writes each agent.json and then
   * raises the serial once: the same order as `commitAgent`, with one registry.json write instead of
   * one per agent.
   */
  writeAgent(name: string, agent: AgentSourceConfig): Promise<void>;
  /** Raises registry.json's serial by one. */
  raiseSerial(): Promise<void>;
}

/**
 * Opens a registry source folder (DESIGN §4); a folder without registry.json is `E_NOT_FOUND` with
 * the command that creates one.
 *
 * @example
 * const store = await openRegistrySource("registry");
 * const versions = await store.publishedVersions("code-reviewer");
 */
export async function openRegistrySource(dir: string): Promise<RegistrySourceStore> {
  const root = resolve(dir);
  const registryPath = join(root, sourcePaths.registry);
  const registry = await readSourceJson({ path: registryPath, schema: registrySourceSchema, hint: "Fix registry.json." });
  if (!registry) {
    throw new AgentregError(ErrorCode.NOT_FOUND, `${dir} is not a registry source folder (no registry.json)`, {
      subject: dir,
      hint: `Create it with \`agentreg registry init ${dir}\`.`,
    });
  }
  let serial = registry.serial;
  const writeAgent = async (name: string, agent: AgentSourceConfig): Promise<void> => {
    await writeFileAtomic(join(root, sourcePaths.agent(name)), stringifyStable(agent));
  };
  const raiseSerial = async (): Promise<void> => {
    serial += 1;
    await writeFileAtomic(registryPath, stringifyStable({ ...registry, serial }));
  };
  return {
    root,
    registry,
    async readAgent(name) {
      const path = join(root, sourcePaths.agent(name));
      return (await readSourceJson({ path, schema: agentSourceSchema, hint: `Fix ${path}.` })) ?? agentSourceSchema.parse({});
    },
    publishedVersions: (name) => versionFolders(root, name),
    async commitAgent(name, agent) {
      await writeAgent(name, agent);
      await raiseSerial();
    },
    writeAgent,
    raiseSerial,
  };
}

/**
 * Reads `name@version` (an exact version) or `name@range` for a source edit. Source folders hold plain
 * names: the scope belongs to the consumer's configuration, not to the registry.
 *
 * @example
 * parseSourceSpec("reviewer@1.2.0", { exact: true }); // { name: "reviewer", range: "1.2.0" }
 */
export function parseSourceSpec(spec: string, options: { exact: boolean }): { name: string; range: string | undefined } {
  const at = spec.lastIndexOf("@");
  const name = at > 0 ? spec.slice(0, at) : spec;
  const range = at > 0 ? spec.slice(at + 1) : undefined;
  const example = options.exact ? "reviewer@1.2.0" : "reviewer@<1.2.0";
  if (name.startsWith("@") || name.includes("/")) {
    throw new AgentregError(ErrorCode.USAGE, `${JSON.stringify(spec)} is scoped; a registry source holds plain names`, {
      subject: spec,
      hint: `Name the agent as the source folder does, for example ${example}.`,
    });
  }
  assertAgentName(name);
  if (range === "" || (options.exact ? range === undefined || semver.valid(range) !== range : range !== undefined && semver.validRange(range) === null)) {
    throw new AgentregError(ErrorCode.USAGE, `${JSON.stringify(spec)} does not name ${options.exact ? "one exact version" : "a version or range"}`, {
      subject: spec,
      hint: `Write it as ${example}.`,
    });
  }
  return { name, range };
}

/**
 * `E_NOT_FOUND` for an agent with no versions in the source, `E_NO_MATCH` listing the versions there
 * are when none matches.
 */
export function noVersionError(options: { dir: string; name: string; wanted: string | undefined; versions: string[] }): AgentregError {
  const { dir, name, wanted, versions } = options;
  if (versions.length === 0) {
    return new AgentregError(ErrorCode.NOT_FOUND, `${name} is not published in ${dir}`, {
      subject: name,
      hint: `Publish it first with \`agentreg publish ${name}.md --to ${dir} --version 1.0.0\`.`,
    });
  }
  return new AgentregError(ErrorCode.NO_MATCH, `no published version of ${name} matches ${wanted ?? "*"}`, {
    subject: `${name}@${wanted ?? "*"}`,
    hint: `Published versions: ${versions.join(", ")}.`,
  });
}
