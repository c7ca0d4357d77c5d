// Rewrites the catalog table in README.md (between <!-- catalog:start --> and <!-- catalog:end -->)
// from the registry source in registry/ (issue 7). `--check` changes nothing and exits 1 when the
// README is out of date, so CI can catch a publish without `pnpm catalog`.
// Usage: pnpm catalog [--check]
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const registryDir = join(root, "registry");
const readmePath = join(root, "README.md");
const START = "<!-- catalog:start -->";
const END = "<!-- catalog:end -->";
const USAGE = "usage: node scripts/catalog.mjs [--check]";

/** The catalog is what `search` shows: the index a build of registry/ would serve. */
async function loadSdk() {
  try {
    return await import("@agentreg/sdk");
  } catch (error) {
    throw new Error("cannot load @agentreg/sdk: run `pnpm build` first", { cause: error });
  }
}

/** The index's one-line summary, cut after its first sentence for the table. */
function firstSentence(summary) {
  return /^.*?[.!?](?=\s|$)/.exec(summary)?.[0] ?? summary;
}

/** Table cells are one line, and a `|` would end the cell early. */
function cell(text) {
  return text.replace(/\s+/g, " ").replaceAll("\\", "\\\\").replaceAll("|", "\\|").trim();
}

async function readCatalog({ buildRegistryFiles, registryPaths }) {
  // Built in memory exactly as `registry build` does: latest, summaries, tools and keywords are the
  // registry's own, so the table cannot say anything the registry does not.
  const { files } = await buildRegistryFiles({ source: registryDir });
  const index = JSON.parse(new TextDecoder().decode(files.get(registryPaths.index)));
  return [...index.agents]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((agent) => [
      `\`${agent.name}\``,
      agent.latest,
      firstSentence(agent.description),
      agent.tools === "all" ? "all" : agent.tools.join(", "),
      agent.model ?? "-",
      agent.keywords.join(", "),
    ]);
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
