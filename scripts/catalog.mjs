// Rewrites the catalog table in README.md (between <!-- catalog:start --> and <!-- catalog:end -->)
// from the registry source in registry/ (issue 7). `--check` changes nothing and exits 1 when the
// README is out of date, so CI can catch a publish without `pnpm catalog`.
// Usage: pnpm catalog [--check]
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const registryDir = join(root, "registry");
const readmePath = join(root, "README.md");
const START = "<!-- catalog:start -->";
const END = "<!-- catalog:end -->";
const USAGE = "usage: node scripts/catalog.mjs [--check]";

/** Agent files are read the way Claude Code reads them, through the SDK's own parser. */
async function loadSdk() {
  try {
    return await import("@agentreg/sdk");
  } catch (error) {
    throw new Error("cannot load @agentreg/sdk: run `pnpm build` first", { cause: error });
  }
}

/** Byte-order comparison, so the table does not depend on the machine's locale. */
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Only plain `x.y.z` versions count: a prerelease is never what `add` installs by default. */
function parseStable(version) {
  const match = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(version);
  return match ? match.slice(1).map(Number) : undefined;
}

function latestStable(versions, yanks) {
  const candidates = versions
    .filter((version) => !yanks.includes(version))
    .map((version) => ({ version, parts: parseStable(version) }))
    .filter((candidate) => candidate.parts !== undefined)
    .sort((a, b) => a.parts[0] - b.parts[0] || a.parts[1] - b.parts[1] || a.parts[2] - b.parts[2]);
  return candidates.at(-1)?.version;
}

/**
 * The text before the first `<example>`, on one line, without an "Examples:" lead-in, cut after its
 * first sentence. interpretAgent has already turned literal `\n` escapes into newlines.
 */
function summarize(description) {
  const intro = (description.split(/<example>/i)[0] ?? "")
    .replace(/\s+/g, " ")
    .replace(/\s*(for )?examples?:?\s*$/i, "")
    .trim();
  const sentence = /^.*?[.!?](?=\s|$)/.exec(intro);
  return sentence ? sentence[0] : intro;
}

/** Table cells are one line, and a `|` would end the cell early. */
function cell(text) {
  return text.replace(/\s+/g, " ").replaceAll("\\", "\\\\").replaceAll("|", "\\|").trim();
}

async function readCatalog({ parseFrontmatter, interpretAgent }) {
  const agentsDir = join(registryDir, "agents");
  const names = (await readdir(agentsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compareText);
  const rows = [];
  for (const name of names) {
    const meta = JSON.parse(await readFile(join(agentsDir, name, "agent.json"), "utf8"));
    const version = latestStable(Object.keys(meta.versions ?? {}), meta.yanks ?? []);
    // An agent whose every version is yanked or a prerelease has nothing to install by default.
    if (version === undefined) continue;
    const file = join(agentsDir, name, version, `${name}.md`);
    const parsed = parseFrontmatter(await readFile(file, "utf8"));
    if (!parsed.ok) throw new Error(`${file}: ${parsed.message}`);
    const interpreted = interpretAgent(parsed.data);
    if (!interpreted.ok) throw new Error(`${file}: ${interpreted.message}`);
    const { agent } = interpreted;
    rows.push([
      `\`${name}\``,
      version,
      summarize(agent.description),
      agent.tools === "all" ? "all" : agent.tools.join(", "),
      agent.model ?? "-",
      [...(meta.keywords ?? [])].sort(compareText).join(", "),
    ]);
  }
  return rows;
}

function renderTable(rows) {
  const lines = ["| agent | latest | description | tools | model | keywords |", "|---|---|---|---|---|---|"];
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

function replaceSection(readme, table) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md must contain ${START} followed by ${END}`);
  }
  return `${readme.slice(0, start)}${START}\n${table}\n${readme.slice(end)}`;
}

async function main(args) {
  const check = args.includes("--check");
  const unknown = args.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    console.error(`catalog: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const rows = await readCatalog(await loadSdk());
  const readme = await readFile(readmePath, "utf8");
  const updated = replaceSection(readme, renderTable(rows));
  if (check) {
    if (updated === readme) return 0;
    console.error("catalog: the table in README.md is out of date with registry/; run `pnpm catalog`");
    return 1;
  }
  if (updated !== readme) await writeFile(readmePath, updated);
  console.log(`catalog: ${rows.length} agents${updated === readme ? ", README.md already current" : " written to README.md"}`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`catalog: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
