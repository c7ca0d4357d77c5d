// Installs the pinned Claude Code CLI (npm package @anthropic-ai/claude-code) into .tools/claude-code,
// once, so the tests can check with Claude Code itself the plugin marketplace that `registry build`
// writes (issue 7) and that agentreg parses agent files as it does (issue 13). It is not a workspace
// dependency: the package is ~390 MB, almost all of it one native binary, and only these tests need
// it. Usage: node scripts/fetch-claude-code.mjs
//
// Pin the newest release. A bump that reads an agent file differently fails
// tests/e2e/claude-code-parity.test.ts; note what changed in CHANGELOG.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLAUDE_CODE_VERSION = "2.1.332";
const root = fileURLToPath(new URL("..", import.meta.url));
const prefix = join(root, ".tools", "claude-code");
const packageDir = join(prefix, "node_modules", "@anthropic-ai", "claude-code");

const installed = existsSync(join(packageDir, "cli-wrapper.cjs")) ? readVersion() : undefined;
if (installed === CLAUDE_CODE_VERSION) process.exit(0);
// The download is large and slow: say what it is, why the tests want it, and how to do without it,
// before npm starts (its own output is one line at the end).
process.stderr.write(
  `fetch-claude-code: ${installed === undefined ? "installing" : `replacing Claude Code ${installed} with`} Claude Code ${CLAUDE_CODE_VERSION} (npm package @anthropic-ai/claude-code) in .tools/claude-code\n` +
    "  about 260 MB to download and 390 MB on disk, almost all of it one native binary; later runs reuse it\n" +
    "  why: the tests check with Claude Code itself that agentreg reads agent files as it does and that\n" +
    "  the plugin marketplace `registry build` writes installs; without it those tests fail, or are\n" +
    "  skipped with AGENTREG_SKIP_CLAUDE_CODE=1\n",
);
const started = Date.now();
mkdirSync(prefix, { recursive: true });
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}`], { stdio: "inherit" });
if (result.status === 0) process.stderr.write(`fetch-claude-code: Claude Code ${CLAUDE_CODE_VERSION} is in .tools/claude-code (${Math.round((Date.now() - started) / 1000)} s)\n`);
if (result.status !== 0) {
  process.stderr.write(`fetch-claude-code: npm could not install @anthropic-ai/claude-code@${CLAUDE_CODE_VERSION} (exit ${result.status}).\n` + "  The Claude Code tests (marketplace, parse parity) need it; set AGENTREG_SKIP_CLAUDE_CODE=1 to run the other tests without them.\n");
  process.exit(process.env.AGENTREG_SKIP_CLAUDE_CODE ? 0 : 1);
}

function readVersion() {
  try {
    return JSON.parse(spawnSync(process.execPath, ["-p", `JSON.stringify(require(${JSON.stringify(join(packageDir, "package.json"))}).version)`]).stdout.toString());
  } catch {
    return undefined;
  }
}
