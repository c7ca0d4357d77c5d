import { readFile } from "node:fs/promises";
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
    for (const name of ["addAgents", "installAgents", "removeAgents", "listAgents", "getAgentInfo", "searchAgents", "validateAgent", "parseFrontmatter", "resolveVersion", "buildRegistry", "publishAgent", "packAgent", "unpackAgent", "verifyIntegrity", "AgentregError"]) {
      expect(typeof sdk[name], name).toBe("function");
    }
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, "packages/sdk/package.json"), "utf8")) as { exports: Record<string, { types: string }> };
    await expect(readFile(join(REPO_ROOT, "packages/sdk", pkg.exports["."]?.types ?? "missing"), "utf8")).resolves.toContain("export { addAgents");
  });
});
