/**
 * Where a Claude Code plugin marketplace keeps its files, as agentreg writes them (`registry build`
 * exports one, issue 7) and reads them (`publish --from-marketplace`):
 *
 *     .claude-plugin/marketplace.json
 *     plugins/<name>/.claude-plugin/plugin.json
 *     plugins/<name>/agents/<name>.md
 */
export const marketplacePaths = {
  manifest: ".claude-plugin/marketplace.json",
  /** The plugin's folder, as the manifest's `source` names it: Claude Code requires a leading `./`. */
  pluginSource: (name: string): string => `./plugins/${name}`,
  pluginManifest: (name: string): string => `plugins/${name}/.claude-plugin/plugin.json`,
  pluginAgent: (name: string): string => `plugins/${name}/agents/${name}.md`,
} as const;
