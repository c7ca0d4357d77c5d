import type { NetworkOptions } from "@agentreg/sdk";
import { defaultCacheDir } from "./cache-dir.js";
import { allowedVariablesByOrigin } from "./user-settings.js";

/**
 * The CLI is where the environment is read (the SDK never does): the cache folder, proxies and the
 * values of `${VAR}` in registry settings all come from here.
 */
export function networkOptions(
  flags: { offline?: boolean; preferOffline?: boolean; fetchTimeout?: number; fetchDeadline?: number; fetchRetries?: number; allowEnv?: string[] },
  userConfigDir: string,
): NetworkOptions {
  const env = process.env;
  const proxy = {
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  };
  return {
    cacheDir: defaultCacheDir(),
    offline: flags.offline === true,
    preferOffline: flags.preferOffline === true,
    variables: env,
    // Which of them registries may send: AGENTREG_* always, others only where the user says so.
    allowedVariables: { names: flags.allowEnv ?? [], byOrigin: allowedVariablesByOrigin(userConfigDir, (text) => process.stderr.write(`${text}\n`)) },
    ...(proxy.httpProxy || proxy.httpsProxy ? { proxy } : {}),
    ...(flags.fetchTimeout === undefined ? {} : { timeoutMs: flags.fetchTimeout }),
    // Seconds on the command line: a deadline is minutes long, where a silence timeout is milliseconds.
    ...(flags.fetchDeadline === undefined ? {} : { deadlineMs: flags.fetchDeadline * 1000 }),
    ...(flags.fetchRetries === undefined ? {} : { retries: flags.fetchRetries }),
  };
}
