import type { CommandContext } from "./context.js";

/**
 * The SDK, for a command that reads the `--registry` registry: that registry's first request (a git
 * registry's `ls-remote`, or its first fetch) is started before the command's SDK functions are
 * read. Reading one loads its modules, ~70 ms of start-up in which the request now runs; so read
 * them from the returned SDK only after this returns.
 *
 * @example
 * const sdk = await sdkWithRegistryStarted(context);
 * const { addAgents } = sdk;
 */
export async function sdkWithRegistryStarted(context: CommandContext): Promise<typeof import("@agentreg/sdk")> {
  const sdk = await import("@agentreg/sdk");
  if (context.registry !== undefined) sdk.prefetchRegistry({ location: context.registry, network: context.network });
  return sdk;
}
