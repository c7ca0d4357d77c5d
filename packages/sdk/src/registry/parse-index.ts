import { isIsoDate, isRecord, isStringArray, signaturesOf } from "./json-shapes.js";
import { isCanonicalVersion, PROTOCOL_SCHEMA_VERSION, type RegistryIndex, type RegistryIndexEntry } from "./protocol.js";

/**
 * The registry index read by a hand-written check instead of zod: `search` reads the whole index, and
 * for 10,000 agents zod's walk took ~35 ms of a ~250 ms command. The check accepts exactly what
 * `registryIndexSchema` accepts and returns what it returns (unknown keys dropped, `keywords`
 * defaulted); `undefined` means "not accepted here", and the caller then runs the schema itself,
 * so an invalid index still fails with zod's message. parse-index.test.ts holds the two to the same answers.
 *
 * @example
 * const index = parseRegistryIndexFast(JSON.parse(text)) ?? registryIndexSchema.parse(json);
 */
export function parseRegistryIndexFast(json: unknown): RegistryIndex | undefined {
  if (!isRecord(json) || json.schemaVersion !== PROTOCOL_SCHEMA_VERSION || typeof json.name !== "string") return undefined;
  const { serial, generatedAt, expires, agents, signatures } = json;
  if (typeof serial !== "number" || !Number.isSafeInteger(serial) || serial < 0) return undefined;
  if (!isIsoDate(generatedAt) || (expires !== undefined && !isIsoDate(expires))) return undefined;
  if (!Array.isArray(agents)) return undefined;
  const checkedSignatures = signatures === undefined ? undefined : signaturesOf(signatures);
  if (signatures !== undefined && checkedSignatures === undefined) return undefined;
  const entries: RegistryIndexEntry[] = new Array(agents.length);
  for (let i = 0; i < agents.length; i++) {
    const entry = parseEntry(agents[i]);
    if (entry === undefined) return undefined;
    entries[i] = entry;
  }
  return {
    schemaVersion: PROTOCOL_SCHEMA_VERSION,
    name: json.name,
    serial,
    generatedAt: generatedAt as string,
    ...(expires === undefined ? {} : { expires: expires as string }),
    agents: entries,
    ...(checkedSignatures === undefined ? {} : { signatures: checkedSignatures }),
  };
}

function parseEntry(value: unknown): RegistryIndexEntry | undefined {
  if (!isRecord(value)) return undefined;
  const { name, description, latest, keywords, tools, model, updatedAt } = value;
  if (typeof name !== "string" || typeof description !== "string" || typeof latest !== "string" || !isCanonicalVersion(latest)) return undefined;
  if (keywords !== undefined && !isStringArray(keywords)) return undefined;
  if (tools !== "all" && !isStringArray(tools)) return undefined;
  if (model !== undefined && typeof model !== "string") return undefined;
  if (!isIsoDate(updatedAt)) return undefined;
  // The usual entry has exactly the known fields: it is its own result (JSON.parse made it, nothing
  // else holds it), which spares 10,000 copies. Anything else is rebuilt without the unknown keys.
  const known = 5 + (keywords === undefined ? 0 : 1) + (model === undefined ? 0 : 1);
  if (keywords !== undefined && Object.keys(value).length === known) return value as unknown as RegistryIndexEntry;
  return {
    name,
    description,
    latest,
    keywords: keywords === undefined ? [] : [...keywords],
    tools: tools === "all" ? "all" : [...tools],
    ...(model === undefined ? {} : { model }),
    updatedAt,
  };
}
