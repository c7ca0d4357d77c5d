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
