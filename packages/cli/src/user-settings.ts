import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The user's own settings file, beside the user scope's agentreg.json: never read from a project. */
export const USER_SETTINGS_FILE = "config.json";

/**
 * The variables the user allows registries to send, per origin, from `<user config>/config.json`:
 *
 *     { "allowEnv": { "https://agents.acme.dev": ["ACME_TOKEN"] } }
 *
 * A project's agentreg.json cannot grant this (it arrives with a clone). A missing file allows
 * nothing more; a malformed one is reported and ignored, which only ever allows less.
 */
export function allowedVariablesByOrigin(configDir: string, warn: (text: string) => void): Record<string, string[]> {
  const path = join(configDir, USER_SETTINGS_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") warn(`warning: cannot read ${path} (${(error as NodeJS.ErrnoException).code}); no variables are allowed from it`);
    return {};
  }
  const byOrigin: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  try {
    const allowEnv = (JSON.parse(text) as { allowEnv?: unknown }).allowEnv ?? {};
    if (typeof allowEnv !== "object" || allowEnv === null || Array.isArray(allowEnv)) throw new TypeError('"allowEnv" must be an object of origin -> variable names');
    for (const [url, names] of Object.entries(allowEnv)) {
      if (!Array.isArray(names) || !names.every((name) => typeof name === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) {
        throw new TypeError(`"allowEnv"."${url}" must be a list of variable names`);
      }
      const origin = new URL(url).origin;
      if (origin === "null") throw new TypeError(`"${url}" is not an http(s) origin`);
      byOrigin[origin] = [...(byOrigin[origin] ?? []), ...names];
    }
  } catch (error) {
    warn(`warning: ignoring ${path}: ${(error as Error).message}`);
    return {};
  }
  return byOrigin;
}
