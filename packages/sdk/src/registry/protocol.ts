import semver from "../semver.js";
import * as z from "zod";
import { memo } from "../memo.js";
import { ownRecord } from "../own-record.js";

/**
 * The static registry protocol, version 1 (DESIGN §3). These schemas are the only description of
 * what a registry serves: the client parses every document through them, the builder writes
 * documents of these types, and the types below are inferred from them.
 */
export const PROTOCOL_SCHEMA_VERSION = 1;

const isoDate = (): z.ZodString => z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not an ISO date");

/**
 * Whether `value` is a semver version written the one way semver writes it: `1.2.0`, `2.0.0-rc.1`;
 * never `v1.2.0`, `=1.2.0`, ` 1.2.0` or `1.2.0+build`, which semver would accept and rewrite. A
 * version from a registry becomes a lockfile value and a file name, so it must mean one thing.
 *
 * @example
 * isCanonicalVersion("1.2.0");  // true
 * isCanonicalVersion("v1.2.0"); // false
 */
export function isCanonicalVersion(value: string): boolean {
  // A plain x.y.z (the index of a 10,000-agent registry checks 10,000 of them) is answered by
  // semver.ts without building a SemVer object.
  return semver.valid(value) === value;
}

const NOT_A_VERSION = "not a semver version (x.y.z)";
const version = (): z.ZodString => z.string().refine(isCanonicalVersion, NOT_A_VERSION);

/** Versions keyed by version: a key is a version as strictly as a value is. */
function versionRecord<V extends z.ZodType>(value: V) {
  return ownRecord(value).superRefine((record, context) => {
    for (const key of Object.keys(record)) {
      if (!isCanonicalVersion(key)) context.addIssue({ code: "custom", path: [key], message: `the key is ${NOT_A_VERSION}` });
    }
  });
}

// The zod schemas below are built the first time each is needed, not when this module loads: building
// zod schemas is a noticeable part of a command's start-up, and most commands read one kind of
// document (an `add` reads packuments, never an index). `registryIndexSchema`, `packumentSchema` and
// `packumentVersionSchema` (protocol-schemas.ts) are the same objects.

const signatureSchema = memo(() => z.object({ keyid: z.string(), sig: z.string() }));

/** The schemas of `index.json` and its entries. */
export const indexSchemas = memo(() => {
  const indexEntrySchema = z.object({
    name: z.string(),
    description: z.string(),
    latest: version(),
    keywords: z.array(z.string()).default([]),
    /** `"all"` when the agent has no `tools` line: it inherits every tool. */
    tools: z.union([z.literal("all"), z.array(z.string())]),
    model: z.string().optional(),
    updatedAt: isoDate(),
  });
  const registryIndexSchema = z.object({
    schemaVersion: z.literal(PROTOCOL_SCHEMA_VERSION),
    name: z.string(),
    serial: z.number().int().nonnegative(),
    generatedAt: isoDate(),
    expires: isoDate().optional(),
    agents: z.array(indexEntrySchema),
    signatures: z.array(signatureSchema()).optional(),
  });
  return { indexEntrySchema, registryIndexSchema };
});

/** The schemas of `agents/<name>.json` (a packument) and of each version in it. */
export const packumentSchemas = memo(() => {
  const packumentVersionSchema = z.object({
    integrity: z.string(),
    /** Relative to the registry root, or an absolute URL. */
    tarball: z.string(),
    size: z.number().int().nonnegative(),
    publishedAt: isoDate(),
    deprecated: z.string().optional(),
    yanked: z.boolean().optional(),
    // Prototype-free like every record keyed by a file's words: `frontmatter["constructor"]` is undefined.
    frontmatter: ownRecord(z.unknown()),
    /** Extra files shipped beside `<name>.md`, as POSIX paths inside the package. */
    files: z.array(z.string()).optional(),
    signatures: z.array(signatureSchema()).optional(),
  });
  const packumentSchema = z.object({
    name: z.string(),
    description: z.string().optional(),
    keywords: z.array(z.string()).optional(),
    license: z.string().optional(),
    distTags: ownRecord(version()),
    versions: versionRecord(packumentVersionSchema),
  });
  return { packumentVersionSchema, packumentSchema };
});

export type RegistryIndex = z.infer<ReturnType<typeof indexSchemas>["registryIndexSchema"]>;
export type RegistryIndexEntry = z.infer<ReturnType<typeof indexSchemas>["indexEntrySchema"]>;
export type Packument = z.infer<ReturnType<typeof packumentSchemas>["packumentSchema"]>;
export type PackumentVersion = z.infer<ReturnType<typeof packumentSchemas>["packumentVersionSchema"]>;

/** Where each document lives inside a registry, relative to its root. */
export const registryPaths = {
  index: "index.json",
  keys: "keys.json",
  packument: (name: string): string => `agents/${name}.json`,
  tarball: (name: string, version: string): string => `tarballs/${name}/${name}-${version}.tgz`,
} as const;
