import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatAgentSpec, parseAgentSpec } from "../../agent/agent-name.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { checkNetworkOptions, type NetworkOptions } from "../../registry/http/network-options.js";
import { resolveVersion } from "../../resolve/resolve-version.js";
import { assertSafeDestination, installPathFor } from "../state/agent-files.js";
import { fetchLockedAgent, fetchResolvedAgent } from "../transaction/fetch-agent.js";
import { targetsOfPaths } from "../transaction/target-files.js";
import { targetPath } from "../../targets/agent-targets.js";
import { createRegistryOpener } from "../state/open-registry.js";
import { PROJECT_LOCATION_SPEC, type ProjectLocation } from "../transaction/project-session.js";
import { loadProject } from "../transaction/project-state.js";
import { configuredRegistry } from "../state/wanted-agents.js";
import { own } from "../../own-record.js";
import { unifiedDiff } from "../../unified-diff.js";
import { checkOptions } from "../../check-arguments.js";

export interface DiffAgentOptions extends ProjectLocation {
  /** The agent as written in `agentreg.json`. */
  name: string;
  /** Compare the file on disk with this version (or range/tag) instead of the locked version with the disk. */
  to?: string;
  registry?: string;
  network?: NetworkOptions;
}

export interface DiffAgentResult {
  key: string;
  from: string;
  to: string;
  /** Unified diff; empty when the two are identical. */
  diff: string;
}

/**
 * Without `to`: what the user changed, as a unified diff from the locked version's file to the file
 * on disk, for each file the lock lists (one per coding tool the agent is installed for). With `to`: what moving to that version would change in the file on disk.
 *
 * @example
 * const { diff } = await diffAgent({ dir: process.cwd(), name: "senior-backend-engineer" });
 */
export async function diffAgent(options: DiffAgentOptions): Promise<DiffAgentResult> {
  checkOptions("diffAgent", options, { ...PROJECT_LOCATION_SPEC, name: "string", to: "string?", registry: "string?", network: "object?" });
  checkNetworkOptions("diffAgent", options.network);
  const project = await loadProject(options);
  const spec = parseAgentSpec(options.name);
  const key = formatAgentSpec(spec);
  const locked = own(project.lock.agents, key);
  if (!locked) {
    throw new AgentregError(ErrorCode.NOT_FOUND, `${key} is not installed (not in agentreg.lock)`, {
      subject: key,
      hint: "Run `agentreg list` to see the installed agents.",
    });
  }
  const path = installPathFor(spec.name);
  const onDisk = (await assertSafeDestination(project.dir, path)) ? await readFile(join(project.dir, ...path.split("/"))) : undefined;
  const registries = createRegistryOpener({ dir: project.configDir, config: project.config, override: options.registry, network: options.network });
  try {
    const decode = (bytes: Uint8Array | undefined): string => (bytes === undefined ? "" : new TextDecoder().decode(bytes));
    const diskLabel = `${path}${onDisk === undefined ? " (missing)" : ""}`;
    if (options.to === undefined) {
      const client = await registries.open(locked.registry);
      // Every file the lock lists, one per target: each is compared with what the locked version gives for its tool.
      const paths = Object.keys(locked.files).sort((a, b) => (a === path ? -1 : b === path ? 1 : a < b ? -1 : 1));
      const targets = targetsOfPaths(spec.name, paths);
      const scope = targets.some((target) => paths.includes(targetPath(target, spec.name, "user")) && !paths.includes(targetPath(target, spec.name))) ? "user" : "project";
      const original = await fetchLockedAgent({ client, key, name: spec.name, lockEntry: locked, targets: { targets, scope } });
      const from = `${key}@${locked.version}`;
      const diffs: string[] = [];
      for (const file of paths) {
        const current = file === path ? onDisk : (await assertSafeDestination(project.dir, file)) ? await readFile(join(project.dir, ...file.split("/"))) : undefined;
        const label = `${file}${current === undefined ? " (missing)" : ""}`;
        diffs.push(unifiedDiff({ oldText: decode(original.files.get(file) ?? original.source), newText: decode(current), oldLabel: file === path ? from : `${from} (${file})`, newLabel: label }));
      }
      return { key, from, to: paths.includes(path) ? diskLabel : paths.join(", "), diff: diffs.join("") };
    }
    const client = await registries.open(registries.idFor(spec.scope, configuredRegistry(project.config, key)));
    const packument = await client.getPackument(spec.name);
    const { version, entry } = resolveVersion({ packument, range: options.to, displayName: key });
    const target = await fetchResolvedAgent({ client, key, name: spec.name, version, entry });
    const base = onDisk ?? (await fetchLockedAgent({ client: await registries.open(locked.registry), key, name: spec.name, lockEntry: locked })).source;
    const to = `${key}@${version}`;
    return { key, from: diskLabel, to, diff: unifiedDiff({ oldText: decode(base), newText: decode(target.source), oldLabel: diskLabel, newLabel: to }) };
  } finally {
    await registries.close();
  }
}
