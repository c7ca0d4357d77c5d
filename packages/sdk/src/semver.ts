import compare from "semver/functions/compare.js";
import inc from "semver/functions/inc.js";
import prerelease from "semver/functions/prerelease.js";
import rcompare from "semver/functions/rcompare.js";
import satisfies from "semver/functions/satisfies.js";
import valid from "semver/functions/valid.js";
import maxSatisfying from "semver/ranges/max-satisfying.js";
import validRange from "semver/ranges/valid.js";

/**
 * The semver functions agentreg uses, each required from its own module: the package's index
 * requires all of its ~50 modules (every function, class and range helper), a few milliseconds of
 * every command's start-up for code agentreg never calls.
 */
const semver = { compare, inc, maxSatisfying, prerelease, rcompare, satisfies, valid, validRange };

export default semver;
