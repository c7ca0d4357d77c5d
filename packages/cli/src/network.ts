import type { NetworkOptions } from "@agentreg/sdk";
import { defaultCacheDir } from "./cache-dir.js";

/**
 * The CLI is where the environment is read (the SDK never does): the cache folder, proxies and the
 * values of `${VAR}` in registry settings all come from here.
 */
export function networkOptions(flags: { offline?: boolean; preferOffline?: boolean; fetchTimeout?: number; fetchRetries?: number }): NetworkOptions {
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
    ...(proxy.httpProxy || proxy.httpsProxy ? { proxy } : {}),
    ...(flags.fetchTimeout === undefined ? {} : { timeoutMs: flags.fetchTimeout }),
    ...(flags.fetchRetries === undefined ? {} : { retries: flags.fetchRetries }),
  };
}
