// The public API of @agentreg/sdk, a promise kept across minor versions: what programs need to look
// agents up, resolve, fetch, verify, validate, install, search, build and serve them, the errors and
// the types. Everything public is re-exported here by name; anything not listed is internal and may
// change in any release (CHANGELOG.md lists what left the API, and why). Every function listed here
// checks its arguments and throws `E_USAGE` naming the wrong one (check-arguments.ts).

export { AgentregError, ErrorCode, isAgentregError, type AgentregErrorOptions } from "./errors.js";

// agent/: reading agent files exactly as Claude Code does
export { parseFrontmatter, type ParseFrontmatterResult, type ParseFrontmatterSuccess, type ParseFrontmatterFailure, type FrontmatterRepair, type FrontmatterYamlError } from "./agent/parse-frontmatter.js";
export type { FrontmatterString } from "./agent/frontmatter-strings.js";
export { interpretAgent, AGENT_COLORS, type AgentDefinition, type InterpretAgentResult } from "./agent/agent-definition.js";
export { agentFrontmatterSchema, type AgentFrontmatter } from "./agent/frontmatter-schema.js";
export { KNOWN_FRONTMATTER_FIELDS } from "./agent/frontmatter-fields.js";
export { checkAgentName, checkClaudeCodeName, parseAgentSpec, formatAgentSpec, type AgentSpec } from "./agent/agent-name.js";
export { validateAgent, type ValidateAgentOptions, type ValidateAgentInput, type ValidateAgentResult, type ValidationIssue, type ValidationSeverity } from "./agent/validate-agent.js";
export { RULES, type RuleId } from "./authoring/rules.js";
export { validatePath, validatePaths, type ValidatePathOptions, type ValidatePathsOptions, type ValidatePathsResult, type ValidatePathResult, type ValidatedFile } from "./authoring/validate-path.js";

// archive/: tarballs and integrity
export { computeIntegrity, verifyIntegrity, isIntegrity } from "./archive/integrity.js";
export { packAgent, type PackAgentOptions, type PackAgentResult } from "./archive/pack-agent.js";
export { unpackAgent, DEFAULT_ARCHIVE_LIMITS, type UnpackAgentOptions, type UnpackAgentResult, type ArchiveLimits } from "./archive/unpack-agent.js";

// registry/: the protocol and its sources
export { registryIndexSchema, packumentSchema, packumentVersionSchema } from "./registry/protocol-schemas.js";
export {
  registryPaths,
  PROTOCOL_SCHEMA_VERSION,
  type RegistryIndex,
  type RegistryIndexEntry,
  type Packument,
  type PackumentVersion,
} from "./registry/protocol.js";
export type { RegistrySource } from "./registry/registry-source.js";
export type { RegistryTrust } from "./registry/registry-trust.js";
export { createBuiltinSource, BUILTIN_REGISTRY } from "./registry/builtin-source.js";
export { createFolderSource, type FolderSourceOptions } from "./registry/folder-source.js";
export { createRegistryClient, type RegistryClient } from "./registry/registry-client.js";
export { prefetchRegistry, type PrefetchRegistryOptions } from "./registry/git/prefetch-registry.js";
export { resolveVersion, defaultRangeFor, type ResolveVersionOptions, type ResolveVersionResult } from "./resolve/resolve-version.js";

// project/: agentreg.json, agentreg.lock and the installer
export { readProjectConfig, parseProjectConfig, formatProjectConfig, projectConfigJsonSchema, configSchemaUrl, CONFIG_FILE, type ProjectConfig, type RegistryConfig } from "./project/state/project-config.js";
export { readLockfile, parseLockfile, formatLockfile, LOCKFILE, type Lockfile, type LockEntry } from "./project/state/lockfile.js";
export { projectConfigSchema, lockfileSchema } from "./project/state/file-schemas.js";
export { initProject } from "./project/operations/init-project.js";
export { addAgents, type AddAgentsOptions, type AddAgentsResult } from "./project/operations/add-agents.js";
export { installAgents, type InstallAgentsOptions, type InstallAgentsResult } from "./project/operations/install-agents.js";
export type { InstallingOptions } from "./project/operations/installing-options.js";
export { removeAgents, type RemoveAgentsOptions, type RemoveAgentsResult } from "./project/operations/remove-agents.js";
export { listAgents, type ListedAgent, type ListAgentsOptions } from "./project/operations/list-agents.js";
export { getAgentInfo, type GetAgentInfoOptions, type AgentInfo } from "./project/operations/agent-info.js";
export { fetchAgent, type FetchAgentOptions, type FetchAgentResult } from "./project/transaction/fetch-agent.js";
export { searchAgents, type SearchAgentsOptions, type SearchHit } from "./project/operations/search-agents.js";
export { installPathFor, AGENTS_DIR } from "./project/state/agent-files.js";
export type { AgentChange } from "./project/transaction/agent-change.js";
export type { InstallEvent } from "./project/transaction/install-events.js";

// build/: registry source folders and static builds
export { initRegistrySource, type InitRegistrySourceOptions, type InitRegistrySourceResult } from "./authoring/init-registry-source.js";
export { publishAgent, type PublishAgentOptions, type PublishAgentResult, type VersionBump } from "./authoring/publish-agent.js";
export { publishAgents, type PublishAgentsOptions, type PublishAgentsResult } from "./authoring/publish-agents.js";
export type { PublishFileResult, PublishedAgentFile, SkippedAgentFile, RefusedAgentFile } from "./authoring/publish-version.js";
export { yankVersion, type YankVersionOptions, type YankVersionResult } from "./authoring/yank-version.js";
export { deprecateVersions, type DeprecateVersionsOptions, type DeprecateVersionsResult } from "./authoring/deprecate-versions.js";
export { scaffoldAgent, DEFAULT_SCAFFOLD_TOOLS, type ScaffoldAgentOptions, type ScaffoldAgentResult } from "./authoring/scaffold-agent.js";
export { validateRegistrySource } from "./authoring/validate-registry-source.js";
export { validateForPublish, PUBLISH_POLICY } from "./agent/publish-policy.js";
export { SOURCE_RULES, type SourceRuleId } from "./authoring/source-rules.js";
export { buildRegistryFiles, type BuildRegistryFilesOptions, type BuildRegistryFilesResult } from "./static/build-registry.js";
export { buildRegistry, type BuildRegistryOptions, type BuildRegistryResult } from "./static/build-registry-folder.js";
export { buildSiteFiles } from "./site/build-site.js";
export type { SiteRegistry } from "./site/site-parts.js";

// HTTP registries, the cache and hosting
export type { NetworkOptions, NetworkWarning, ProxySettings, HttpRetry } from "./registry/http/network-options.js";
export type { VariablePolicy } from "./registry/http/expand-variables.js";
export { listCache, cleanCache, type CacheListing } from "./registry/registry-cache.js";
export { serveRegistry, type ServeRegistryOptions, type RegistryServer } from "./registry/serve-registry.js";

// Keeping a project current without losing an edit: skipped agents, backups, grants, outdated, update, verify, diff
export { skippedError, type SkippedAgent, type BackupCopy } from "./project/transaction/local-edits.js";
export { findWidenings, describeGrants, listGrants, type Widening, type WideningKind, type AgentGrants } from "./agent/permission-widening.js";
export type { ProjectLocation, ProjectSessionOptions } from "./project/transaction/project-session.js";
export { findOutdatedAgents, type OutdatedAgent, type FindOutdatedOptions } from "./project/operations/outdated-agents.js";
export { updateAgents, type UpdateAgentsOptions } from "./project/operations/update-agents.js";
export { verifyProject, assertVerified, type VerifyProjectOptions, type VerifyProjectResult } from "./project/operations/verify-project.js";
export { diffAgent, type DiffAgentOptions, type DiffAgentResult } from "./project/operations/diff-agent.js";

// Signatures
export { generateSigningKey, verifySignature, keyidOf, isPublicKey, versionPayload, indexPayload } from "./registry/signatures.js";
export { generateRegistryKey, SIGNING_KEY_FILE } from "./static/generate-registry-key.js";

// Agent text: hidden Unicode, mojibake, control characters, invalid UTF-8
export { lintAgentText, findBlockingText, type FindBlockingTextOptions } from "./agent/lint-agent-text.js";
export { LINT_RULES, type LintFinding, type LintRuleId } from "./agent/lint-finding.js";
export type { MojibakeRepair } from "./agent/lint-mojibake.js";
export { fixEncoding, type FixEncodingResult } from "./agent/text-fix-encoding.js";
export { escapeInvisible } from "./agent/text-describe.js";
export { fixFileEncoding } from "./agent/text-fix-file.js";
export { packAgentFile, type PackAgentFileOptions, type PackAgentFileResult } from "./authoring/pack-agent-file.js";

// targets/: one agent in every coding tool's format (issue 17)
export { AGENT_TARGETS, TARGET_IDS, parseTargets, targetPath, type AgentTarget, type TargetId } from "./targets/agent-targets.js";
export { translateAgent, type TranslatedAgent, type TranslationFinding } from "./targets/translate-agent.js";
export { TARGET_TOOLS, MCP_TOOL_NAMES, type ListTarget, type TargetTool } from "./targets/tool-grants.js";
export { CLAUDE_MODEL_ALIASES } from "./targets/model-names.js";
