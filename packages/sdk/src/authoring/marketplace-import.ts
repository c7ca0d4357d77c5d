import { realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import * as z from "zod";
import { ErrorCode, isAgentregError } from "../errors.js";
import { parseJsonText } from "../json-file.js";
import { readRegularFile } from "../read-regular-file.js";
import { whenMissing } from "../missing-path.js";
import { REGISTRY_FILE_LIMITS } from "../registry/document-limits.js";
import { listAgentTree, type FoundAgentFile, type FoundAgentMetadata } from "./list-agent-tree.js";
import { marketplacePaths } from "../registry/marketplace-layout.js";

/**
 * Reading a Claude Code plugin marketplace folder (the layout `registry build` writes, see
 * marketplace-export.ts, and the one public collections use):
 *
 *     .claude-plugin/marketplace.json     { metadata?: { pluginRoot? }, plugins: [{ name, source, agents?, license?, keywords?, author? }] }
 *     <source>/agents/**\/*.md            each plugin's agents (Claude Code's default folder)
 *     <source>/.claude-plugin/plugin.json  may list more agent files or folders in `agents`
 *
 * Only plugins inside the folder are read; a plugin fetched from GitHub, a git URL or npm is reported
 * as skipped. Every path the manifests name is checked to stay inside the marketplace folder
 * (DESIGN §8: nothing read from a file decides a path unchecked).
 */

/** Optional facts are taken when they have the expected shape and ignored otherwise, as Claude Code displays them. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const agentPathsSchema = optional(z.union([z.string(), z.array(z.string())]));

const pluginEntrySchema = z.looseObject({
  name: z.string(),
  /** `./plugins/x`, or `{ source: "github" | "url" | "npm" | …, … }` for a plugin fetched from elsewhere. */
  source: z.union([z.string(), z.looseObject({ source: z.string() })]),
  agents: agentPathsSchema,
  license: optional(z.string()),
  keywords: optional(z.array(z.string())),
  author: optional(z.union([z.string(), z.looseObject({ name: z.string() })])),
});

const manifestSchema = z.looseObject({
  metadata: optional(z.looseObject({ pluginRoot: optional(z.string()) })),
  plugins: z.array(z.unknown()),
});

const pluginManifestSchema = z.looseObject({ agents: agentPathsSchema });

const HINT = "Fix .claude-plugin/marketplace.json (see https://code.claude.com/docs/en/plugin-marketplaces), or publish the plugins' agents folders directly.";

/**
 * Whether `dir` is a plugin marketplace: it has `.claude-plugin/marketplace.json`.
 *
 * @example
 * await isMarketplaceFolder("claude-code-workflows"); // true
 */
export async function isMarketplaceFolder(dir: string): Promise<boolean> {
  return (await stat(join(dir, marketplacePaths.manifest)).catch(whenMissing(undefined))) !== undefined;
}

/**
 * The agent files of every local plugin in a marketplace folder, plugin by plugin in manifest order,
 * each plugin's files sorted, carrying the plugin's license, keywords and author.
 *
 * @throws {AgentregError} `E_REGISTRY` when marketplace.json is not a regular file, not JSON, or has
 * no `plugins` list.
 * @example
 * const files = await findMarketplaceAgents({ dir: "claude-code-workflows", exclude: new Set() });
 */
export async function findMarketplaceAgents(options: { dir: string; exclude: ReadonlySet<string> }): Promise<FoundAgentFile[]> {
  const { dir } = options;
  const manifestPath = join(dir, marketplacePaths.manifest);
  const manifest = await readManifest(manifestPath, manifestSchema);
  const root = await realpath(dir);
  const base = join(dir, manifest?.metadata?.pluginRoot ?? ".");
  const found: FoundAgentFile[] = [];
  for (const [index, raw] of (manifest?.plugins ?? []).entries()) {
    const entry = pluginEntrySchema.safeParse(raw);
    if (!entry.success) {
      found.push({ path: manifestPath, explicit: false, skip: `plugins[${index}] is not a plugin entry (it needs a name and a source)` });
      continue;
    }
    const plugin = entry.data;
    if (typeof plugin.source !== "string") {
      found.push({ path: manifestPath, explicit: false, skip: `plugin ${plugin.name} comes from ${plugin.source.source}, not from this folder; fetch it and publish its agents folder` });
      continue;
    }
    const pluginDir = join(base, plugin.source);
    const problem = await outsideProblem(root, pluginDir);
    if (problem !== undefined) {
      found.push({ path: pluginDir, explicit: false, skip: `plugin ${plugin.name}: ${problem}` });
      continue;
    }
    const metadata = pluginMetadata(plugin);
    for (const file of await pluginAgentFiles({ root, pluginDir, listed: plugin.agents, exclude: options.exclude })) {
      found.push({ ...file, ...(metadata === undefined ? {} : { metadata }) });
    }
  }
  return found;
}

/** `agents/` plus the files and folders the entry and the plugin's own plugin.json list. */
async function pluginAgentFiles(options: { root: string; pluginDir: string; listed: string | string[] | undefined; exclude: ReadonlySet<string> }): Promise<FoundAgentFile[]> {
  const { root, pluginDir, exclude } = options;
  // plugin.json only adds paths to agents/: a broken one (not a regular file, not JSON, not a plugin
  // manifest) adds none and agents/ is still read. One that cannot be read at all (EACCES, EIO) throws.
  const pluginJson = await readManifest(join(pluginDir, ".claude-plugin/plugin.json"), pluginManifestSchema).catch((error: unknown) => {
    if (isAgentregError(error)) return undefined;
    throw error;
  });
  const listed = [...asList(options.listed), ...asList(pluginJson?.agents)];
  const found: FoundAgentFile[] = [];
  for (const path of ["agents", ...listed].map((p) => join(pluginDir, p))) {
    const stats = await stat(path).catch(whenMissing(undefined));
    if (stats === undefined) continue;
    const problem = await outsideProblem(root, path);
    if (problem !== undefined) found.push({ path, explicit: false, skip: problem });
    else if (stats.isDirectory()) found.push(...(await listAgentTree(path, exclude)));
    else found.push({ path, explicit: false });
  }
  return found;
}

function pluginMetadata(plugin: z.infer<typeof pluginEntrySchema>): FoundAgentMetadata | undefined {
  const author = typeof plugin.author === "string" ? plugin.author : plugin.author?.name;
  const metadata: FoundAgentMetadata = {
    ...(plugin.license === undefined ? {} : { license: plugin.license }),
    ...(plugin.keywords === undefined ? {} : { keywords: plugin.keywords }),
    ...(author === undefined || author === "" ? {} : { author }),
  };
  return Object.keys(metadata).length === 0 ? undefined : metadata;
}

/** A path a manifest names must resolve, symlinks followed, to somewhere inside the marketplace folder. */
async function outsideProblem(root: string, path: string): Promise<string | undefined> {
  const real = await realpath(path).catch(whenMissing(undefined));
  if (real === undefined) return `${path} does not exist`;
  const rel = relative(root, real);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return `${path} is outside the marketplace folder ${resolve(root)}`;
  return undefined;
}

async function readManifest<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S> | undefined> {
  const bytes = await readRegularFile(path, { maxBytes: REGISTRY_FILE_LIMITS.document, followSymlinks: false, code: ErrorCode.REGISTRY, hint: HINT });
  if (bytes === undefined) return undefined;
  return parseJsonText({ path, schema, code: ErrorCode.REGISTRY, hint: HINT, text: bytes.toString("utf8") });
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === "string" ? [value] : value;
}
