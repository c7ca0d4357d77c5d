// Installs the pinned CLIs of the other coding tools agentreg installs agents for (issue 17) into
// .tools/<target>, once, so the tests can check with each tool itself that the files agentreg writes
// load: OpenCode, Gemini CLI, Codex and GitHub Copilot CLI (Cursor's CLI is not on npm). None is a
// workspace dependency: together they are ~1 GB, mostly native binaries, and only those tests need
// them. Usage: node scripts/fetch-coding-tools.mjs
//
// A bump that loads an agent file differently fails tests/e2e/coding-tools.test.ts; say what changed
// in CHANGELOG.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Each tool: its npm package, the pinned version, and the file that proves it is installed. */
export const CODING_TOOLS = {
  opencode: { package: "opencode-ai", version: "1.18.33", bin: "opencode", size: "~350 MB" },
  gemini: { package: "@google/gemini-cli", version: "0.61.0", bin: "gemini", size: "~100 MB" },
  codex: { package: "@openai/codex", version: "0.169.0", bin: "codex", size: "~400 MB" },
  copilot: { package: "@github/copilot", version: "1.0.102", bin: "copilot", size: "~190 MB" },
};

const root = fileURLToPath(new URL("..", import.meta.url));

/** The installed version of a tool, or undefined. */
export function installedVersion(id) {
  const tool = CODING_TOOLS[id];
  try {
    return JSON.parse(readFileSync(join(root, ".tools", id, "node_modules", tool.package, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let failed = 0;
  for (const [id, tool] of Object.entries(CODING_TOOLS)) {
    const installed = installedVersion(id);
    if (installed === tool.version && existsSync(join(root, ".tools", id, "node_modules", ".bin", tool.bin))) continue;
    // Said before npm starts: what is fetched, how big, and why the tests want it.
    process.stderr.write(
      `fetch-coding-tools: ${installed === undefined ? "installing" : `replacing ${installed} with`} ${tool.package}@${tool.version} in .tools/${id} (${tool.size} on disk; later runs reuse it)\n` +
        `  why: tests/e2e/coding-tools.test.ts checks with ${id} itself that every agent agentreg translates for it loads;\n` +
        "  set AGENTREG_SKIP_CODING_TOOLS=1 to leave those tests out\n",
    );
    const started = Date.now();
    const prefix = join(root, ".tools", id);
    mkdirSync(prefix, { recursive: true });
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(npm, ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `${tool.package}@${tool.version}`], { stdio: "inherit" });
    if (result.status === 0) process.stderr.write(`fetch-coding-tools: ${tool.package}@${tool.version} is in .tools/${id} (${Math.round((Date.now() - started) / 1000)} s)\n`);
    else {
      failed++;
      process.stderr.write(`fetch-coding-tools: npm could not install ${tool.package}@${tool.version} (exit ${result.status})\n`);
    }
  }
  if (failed > 0) {
    process.stderr.write("  The coding-tool tests need them; set AGENTREG_SKIP_CODING_TOOLS=1 to run the other tests without them.\n");
    process.exit(process.env.AGENTREG_SKIP_CODING_TOOLS ? 0 : 1);
  }
}
