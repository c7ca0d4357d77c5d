import * as z from "zod";
import { isPublicKey } from "../registry/signatures.js";

/**
 * The registry source folder (DESIGN §4): the human-edited form of a registry, which
 * `agentreg registry build` turns into the static protocol.
 *
 *     registry.json                       name, description, homepage, owner, serial, keys
 *     agents/<name>/agent.json            keywords, license, author, versions, deprecations, yanks
 *     agents/<name>/<version>/<name>.md   the exact file a user gets
 */
export const registrySourceSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  homepage: z.string().optional(),
  /**
   * Where the built registry is hosted (`https://agents.acme.dev`): the catalog's install commands
   * say `--registry <url>`. Without it, the catalog's script uses the page's own address.
   */
  url: z
    .string()
    .refine((url) => /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/i.test(url) && !/[\x00-\x1f\x7f]/.test(url), "not an http(s) URL without query or fragment")
    .optional(),
  /** Who runs the registry: the `owner.name` of its Claude Code marketplace (default: `name`). */
  owner: z.string().optional(),
  /** Raised by every publish; becomes the index's `serial`, so clients can refuse rollbacks. */
  serial: z.number().int().nonnegative().default(0),
  /** Public keys (`ed25519:<base64>`) clients may pin, published in `keys.json`. */
  keys: z.array(z.string().refine(isPublicKey, "not an ed25519:<base64> public key")).default([]),
});

export const agentSourceSchema = z.looseObject({
  keywords: z.array(z.string()).default([]),
  license: z.string().optional(),
  author: z.string().optional(),
  /** Per-version facts that are not in the file itself. */
  versions: z.record(z.string(), z.object({ publishedAt: z.string() })).default({}),
  /** version -> deprecation message. */
  deprecations: z.record(z.string(), z.string()).default({}),
  yanks: z.array(z.string()).default([]),
});

export type RegistrySourceConfig = z.infer<typeof registrySourceSchema>;
export type AgentSourceConfig = z.infer<typeof agentSourceSchema>;

export const sourcePaths = {
  registry: "registry.json",
  agentsDir: "agents",
  agent: (name: string): string => `agents/${name}/agent.json`,
  agentFile: (name: string, version: string): string => `agents/${name}/${version}/${name}.md`,
  /** A publisher's own file for another coding tool (`handWrittenPath`), beside the agent file. */
  versionFile: (name: string, version: string, path: string): string => `agents/${name}/${version}/${path}`,
} as const;
