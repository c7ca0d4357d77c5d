import { z } from "zod";

/**
 * The static registry protocol, version 1 (DESIGN §3). These schemas are the only description of
 * what a registry serves: the client parses every document through them, the builder writes
 * documents of these types, and the types below are inferred from them.
 */
export const PROTOCOL_SCHEMA_VERSION = 1;

const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not an ISO date");

export const signatureSchema = z.object({ keyid: z.string(), sig: z.string() });

export const indexEntrySchema = z.object({
  name: z.string(),
  description: z.string(),
  latest: z.string(),
  keywords: z.array(z.string()).default([]),
  /** `"all"` when the agent has no `tools` line: it inherits every tool. */
  tools: z.union([z.literal("all"), z.array(z.string())]),
  model: z.string().optional(),
  updatedAt: isoDate,
});

export const registryIndexSchema = z.object({
  schemaVersion: z.literal(PROTOCOL_SCHEMA_VERSION),
  name: z.string(),
  serial: z.number().int().nonnegative(),
  generatedAt: isoDate,
  expires: isoDate.optional(),
  agents: z.array(indexEntrySchema),
  signatures: z.array(signatureSchema).optional(),
});

export const packumentVersionSchema = z.object({
  integrity: z.string(),
  /** Relative to the registry root, or an absolute URL. */
  tarball: z.string(),
  size: z.number().int().nonnegative(),
  publishedAt: isoDate,
  deprecated: z.string().optional(),
  yanked: z.boolean().optional(),
  frontmatter: z.record(z.string(), z.unknown()),
  /** Extra files shipped beside `<name>.md`, as POSIX paths inside the package. */
  files: z.array(z.string()).optional(),
  signatures: z.array(signatureSchema).optional(),
});

export const packumentSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  license: z.string().optional(),
  distTags: z.record(z.string(), z.string()),
  versions: z.record(z.string(), packumentVersionSchema),
});

export const registryKeysSchema = z.object({
  keys: z.array(z.object({ keyid: z.string(), publicKey: z.string() })),
});

export type RegistryIndex = z.infer<typeof registryIndexSchema>;
export type RegistryIndexEntry = z.infer<typeof indexEntrySchema>;
export type Packument = z.infer<typeof packumentSchema>;
export type PackumentVersion = z.infer<typeof packumentVersionSchema>;

/** Where each document lives inside a registry, relative to its root. */
export const registryPaths = {
  index: "index.json",
  keys: "keys.json",
  packument: (name: string): string => `agents/${name}.json`,
  tarball: (name: string, version: string): string => `tarballs/${name}/${name}-${version}.tgz`,
} as const;
