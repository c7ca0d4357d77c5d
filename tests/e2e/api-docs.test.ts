// Issue 14: the SDK's API reference, docs/api, is generated from the TSDoc by scripts/api-docs.mjs
// (TypeDoc); this keeps it from going stale and keeps every exported function documented with an example.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as sdk from "@agentreg/sdk";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runProcess } from "../helpers/fixtures.js";

const API_DIR = join(REPO_ROOT, "docs/api");

const FUNCTIONS = Object.entries(sdk)
  .filter(([name, value]) => typeof value === "function" && name !== "AgentregError")
  .map(([name]) => name)
  .sort();

describe("docs/api, the SDK's API reference", () => {
  it("is what `pnpm run docs` generates from the TSDoc now, and TypeDoc finds no type the API uses but does not export", async () => {
    const result = await runProcess(process.execPath, [join(REPO_ROOT, "scripts/api-docs.mjs"), "--check"], { cwd: REPO_ROOT, timeoutMs: 120_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it.each(FUNCTIONS)("documents %s with its signature and an example", (name) => {
    const page = join(API_DIR, "functions", `${name}.md`);
    expect(existsSync(page), `docs/api/functions/${name}.md`).toBe(true);
    const text = readFileSync(page, "utf8");
    expect(text).toContain(`function ${name}`);
    expect(text).toContain("## Example");
  });

  it("links every page from its index", () => {
    const index = readFileSync(join(API_DIR, "README.md"), "utf8");
    for (const name of FUNCTIONS) expect(index).toContain(`](functions/${name}.md)`);
    expect(index).toContain("](classes/AgentregError.md)");
  });
});
