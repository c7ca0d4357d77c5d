// The issue: "`npm pack` in packages/cli gives a tarball that works alone, as npx users get it".
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { assertSucceeded, readJson, REPO_ROOT, runCli, runProcess, SEED, useTempDirs } from "../helpers/fixtures.js";
import { projectConfigJsonSchema } from "@agentreg/sdk";

const makeTempDir = useTempDirs();
const makeFileTempDir = useTempDirs("file");

/** npm settings for a private, offline cache; inherited npm/pnpm settings are dropped. */
function npmEnv(cache: string): Record<string, string | undefined> {
  const inherited = Object.keys(process.env).filter((key) => /^npm_(config|package|lifecycle)_/i.test(key));
  return {
    ...Object.fromEntries(inherited.map((key) => [key, undefined])),
    npm_config_cache: cache,
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
}

/** Every file of a (decompressed) tar archive, by path. */
function readTarEntries(tar: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number): string => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const prefix = field(345, 155);
    const name = prefix === "" ? field(0, 100) : `${prefix}/${field(0, 100)}`;
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    entries.set(name, tar.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** One file from a (decompressed) tar archive; undefined when it is not there. */
function readTarEntry(tar: Buffer, wanted: string): Buffer | undefined {
  return readTarEntries(tar).get(wanted);
}

describe("the packed CLI, as npx users get it", () => {
  let tarball = "";
  let cache = "";

  beforeAll(async () => {
    const packDir = await makeFileTempDir("pack");
    cache = await makeFileTempDir("npm-cache");
    const packed = assertSucceeded(
      await runProcess("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir], {
        cwd: join(REPO_ROOT, "packages/cli"),
        env: npmEnv(cache),
        timeoutMs: 100_000,
      }),
      "npm pack",
    );
    const [report] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
    if (report === undefined) throw new Error(`npm pack reported no tarball: ${packed.stdout}`);
    tarball = join(packDir, report.filename);
  });

  it("has no runtime dependencies", async () => {
    const manifestBytes = readTarEntry(gunzipSync(await readFile(tarball)), "package/package.json");
    expect(manifestBytes).toBeDefined();
    const manifest = JSON.parse(String(manifestBytes)) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: "agentreg", bin: { agentreg: "dist/agentreg.cjs" } });
    expect(manifest.version).toBe((await readJson(join(REPO_ROOT, "packages/cli/package.json"))).version);
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"]) {
      expect({ field, value: manifest[field] }).toEqual({ field, value: undefined });
    }
  });

  it("ships the entry, the chunks it requires and their source maps, without the test build's hooks", async () => {
    const entries = readTarEntries(gunzipSync(await readFile(tarball)));
    const dist = [...entries.keys()].filter((path) => path.startsWith("package/dist")).sort();
    expect(dist).toEqual(["agentreg.cjs", "agentreg.cjs.map", "builtin.cjs", "cold.cjs", "cold.cjs.map", "core.cjs", "core.cjs.map", "git.cjs", "git.cjs.map", "semver.cjs", "tar.cjs", "undici.cjs"].map((name) => `package/dist/${name}`));
    // The hooks of packages/cli/src/test-hooks.ts (SIGKILL at a write point, a thrown TypeError)
    // exist only in dist-test/; the check is meaningful because the test build does contain them.
    for (const path of dist) expect(String(entries.get(path)), path).not.toContain("AGENTREG_TEST_");
    expect(await readFile(join(REPO_ROOT, "packages/cli/dist-test/core.cjs"), "utf8")).toContain("AGENTREG_TEST_KILL_AT");
  });

  it("ships the JSON Schema of agentreg.json that `init` points $schema at", async () => {
    const schemaBytes = readTarEntry(gunzipSync(await readFile(tarball)), "package/schema/agentreg.schema.json");
    expect(schemaBytes).toBeDefined();
    const schema = JSON.parse(String(schemaBytes)) as { title?: string; properties?: Record<string, unknown> };
    expect(schema.title).toBe("agentreg.json");
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(["$schema", "agents", "registries", "targets"]);

    const project = await makeTempDir();
    assertSucceeded(await runCli(["init"], { cwd: project }), "init");
    const config = await readJson(join(project, "agentreg.json"));
    // The versioned URL of that very file in the published package: it resolves for npx users, who
    // have no node_modules/agentreg.
    const version = (await readJson(join(REPO_ROOT, "packages/cli/package.json"))).version;
    expect(config).toEqual({ $schema: `https://cdn.jsdelivr.net/npm/agentreg@${version}/schema/agentreg.schema.json`, agents: {} });
    expect(new URL(config.$schema).pathname.endsWith(`/agentreg@${version}/schema/agentreg.schema.json`)).toBe(true);
    expect(JSON.parse(String(schemaBytes))).toEqual(projectConfigJsonSchema());
  });

  it("installs the seed byte for byte in an empty folder with npm exec, offline", { timeout: 120_000 }, async () => {
    const project = await makeTempDir();
    const result = await runProcess("npm", ["exec", "--yes", `--package=${tarball}`, "--", "agentreg", "add", SEED.name], {
      cwd: project,
      env: npmEnv(cache),
      timeoutMs: 110_000,
    });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`+ ${SEED.name}@1.0.0 -> ${SEED.installPath}`);
    expect(await readFile(join(project, SEED.installPath))).toEqual(await readFile(SEED.registryFile));
    expect(await readJson(join(project, "agentreg.json"))).toEqual({ agents: { [SEED.name]: "^1.0.0" } });
  });
});
