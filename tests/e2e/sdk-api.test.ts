import { mkdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, SEED, readJson, runProcess, sha512Sri, useTempDirs } from "../helpers/fixtures.js";

const makeTempDir = useTempDirs();

describe("@agentreg/sdk is importable by its name", () => {
  it("the README's program looks the seed up and installs it", async () => {
    const project = await makeTempDir();
    const result = await runProcess(process.execPath, [join(REPO_ROOT, "examples/install-agent.mjs")], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${SEED.name}@1.0.0: Use this agent when`);
    expect(result.stdout).toContain("tools: all");
    expect(result.stdout).toContain(`installed ${SEED.installPath}`);
    const installed = await readFile(join(project, SEED.installPath));
    expect(installed.equals(await readFile(SEED.registryFile))).toBe(true);
    const lock = await readJson(join(project, "agentreg.lock"));
    expect(lock.agents[SEED.name].files[SEED.installPath]).toBe(sha512Sri(installed));
  });

  it("the README's program reports an unknown agent as an AgentregError with its code", async () => {
    const project = await makeTempDir();
    const result = await runProcess(process.execPath, [join(REPO_ROOT, "examples/install-agent.mjs"), "no-such-agent"], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^E_NOT_FOUND: no agent named no-such-agent/);
  });

  it("exposes its public API from the package root, typed", async () => {
    const sdk = (await import("@agentreg/sdk")) as Record<string, unknown>;
    for (const name of ["addAgents", "installAgents", "removeAgents", "listAgents", "getAgentInfo", "fetchAgent", "searchAgents", "validateAgent", "parseFrontmatter", "resolveVersion", "buildRegistry", "serveRegistry", "publishAgent", "packAgent", "unpackAgent", "verifyIntegrity", "verifyProject", "AgentregError"]) {
      expect(typeof sdk[name], name).toBe("function");
    }
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, "packages/sdk/package.json"), "utf8")) as { exports: Record<string, { types: string }> };
    await expect(readFile(join(REPO_ROOT, "packages/sdk", pkg.exports["."]?.types ?? "missing"), "utf8")).resolves.toContain("export { addAgents");
  });

  // Issue 15: the published package declares caret ranges, so a program's own lockfile can dedupe and
  // take fixes; this repo's lockfile pins what CI tests. The floors are the releases with the fixes the
  // docs rely on (docs/security.md: node-tar 7.5.21 only parses).
  it("declares caret ranges whose floors carry the fixes the docs rely on, and the lockfile satisfies them", async () => {
    const { dependencies } = (await readJson(join(REPO_ROOT, "packages/sdk/package.json"))) as { dependencies: Record<string, string> };
    // A caret range over x.y.z with x ≥ 1: the same major, and at least the floor.
    const parts = (version: string): number[] => version.split(".").map(Number);
    for (const [name, range] of Object.entries(dependencies)) {
      expect(range, name).toMatch(/^\^[1-9]\d*\.\d+\.\d+$/);
      const floor = parts(range.slice(1));
      const installed = parts(((await readJson(join(REPO_ROOT, "packages/sdk/node_modules", name, "package.json"))) as { version: string }).version);
      const atLeast = installed[1] !== floor[1] ? (installed[1] ?? 0) > (floor[1] ?? 0) : (installed[2] ?? 0) >= (floor[2] ?? 0);
      expect(installed[0] === floor[0] && atLeast, `${name} ${installed.join(".")} satisfies ${range}`).toBe(true);
    }
    expect(dependencies.tar).toBe("^7.5.21");
    expect(await readFile(join(REPO_ROOT, "docs/security.md"), "utf8")).toContain("node-tar ≥ 7.5.21");
  });

  // The public API is a promise (issue 14): a name joins or leaves it on purpose, with a CHANGELOG entry,
  // never because a file happened to export it. Mechanisms (the project lock, crash recovery, the HTTP
  // client, the registry opener, …) stay internal.
  it("exports exactly the public API, and none of the mechanisms behind it", async () => {
    const sdk = (await import("@agentreg/sdk")) as Record<string, unknown>;
    expect(Object.keys(sdk).sort()).toEqual(PUBLIC_API);
    const changelog = await readFile(join(REPO_ROOT, "CHANGELOG.md"), "utf8");
    for (const name of REMOVED) {
      expect(sdk[name], name).toBeUndefined();
      expect(changelog, `CHANGELOG.md says why ${name} left the API`).toContain(`\`${name}\``);
    }
  });

  it("loads from CommonJS, with import() and, where Node has require(esm), with require()", async () => {
    const project = await makeTempDir();
    await mkdir(join(project, "node_modules/@agentreg"), { recursive: true });
    await symlink(join(REPO_ROOT, "packages/sdk"), join(project, "node_modules/@agentreg/sdk"), "dir");
    const viaImport = await runProcess(process.execPath, ["-e", 'import("@agentreg/sdk").then((sdk) => console.log(typeof sdk.addAgents))'], { cwd: project });
    expect(viaImport).toMatchObject({ code: 0, stdout: "function\n" });
    if ((process.features as { require_module?: boolean }).require_module !== true) return;
    const viaRequire = await runProcess(process.execPath, ["-e", 'console.log(typeof require("@agentreg/sdk").addAgents)'], { cwd: project });
    expect(viaRequire).toMatchObject({ code: 0, stdout: "function\n" });
  });
});

const PUBLIC_API = [
  "AGENTS_DIR", "AGENT_COLORS", "AGENT_TARGETS", "AgentregError", "BUILTIN_REGISTRY", "CLAUDE_MODEL_ALIASES", "CONFIG_FILE",
  "DEFAULT_ARCHIVE_LIMITS", "DEFAULT_SCAFFOLD_TOOLS", "ErrorCode", "KNOWN_FRONTMATTER_FIELDS", "LINT_RULES", "LOCKFILE", "MCP_TOOL_NAMES",
  "PROTOCOL_SCHEMA_VERSION", "PUBLISH_POLICY", "RULES", "SIGNING_KEY_FILE", "SOURCE_RULES", "TARGET_IDS", "TARGET_TOOLS", "addAgents",
  "agentFrontmatterSchema", "assertVerified", "buildRegistry", "buildRegistryFiles", "buildSiteFiles", "checkAgentName", "checkClaudeCodeName", "cleanCache",
  "computeIntegrity", "configSchemaUrl", "createBuiltinSource", "createFolderSource", "createRegistryClient", "defaultRangeFor", "deprecateVersions",
  "describeGrants", "diffAgent", "escapeInvisible", "fetchAgent", "findBlockingText", "findOutdatedAgents", "findWidenings", "fixEncoding",
  "fixFileEncoding", "formatAgentSpec", "formatLockfile", "formatProjectConfig", "generateRegistryKey", "generateSigningKey", "getAgentInfo",
  "indexPayload", "initProject", "initRegistrySource", "installAgents", "installPathFor", "interpretAgent", "isAgentregError", "isIntegrity",
  "isPublicKey", "keyidOf", "lintAgentText", "listAgents", "listCache", "listGrants", "lockfileSchema", "packAgent", "packAgentFile",
  "packumentSchema", "packumentVersionSchema", "parseAgentSpec", "parseFrontmatter", "parseLockfile", "parseProjectConfig", "parseTargets", "prefetchRegistry",
  "projectConfigJsonSchema", "projectConfigSchema", "publishAgent", "publishAgents", "readLockfile", "readProjectConfig", "registryIndexSchema",
  "registryPaths", "removeAgents", "resolveVersion", "scaffoldAgent", "searchAgents", "serveRegistry", "skippedError", "targetPath",
  "translateAgent", "unpackAgent", "updateAgents", "validateAgent", "validateForPublish", "validatePath", "validatePaths", "validateRegistrySource",
  "verifyIntegrity", "verifyProject", "verifySignature", "versionPayload", "yankVersion",
];

/** Left the public API in issue 14; CHANGELOG.md ("Removed from the public API") says why, one by one. */
const REMOVED = [
  "acquireProjectLock", "recoverProject", "withProjectSession", "createHttpClient", "createHttpSource", "createRegistryOpener", "registryIdForLocation",
  "createRegistryCache", "pickLatest", "applyPublishPolicy", "unifiedDiff", "diffStats", "expandVariables", "variablesIn", "loadAgentFile",
  "backUpConflicts", "formatWidenings", "assertAgentName", "loadSigningKey", "assertIndexTrusted", "assertVersionSigned", "readAgentText", "repairMojibake",
];
