import type { InstallEvent } from "@agentreg/sdk";
import type { CommandContext } from "../context.js";
import { createInstallProgress } from "../render/progress-line.js";
import { renderInstallEvent } from "../render/render-changes.js";
import { installEventHook } from "../test-hooks.js";

/** The flags add, install and update share. */
export interface InstallFlags {
  force?: boolean;
  allowNewPermissions?: boolean;
  allowHiddenUnicode?: boolean;
  /** `--target`: the coding tools to install for this time. */
  target?: string;
}

/**
 * Runs an installing SDK call (add, install, update) with what those commands share: the project
 * session, the gates' flags, the registry and network options, warnings as they come, and the
 * progress line, which is always removed before the result or the error is printed.
 *
 * @example
 * const result = await runInstalling(context, options, (request) => installAgents({ ...request, frozen }));
 */
export async function runInstalling<T>(
  context: CommandContext,
  flags: InstallFlags,
  run: (request: ReturnType<typeof installRequest>) => Promise<T>,
): Promise<T> {
  const progress = createInstallProgress({ json: context.json });
  const testHook = installEventHook();
  try {
    return await run(
      installRequest(context, flags, (event) => {
        testHook?.(event);
        progress.onEvent(event);
        renderInstallEvent(context, event);
      }),
    );
  } finally {
    progress.stop();
  }
}

function installRequest(context: CommandContext, flags: InstallFlags, onEvent: (event: InstallEvent) => void) {
  return {
    ...context.session,
    allowNewPermissions: flags.allowNewPermissions === true,
    allowHiddenUnicode: flags.allowHiddenUnicode === true,
    ...(context.registry === undefined ? {} : { registry: context.registry }),
    network: context.network,
    force: flags.force === true,
    ...(flags.target === undefined ? {} : { targets: flags.target.split(",").map((target) => target.trim()) }),
    scope: context.global ? ("user" as const) : ("project" as const),
    onEvent,
  };
}
