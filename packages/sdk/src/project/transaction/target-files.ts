import { computeIntegrity } from "../../archive/integrity.js";
import { AGENT_TARGETS, TARGET_IDS, parseTargets, targetPath, type TargetId } from "../../targets/agent-targets.js";
import type { InstallEvent } from "./install-events.js";
import { translateAgent, type TranslationFinding } from "../../targets/translate-agent.js";

/** The targets a project installs for when `agentreg.json` names none: Claude Code alone. */
export const DEFAULT_TARGETS: readonly TargetId[] = ["claude"];

/** Where and for which tools a command installs: `--target` for this run, else agentreg.json's `targets`, else Claude Code. */
export interface InstallTargets {
  /** Without repeats, in the order of `TARGET_IDS` (as `parseTargets` gives them). */
  targets: readonly TargetId[];
  scope: "project" | "user";
}

/** Claude Code alone, in a project: what a caller that names no targets gets. */
export const CLAUDE_ONLY: InstallTargets = { targets: DEFAULT_TARGETS, scope: "project" };

/**
 * The files an agent installs as in a project, one per target (issue 17): the registry's file
 * itself for `claude`, the publisher's own file for a target where the package has one, else a
 * translation, each at its target's path. The
 * translations are pure functions of the verified bytes, so they are as trustworthy as those.
 *
 * @example
 * const { files } = filesForTargets("reviewer", bytes, { targets: ["claude", "opencode"], scope: "project" });
 * // files: .claude/agents/reviewer.md, .opencode/agents/reviewer.md
 */
export function filesForTargets(
  name: string,
  source: Uint8Array,
  { targets, scope }: InstallTargets,
  handWritten: ReadonlyMap<TargetId, Uint8Array> = new Map(),
): { files: Map<string, Uint8Array>; findings: TranslationFinding[] } {
  const files = new Map<string, Uint8Array>();
  const findings: TranslationFinding[] = [];
  for (const target of targets) {
    // Claude Code's file is the registry's, as published, whatever it holds: the install's gates judge it.
    if (target === "claude") {
      files.set(targetPath(target, name, scope), source);
      continue;
    }
    const own = handWritten.get(target);
    if (own) {
      files.set(targetPath(target, name, scope), own);
      findings.push({ target, field: "file", message: `the publisher's own file for ${AGENT_TARGETS[target].label}, installed as published (not translated)` });
      continue;
    }
    const translated = translateAgent(source, target);
    files.set(targetPath(target, name, scope), translated.bytes);
    findings.push(...translated.findings);
  }
  return { files, findings };
}

/** The lock's `files` of an agent: each installed path with the sha512 of its bytes. */
export function lockedFilesOf(files: ReadonlyMap<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries([...files].map(([path, bytes]) => [path, computeIntegrity(bytes)]));
}

/**
 * The targets of one command.
 *
 * @example
 * installTargets(project.config, { targets: ["opencode"] }); // { targets: ["opencode"], scope: "project" }
 */
export function installTargets(config: { targets?: readonly TargetId[] | undefined }, options: { targets?: readonly string[] | undefined; scope?: "project" | "user" | undefined }): InstallTargets {
  const targets = options.targets !== undefined ? parseTargets(options.targets) : config.targets !== undefined ? parseTargets(config.targets) : DEFAULT_TARGETS;
  return { targets, scope: options.scope ?? "project" };
}

/** The paths agent `name` installs at for these targets. */
export function pathsForTargets(name: string, { targets, scope }: InstallTargets): string[] {
  return targets.map((target) => targetPath(target, name, scope));
}

/** Files an agent's previous lock entry lists that its new files do not: another target's, to delete. */
export function staleFiles(key: string, previous: { files: Record<string, string> } | undefined, files: ReadonlyMap<string, Uint8Array>): Array<{ key: string; path: string }> {
  return Object.keys(previous?.files ?? {})
    .filter((path) => !files.has(path))
    .map((path) => ({ key, path }));
}

/** Tells the user, through `onEvent`, what each translated file could not carry over. */
export function reportFindings(agent: { key: string; lockEntry: { version: string }; findings: readonly TranslationFinding[] }, onEvent: ((event: InstallEvent) => void) | undefined): void {
  for (const finding of agent.findings) onEvent?.({ type: "translated", key: agent.key, version: agent.lockEntry.version, target: finding.target, field: finding.field, message: finding.message });
}

/** The targets whose files a lock entry lists (a path of no target is left out). */
export function targetsOfPaths(name: string, paths: Iterable<string>): TargetId[] {
  const listed = new Set(paths);
  return TARGET_IDS.filter((target) => listed.has(targetPath(target, name)) || listed.has(targetPath(target, name, "user")));
}
