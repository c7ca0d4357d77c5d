import { isIsoDate, isRecord, isStringArray, ownRecordOf, signaturesOf } from "./json-shapes.js";
import { isCanonicalVersion, type Packument, type PackumentVersion } from "./protocol.js";

/**
 * A packument (`agents/<name>.json`) read by a hand-written check instead of zod: every `add` reads
 * one, and building zod's packument schema for its first parse cost ~5 ms of a ~250 ms command. The
 * check accepts exactly what `packumentSchema` accepts and returns what it returns (unknown keys
 * dropped, the records without a prototype); `undefined` means "not accepted here", and the caller
 * then runs the schema itself, so an invalid packument still fails with zod's message.
 * parse-packument.test.ts holds the two to the same answers.
 *
 * @example
 * const packument = parsePackumentFast(JSON.parse(text)) ?? packumentSchema.parse(json);
 */
export function parsePackumentFast(json: unknown): Packument | undefined {
  if (!isRecord(json) || typeof json.name !== "string") return undefined;
  const { description, keywords, license } = json;
  if (description !== undefined && typeof description !== "string") return undefined;
  if (keywords !== undefined && !isStringArray(keywords)) return undefined;
  if (license !== undefined && typeof license !== "string") return undefined;
  const distTags = ownRecordOf(json.distTags, isVersion);
  const listed = ownRecordOf(json.versions, isRecord);
  if (distTags === undefined || listed === undefined) return undefined;
  const versions = Object.create(null) as Record<string, PackumentVersion>;
  for (const key of Object.keys(listed)) {
    const version = isCanonicalVersion(key) ? parseVersion(listed[key]) : undefined;
    if (version === undefined) return undefined;
    versions[key] = version;
  }
  return {
    name: json.name,
    ...(description === undefined ? {} : { description }),
    ...(keywords === undefined ? {} : { keywords: [...keywords] }),
    ...(license === undefined ? {} : { license }),
    distTags,
    versions,
  };
}

function parseVersion(value: unknown): PackumentVersion | undefined {
  if (!isRecord(value)) return undefined;
  const { integrity, tarball, size, publishedAt, deprecated, yanked, files, signatures } = value;
  if (typeof integrity !== "string" || typeof tarball !== "string" || !isIsoDate(publishedAt)) return undefined;
  // zod's `.int()` is a safe integer.
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return undefined;
  if (deprecated !== undefined && typeof deprecated !== "string") return undefined;
  if (yanked !== undefined && typeof yanked !== "boolean") return undefined;
  if (files !== undefined && !isStringArray(files)) return undefined;
  const frontmatter = ownRecordOf(value.frontmatter, isAnything);
  const checkedSignatures = signatures === undefined ? undefined : signaturesOf(signatures);
  if (frontmatter === undefined || (signatures !== undefined && checkedSignatures === undefined)) return undefined;
  return {
    integrity,
    tarball,
    size,
    publishedAt,
    ...(deprecated === undefined ? {} : { deprecated }),
    ...(yanked === undefined ? {} : { yanked }),
    frontmatter,
    ...(files === undefined ? {} : { files: [...files] }),
    ...(checkedSignatures === undefined ? {} : { signatures: checkedSignatures }),
  };
}

function isVersion(value: unknown): value is string {
  return typeof value === "string" && isCanonicalVersion(value);
}

function isAnything(_value: unknown): _value is unknown {
  return true;
}
