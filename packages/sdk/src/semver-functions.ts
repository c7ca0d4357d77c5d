// The semver functions agentreg uses, each from its own module: the package's index loads all of its
// ~50 modules, a few milliseconds of every start for code agentreg never calls. semver.ts answers
// the common cases without them; the CLI's bundle loads this module the first time it does not.
export { default as compare } from "semver/functions/compare.js";
export { default as inc } from "semver/functions/inc.js";
export { default as prerelease } from "semver/functions/prerelease.js";
export { default as satisfies } from "semver/functions/satisfies.js";
export { default as valid } from "semver/functions/valid.js";
export { default as maxSatisfying } from "semver/ranges/max-satisfying.js";
export { default as validRange } from "semver/ranges/valid.js";
