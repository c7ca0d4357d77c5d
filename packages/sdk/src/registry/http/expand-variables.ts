import { AgentregError, ErrorCode } from "../../errors.js";

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * The `${VAR}` names in a template, in order of appearance.
 *
 * @example
 * variablesIn("Bearer ${ACME_TOKEN}"); // ["ACME_TOKEN"]
 */
export function variablesIn(template: string): string[] {
  return [...template.matchAll(VARIABLE)].map((match) => match[1] as string);
}

/**
 * Replaces every `${VAR}` with its value. A variable that is not set is an `E_CONFIG` error naming it
 * and the registry that needs it, raised before any request is made.
 *
 * @example
 * expandVariables("Bearer ${T}", { T: "abc" }, "acme"); // "Bearer abc"
 */
export function expandVariables(template: string, variables: Readonly<Record<string, string | undefined>>, registry: string): string {
  return template.replace(VARIABLE, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) {
      throw new AgentregError(ErrorCode.CONFIG, `${name} is not set, needed by registry ${registry}`, {
        subject: name,
        hint: `Set the environment variable ${name}, or change the registry's settings in agentreg.json.`,
      });
    }
    return value;
  });
}

/**
 * Which environment variables the user lets agentreg send, and where. A project's agentreg.json is
 * untrusted (it arrives with a clone), so it alone cannot send `${AWS_SECRET_ACCESS_KEY}` to a host of
 * its choosing: a variable is expanded into a request only when its name starts with `AGENTREG_`, or
 * the user allows it by name (`--allow-env NAME`), or the user's own config allows it for that origin.
 */
export interface VariablePolicy {
  /** Allowed everywhere (`--allow-env NAME`). */
  names?: readonly string[] | undefined;
  /** Allowed for one origin (`https://agents.acme.dev`) only, from the user's own config. */
  byOrigin?: Readonly<Record<string, readonly string[]>> | undefined;
}

/** Variables with this prefix exist for agentreg alone, so sending them to a configured registry is expected. */
export const ALWAYS_ALLOWED_PREFIX = "AGENTREG_";

/**
 * Throws `E_CONFIG` naming the first variable of `names` the policy does not allow for `origin`,
 * before its value is read or anything is sent.
 *
 * @example
 * assertVariablesAllowed({ names: ["ACME_TOKEN"], origin: "https://agents.acme.dev", policy: { names: ["ACME_TOKEN"] }, registry: "acme" });
 */
export function assertVariablesAllowed(options: { names: readonly string[]; origin: string; policy: VariablePolicy | undefined; registry: string }): void {
  const { origin, policy, registry } = options;
  for (const name of options.names) {
    if (name.startsWith(ALWAYS_ALLOWED_PREFIX) || policy?.names?.includes(name)) continue;
    const forOrigin = policy?.byOrigin !== undefined && Object.hasOwn(policy.byOrigin, origin) ? policy.byOrigin[origin] : undefined;
    if (forOrigin?.includes(name)) continue;
    throw new AgentregError(ErrorCode.CONFIG, `registry ${registry} would send the environment variable ${name} to ${origin}, which you have not allowed`, {
      subject: name,
      hint: `If that is intended, pass --allow-env ${name}, or allow it for ${origin} in your own agentreg config (see "allowEnv" in the docs), or rename it ${ALWAYS_ALLOWED_PREFIX}${name}. Nothing was sent.`,
      details: { variable: name, origin },
    });
  }
}
