import semver from "../semver.js";
import { diffStats, unifiedDiff } from "../unified-diff.js";
import { escapeHtml } from "./escape-html.js";

const decoder = new TextDecoder();

/**
 * What changed between each pair of consecutive versions (by semver order), newest first, as
 * `<details>` blocks: readable without script, folded so a page with many versions stays short.
 */
export function renderVersionDiffs(name: string, sources: ReadonlyMap<string, Uint8Array>): string {
  const versions = [...sources.keys()].sort(semver.compare);
  // Each version is the newer side of one diff and the older of the next: decoded once.
  const texts = versions.map((version) => decoder.decode(sources.get(version)));
  const blocks: string[] = [];
  for (let i = versions.length - 1; i > 0; i--) {
    const older = versions[i - 1] as string;
    const newer = versions[i] as string;
    const diff = unifiedDiff({
      oldText: texts[i - 1] as string,
      newText: texts[i] as string,
      oldLabel: `${name}@${older}/${name}.md`,
      newLabel: `${name}@${newer}/${name}.md`,
    });
    const summary = `${escapeHtml(older)} → ${escapeHtml(newer)}`;
    blocks.push(
      diff === ""
        ? `<details><summary>${summary}: the agent file is unchanged</summary></details>`
        : `<details><summary>${summary} ${diffCounts(diff)}</summary><pre class="diff" tabindex="0"><code>${renderDiffLines(diff)}</code></pre></details>`,
    );
  }
  return blocks.length === 0 ? `<p class="muted">Only one version has been published.</p>` : blocks.join("\n");
}

/** Each diff line in a span whose class says what it is, so added and removed lines stand out. */
function renderDiffLines(diff: string): string {
  const lines = diff.endsWith("\n") ? diff.slice(0, -1).split("\n") : diff.split("\n");
  return lines
    .map((line, i) => {
      const kind = i < 2 || line.startsWith("@@") || line.startsWith("\\") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "";
      return kind === "" ? `<span>${escapeHtml(line)}</span>` : `<span class="${kind}">${escapeHtml(line)}</span>`;
    })
    .join("\n");
}

function diffCounts(diff: string): string {
  const { added, removed } = diffStats(diff);
  return `<span class="muted">(+${added} −${removed} lines)</span>`;
}
