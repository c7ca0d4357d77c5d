import { escapeAttribute, escapeHtml } from "./escape-html.js";

/** The registry `npx agentreg add <name>` reads without `--registry`: the one the CLI ships. */
export const DEFAULT_REGISTRY_NAME = "agentreg";

/** Registry names a project may use as `@ns/` (the agent naming rules). */
const NAMESPACE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface InstallCommandOptions {
  name: string;
  registry: { name: string; url?: string | undefined };
  /** The path from the page to the registry root, for the script that fills in an unknown URL. */
  root: string;
}

export interface InstallCommand {
  /** The command as HTML (`<code>` content); its text is exactly what the copy button copies. */
  html: string;
  /** The `@ns/` form, as HTML, for registries a project can name; undefined for the default one. */
  scopedHtml: string | undefined;
}

/**
 * The exact command that installs an agent from this registry: plain `add` for the default
 * registry, `--registry <url>` otherwise. When the build does not know where the registry will be
 * hosted (no `url` in registry.json), the page says so in the command and the catalog script puts
 * in the page's own address (or folder, for `file:`) when it runs.
 */
export function installCommand(options: InstallCommandOptions): InstallCommand {
  const { name, registry, root } = options;
  if (registry.name === DEFAULT_REGISTRY_NAME && registry.url === undefined) {
    return { html: `npx agentreg add ${escapeHtml(name)}`, scopedHtml: undefined };
  }
  const where =
    registry.url === undefined
      ? `<span data-registry-url data-root="${escapeAttribute(root)}">&lt;this registry's URL&gt;</span>`
      : escapeHtml(shellWord(registry.url));
  const scopedHtml = NAMESPACE.test(registry.name) ? `npx agentreg add @${escapeHtml(registry.name)}/${escapeHtml(name)}` : undefined;
  return { html: `npx agentreg add ${escapeHtml(name)} --registry ${where}`, scopedHtml };
}

/** A word a shell needs no quotes for; the catalog script quotes with the same pattern. */
export const PLAIN_SHELL_WORD = /^[\w@%+=:,./-]+$/;

/** A word a POSIX shell reads back as itself: bare when it is plain, else single-quoted. */
export function shellWord(word: string): string {
  return PLAIN_SHELL_WORD.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
