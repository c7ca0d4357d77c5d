import { join } from "node:path";
import * as z from "zod";
import { agentKeyName, checkAgentName } from "../../agent/agent-name.js";
import { memo } from "../../memo.js";
import { ownRecord } from "../../own-record.js";
import { isPublicKey } from "../../registry/signatures.js";
import { hasUrlCredentials } from "../../registry/url-credentials.js";
import { ErrorCode } from "../../errors.js";
import { parseJsonText, readJsonFile } from "../../json-file.js";
import { stringifyStable } from "../../stable-json.js";
import { checkArgument } from "../../check-arguments.js";
import { TARGET_IDS } from "../../targets/agent-targets.js";

export const CONFIG_FILE = "agentreg.json";

/**
 * The zod schemas of `agentreg.json`, built the first time one is needed: building zod schemas is a
 * noticeable part of a command's start-up, and a command in a project without `agentreg.json` never
 * needs these. `projectConfigSchema` (file-schemas.ts) is the same object.
 */
export const projectConfigSchemas = memo(buildConfigSchemas);

type ConfigSchemas = ReturnType<typeof buildConfigSchemas>;

function buildConfigSchemas() {
  const registryConfigSchema = z.object({
    /** An `https://` URL, or a folder path relative to the project. */
    url: z
      .string()
      .min(1)
      .refine((url) => !hasUrlCredentials(url), "must not contain credentials (user:password@); send them in a header, e.g. \"Authorization\": \"Bearer ${TOKEN}\"")
      .describe("An http(s):// URL, `builtin`, a folder path relative to the project, or a git repository (git+https://…, git+ssh://…, git@host:path, git+file:///…, github:owner/repo, gitlab:owner/repo, each with an optional #branch, #tag or #commit). `${VAR}` is expanded from the environment in http(s) URLs."),
    /** For a git registry: the folder of the repository to read agents from. */
    path: z
      .string()
      .optional()
      .describe("For a git registry: the folder inside the repository to read agents from (the whole repository when absent), e.g. to choose between two agents of one name."),
    /** Sent with every request; `${VAR}` is expanded from the environment by the CLI at request time. */
    headers: ownRecord(z.string())
      .optional()
      .describe("HTTP headers sent to this registry's origin only, e.g. { \"Authorization\": \"Bearer ${ACME_TOKEN}\" }. `${VAR}` is expanded from the environment (only AGENTREG_* variables, or those the user allows) and never written anywhere."),
    /** Pinned public keys (`ed25519:<base64>`); a registry with keys must be signed by one of them. */
    keys: z
      .array(z.string().refine(isPublicKey, "not an ed25519:<base64> public key"))
      .optional()
      .describe("Pinned public keys (ed25519:<base64>): the registry must be signed by one of them, or nothing from it is installed."),
  });

  /**
   * What the project wants of one agent: a range, or a range and the registry it comes from (as cargo
   * records a dependency's registry), written by `add --registry`.
   */
  const wantedAgentSchema = z.union([
    z.string(),
    z.strictObject({
      version: z.string().describe("A semver range or dist-tag."),
      registry: z
        .string()
        .min(1)
        .refine((registry) => !hasUrlCredentials(registry), "must not contain credentials (user:password@)")
        .optional()
        .describe("Where the agent comes from: `builtin`, a name from `registries`, an http(s):// URL, or a folder path relative to the project."),
    }),
  ]);

  /** Registry names are scopes (`@acme/reviewer`), so they follow the agent naming rules. */
  const registryName = z.string().refine((name) => checkAgentName(name) === undefined, "a registry name must be a valid scope: lowercase letters, digits, `-` and `.` (not first or last)");

  /** `agentreg.json`: what the project wants (DESIGN §5). Unknown top-level keys are kept. */
  const projectConfigSchema = z.looseObject({
    $schema: z.string().optional(),
    registries: ownRecord(registryConfigSchema, registryName)
      .optional()
      .describe("Registries by name. `@ns/name` resolves in registry `ns`; a registry named `default` serves unscoped names instead of the builtin one."),
    targets: z
      .array(z.enum(TARGET_IDS))
      .min(1)
      .optional()
      .describe(`The coding tools to install agents for (default ["claude"]): ${TARGET_IDS.join(", ")}. Each agent is written in each tool's format; see docs/targets.md.`),
    /** Agent name (`name` or `@ns/name`) -> semver range or dist-tag, or `{ version, registry }`. */
    agents: ownRecord(wantedAgentSchema, z.string().refine((key) => agentKeyName(key) !== undefined, "is not an agent name (name or @scope/name)"))
      .default(() => Object.create(null) as Record<string, z.infer<typeof wantedAgentSchema>>)
      .describe("Agents the project wants: name (or @ns/name) -> semver range or dist-tag, or { \"version\": range, \"registry\": where } for an agent from another registry."),
  });

  return { registryConfigSchema, wantedAgentSchema, projectConfigSchema };
}

export type WantedAgent = z.infer<ConfigSchemas["wantedAgentSchema"]>;
/** `agentreg.json`: what the project wants (DESIGN §5). Unknown top-level keys are kept. */
export type ProjectConfig = z.infer<ConfigSchemas["projectConfigSchema"]>;
export type RegistryConfig = z.infer<ConfigSchemas["registryConfigSchema"]>;

/**
 * Reads `agentreg.json` from a project folder; `undefined` when the project has none.
 *
 * @example
 * const config = await readProjectConfig("/work/app");
 */
export async function readProjectConfig(dir: string): Promise<ProjectConfig | undefined> {
  checkArgument("readProjectConfig", "dir", dir, "path");
  return readJsonFile({ path: join(dir, CONFIG_FILE), ...configFormat() });
}

/**
 * Parses the text of `agentreg.json` (`path` is for messages).
 *
 * @example
 * parseProjectConfig('{ "agents": {} }', "agentreg.json");
 */
export function parseProjectConfig(text: string, path: string): ProjectConfig {
  checkArgument("parseProjectConfig", "text", text, "string");
  checkArgument("parseProjectConfig", "path", path, "string");
  return parseJsonText({ text, path, ...configFormat() });
}

const configFormat = () =>
  ({
    schema: projectConfigSchemas().projectConfigSchema,
    code: ErrorCode.CONFIG,
    hint: `Fix ${CONFIG_FILE} by hand (it is plain JSON), or delete it and run \`agentreg init\`.`,
  }) as const;

/**
 * The bytes of `agentreg.json`: sorted keys, 2-space JSON, trailing newline, with `$schema` first
 * as editors expect.
 *
 * @example
 * formatProjectConfig({ agents: { "senior-backend-engineer": "^1.0.0" } });
 */
export function formatProjectConfig(config: ProjectConfig): string {
  checkArgument("formatProjectConfig", "config", config, "object");
  return stringifyStable(config, ["$schema"]);
}

/**
 * Where `init` points `$schema`: the schema file inside the published CLI package of that version,
 * served from the npm registry by a public CDN, so it resolves for npx users too (they have no
 * node_modules/agentreg). The package ships it at `schema/agentreg.schema.json`.
 *
 * @example
 * configSchemaUrl("0.1.0"); // "https://cdn.jsdelivr.net/npm/agentreg@0.1.0/schema/agentreg.schema.json"
 */
export function configSchemaUrl(cliVersion: string): string {
  checkArgument("configSchemaUrl", "cliVersion", cliVersion, "string");
  return `https://cdn.jsdelivr.net/npm/agentreg@${cliVersion}/schema/agentreg.schema.json`;
}

/**
 * The JSON Schema of `agentreg.json`, generated from the zod schema so the two never disagree.
 *
 * @example
 * writeFileSync("agentreg.schema.json", JSON.stringify(projectConfigJsonSchema(), null, 2));
 */
export function projectConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(projectConfigSchemas().projectConfigSchema, { io: "input" }),
    $id: "https://agentreg.dev/schema/agentreg.schema.json",
    title: "agentreg.json",
    description: "What a project wants from agentreg: registries and agents with their version ranges.",
  };
}
