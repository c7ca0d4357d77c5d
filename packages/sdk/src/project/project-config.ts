import { join } from "node:path";
import { z } from "zod";
import { isPublicKey } from "../registry/signatures.js";
import { ErrorCode } from "../errors.js";
import { parseJsonText, readJsonFile } from "../json-file.js";
import { stringifyStable } from "../stable-json.js";

export const CONFIG_FILE = "agentreg.json";

export const registryConfigSchema = z.object({
  /** An `https://` URL, or a folder path relative to the project. */
  url: z.string().min(1).describe("An http(s):// URL, `builtin`, or a folder path relative to the project. `${VAR}` is expanded from the environment."),
  /** Sent with every request; `${VAR}` is expanded from the environment by the CLI at request time. */
  headers: z
    .record(z.string(), z.string())
    .optional()
    .describe("HTTP headers sent to this registry's origin only, e.g. { \"Authorization\": \"Bearer ${ACME_TOKEN}\" }. `${VAR}` is expanded from the environment and never written anywhere."),
  /** Pinned public keys (`ed25519:<base64>`); a registry with keys must be signed by one of them. */
  keys: z
    .array(z.string().refine(isPublicKey, "not an ed25519:<base64> public key"))
    .optional()
    .describe("Pinned public keys (ed25519:<base64>): the registry must be signed by one of them, or nothing from it is installed."),
});

/** `agentreg.json`: what the project wants (DESIGN §5). Unknown top-level keys are kept. */
export const projectConfigSchema = z.looseObject({
  $schema: z.string().optional(),
  registries: z
    .record(z.string(), registryConfigSchema)
    .optional()
    .describe("Registries by name. `@ns/name` resolves in registry `ns`; a registry named `default` serves unscoped names instead of the builtin one."),
  /** Agent name (`name` or `@ns/name`) -> semver range or dist-tag. */
  agents: z.record(z.string(), z.string()).default({}).describe("Agents the project wants: name (or @ns/name) -> semver range or dist-tag."),
});

export type ProjectConfig = z.infer<typeof projectConfigSchema>;
export type RegistryConfig = z.infer<typeof registryConfigSchema>;

/**
 * Reads `agentreg.json` from a project folder; `undefined` when the project has none.
 *
 * @example
 * const config = await readProjectConfig("/work/app");
 */
export async function readProjectConfig(dir: string): Promise<ProjectConfig | undefined> {
  return readJsonFile({ path: join(dir, CONFIG_FILE), ...configFormat });
}

/**
 * Parses the text of `agentreg.json` (`path` is for messages).
 *
 * @example
 * parseProjectConfig('{ "agents": {} }', "agentreg.json");
 */
export function parseProjectConfig(text: string, path: string): ProjectConfig {
  return parseJsonText({ text, path, ...configFormat });
}

const configFormat = {
  schema: projectConfigSchema,
  code: ErrorCode.CONFIG,
  hint: `Fix ${CONFIG_FILE} by hand (it is plain JSON), or delete it and run \`agentreg init\`.`,
} as const;

/**
 * The bytes of `agentreg.json`: sorted keys, 2-space JSON, trailing newline, with `$schema` first
 * as editors expect.
 *
 * @example
 * formatProjectConfig({ agents: { "senior-backend-engineer": "^1.0.0" } });
 */
export function formatProjectConfig(config: ProjectConfig): string {
  return stringifyStable(config, ["$schema"]);
}

/** Where `init` points `$schema`: the schema file inside the installed CLI package. */
export const CONFIG_SCHEMA_URL = "./node_modules/agentreg/schema/agentreg.schema.json";

/**
 * The JSON Schema of `agentreg.json`, generated from the zod schema so the two never disagree.
 *
 * @example
 * writeFileSync("agentreg.schema.json", JSON.stringify(projectConfigJsonSchema(), null, 2));
 */
export function projectConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(projectConfigSchema, { io: "input" }),
    $id: "https://agentreg.dev/schema/agentreg.schema.json",
    title: "agentreg.json",
    description: "What a project wants from agentreg: registries and agents with their version ranges.",
  };
}
