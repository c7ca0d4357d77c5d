import { prefetchRegistry } from "@agentreg/sdk";
import { defaultCacheDir } from "./cache-dir.js";

/** The commands that read `--registry` through sdkWithRegistryStarted. */
const READS_REGISTRY = new Set(["add", "info", "search"]);

/**
 * The `--registry` of a command line whose registry request may start before the commands are
 * loaded: the command must be the first word (`add`, `info` or `search`), and the line must not ask
 * for help or forbid the network. Read as commander reads it (the last `--registry` wins, nothing
 * after `--`); anything this does not recognise is left to the command, which starts the request
 * itself (sdk-for-registry.ts), ~70 ms later.
 *
 * @example
 * registryToPrefetch(["add", "reviewer", "--registry", "github:acme/agents"]); // "github:acme/agents"
 * registryToPrefetch(["--json", "add", "reviewer", "--registry", "github:acme/agents"]); // undefined
 */
export function registryToPrefetch(argv: readonly string[]): string | undefined {
  if (!READS_REGISTRY.has(argv[0] ?? "")) return undefined;
  let registry: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") break;
    if (arg === "--help" || arg === "-h" || arg === "--offline" || arg === "--prefer-offline") return undefined;
    if (arg === "--registry") registry = argv[++i];
    else if (arg.startsWith("--registry=")) registry = arg.slice("--registry=".length);
  }
  return registry;
}

/**
 * Starts the command line's git registry request (registryToPrefetch) as the CLI starts: bin.ts
 * calls this before it loads the core, whose ~70 ms of compiling and set-up then overlap the git
 * process. The SDK's prefetchRegistry lives in a chunk of its own (dist/git.cjs), which the core
 * shares, so the command's own call finds the request already started and takes it over. The
 * network options are the ones the command builds (network.ts): the same cache folder, and the
 * environment object itself, which a prefetch must share with its taker.
 */
export function prefetchRegistryOfArgv(argv: readonly string[]): void {
  const location = registryToPrefetch(argv);
  if (location !== undefined) prefetchRegistry({ location, network: { cacheDir: defaultCacheDir(), variables: process.env } });
}
