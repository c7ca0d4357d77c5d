// Issue 14: the command reference, the rule table and the error-code table in docs/ are generated
// from the code (commander definitions, RULES, ErrorCode) by scripts/reference.mjs; this keeps them
// from going stale.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ErrorCode, RULES } from "@agentreg/sdk";
import { REPO_ROOT, runProcess } from "../helpers/fixtures.js";

describe("generated reference pages", () => {
  it("docs/commands.md, docs/rules.md and docs/errors.md are what `pnpm run docs` generates now", async () => {
    const result = await runProcess(process.execPath, [join(REPO_ROOT, "scripts/reference.mjs"), "--check"], { cwd: REPO_ROOT, timeoutMs: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("list every command, rule and error code", async () => {
    const commands = await readFile(join(REPO_ROOT, "docs/commands.md"), "utf8");
    for (const command of ["init", "add", "install", "remove", "update", "outdated", "list", "verify", "diff", "info", "search", "validate", "new", "pack", "publish", "yank", "deprecate", "registry build", "registry serve", "cache clean", "targets"]) {
      expect(commands).toContain(`## \`agentreg ${command}\``);
    }
    const rules = await readFile(join(REPO_ROOT, "docs/rules.md"), "utf8");
    for (const id of Object.keys(RULES)) expect(rules).toContain(`| \`${id}\` |`);
    const errors = await readFile(join(REPO_ROOT, "docs/errors.md"), "utf8");
    for (const code of Object.values(ErrorCode)) expect(errors).toContain(`| \`${code}\` |`);
  });
});

describe("the README", () => {
  it("fits the front door: at most 12 KB, with the two commands and links that resolve", async () => {
    const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
    expect(readme).toContain("npx --yes pnpm@10.34.9 install --frozen-lockfile && npx --yes pnpm@10.34.9 demo");
    expect(readme).toContain("npx --yes pnpm@10.34.9 install --frozen-lockfile && npx --yes pnpm@10.34.9 test");
    for (const [, target] of readme.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target as string)) continue;
      await expect(readFile(join(REPO_ROOT, target as string)).then(() => true), `README links to ${target}`).resolves.toBe(true);
    }
  });
});

