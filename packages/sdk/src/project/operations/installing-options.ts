import type { NetworkOptions } from "../../registry/http/network-options.js";
import type { InstallEvent } from "../transaction/install-events.js";
import { PROJECT_SESSION_SPEC, type ProjectSessionOptions } from "../transaction/project-session.js";

/** What `addAgents`, `installAgents` and `updateAgents` share: where to install from, what to allow, and the seams. */
export interface InstallingOptions extends ProjectSessionOptions {
  /** A registry URL, absolute folder path or `builtin`, used for unscoped names. */
  registry?: string;
  /** Replace a file that was edited or not installed by agentreg (a backup copy is kept). */
  force?: boolean;
  /** Accept a version that grants more than the installed one. */
  allowNewPermissions?: boolean;
  /** Install agents whose text has hidden Unicode (tag characters, bidi controls, zero-width…). */
  allowHiddenUnicode?: boolean;
  /** Where `force` keeps copies of what it replaces (default: `.agentreg-backups` in the config folder). */
  backupDir?: string;
  onEvent?: (event: InstallEvent) => void;
  /** Cache, offline mode, `${VAR}` values, proxy and timeouts for HTTP registries. */
  network?: NetworkOptions;
  /** The coding tools to install for, this once (`TargetId`s, checked: `E_USAGE`); default: `targets` in agentreg.json, else Claude Code. */
  targets?: readonly string[];
  /** Where the other tools' files go: a project's folders, or the user's (`-g`: `~/.config/opencode/agents`, …). */
  scope?: "project" | "user";
  /** Test seam: called at each write point (tests kill the process there). */
  onWritePoint?: (label: string) => void;
}

/** The argument checks of {@link InstallingOptions}. */
export const INSTALLING_SPEC = {
  ...PROJECT_SESSION_SPEC,
  registry: "string?",
  force: "boolean?",
  allowNewPermissions: "boolean?",
  allowHiddenUnicode: "boolean?",
  backupDir: "path?",
  onEvent: "function?",
  network: "object?",
  onWritePoint: "function?",
  targets: "string[]?",
  scope: "string?",
} as const;
