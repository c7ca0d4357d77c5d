import { parseAgentSpec } from "../../agent/agent-name.js";
import { BUILTIN_REGISTRY } from "../../registry/builtin-source.js";
import { own } from "../../own-record.js";
import type { ProjectConfig, WantedAgent } from "./project-config.js";

/** The registry name that unscoped agents use when `agentreg.json` defines it. */
export const DEFAULT_REGISTRY = "default";

/**
 * The range `agentreg.json` wants for an agent, whichever form its entry has; `undefined` when the
 * config does not name it.
 *
 * @example
 * wantedRange({ agents: { x: { version: "^1.0.0", registry: "https://m.dev" } } }, "x"); // "^1.0.0"
 */
export function wantedRange(config: ProjectConfig, key: string): string | undefined {
  const wanted = own(config.agents, key);
  return typeof wanted === "string" ? wanted : wanted?.version;
}

/**
 * The registry id an agent comes from according to `agentreg.json` alone: its scope's registry, else
 * the registry its entry names, else `default` when configured, else `builtin`. The lockfile must
 * agree with it (a lock-only change must not be able to install from elsewhere).
 *
 * @example
 * impliedRegistry({ agents: { x: "^1.0.0" } }, "x"); // "builtin"
 */
export function impliedRegistry(config: ProjectConfig, key: string): string {
  const { scope } = parseAgentSpec(key);
  if (scope !== undefined) return scope;
  return configuredRegistry(config, key) ?? defaultRegistry(config);
}

/** The registry an unscoped agent's entry names explicitly (`{ "registry": … }`), if any. */
export function configuredRegistry(config: ProjectConfig, key: string): string | undefined {
  const wanted = own(config.agents, key);
  return typeof wanted === "object" ? wanted.registry : undefined;
}

/** Where unscoped agents without a registry of their own come from. */
export function defaultRegistry(config: ProjectConfig): string {
  return own(config.registries, DEFAULT_REGISTRY) ? DEFAULT_REGISTRY : BUILTIN_REGISTRY;
}

/**
 * The entry to record for an agent: the plain range when the registry is the one the config implies
 * anyway, else `{ version, registry }`, so that `agentreg.json` alone says where every agent comes from.
 *
 * @example
 * recordWanted({ agents: {} }, "x", "^1.0.0", "https://mirror.dev"); // { version: "^1.0.0", registry: "https://mirror.dev" }
 */
export function recordWanted(config: ProjectConfig, key: string, range: string, registry: string): WantedAgent {
  const { scope } = parseAgentSpec(key);
  return scope !== undefined || registry === defaultRegistry(config) ? range : { version: range, registry };
}
