// Replaced at bundle time with the version in packages/cli/package.json.
declare const __AGENTREG_VERSION__: string | undefined;

export const CLI_VERSION: string = typeof __AGENTREG_VERSION__ === "string" ? __AGENTREG_VERSION__ : "0.0.0-dev";
