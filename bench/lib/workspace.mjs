// Where things are, and the environment every benchmarked process runs in.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const cliPackageDir = join(root, "packages/cli");
/** What `pnpm build` writes; the harness measures a copy of it (see `createWorkspace`). */
export const builtCliPath = join(cliPackageDir, "dist/agentreg.cjs");
/** The pnpm and Verdaccio pinned in bench/package.json, run with `node` directly: no npx in the timings. */
export const pnpmPath = join(root, "bench/node_modules/pnpm/bin/pnpm.cjs");
export const verdaccioPath = join(root, "bench/node_modules/verdaccio/bin/verdaccio");

/**
 * A scratch folder for one harness run, with its own XDG folders so nothing reads or writes the
 * user's caches and configuration (Node's compile cache of the CLI lives in XDG_CACHE_HOME).
 *
 * `cliPackage` is a copy of packages/cli taken now, built (`cli` is its dist/agentreg.cjs): the bundle
 * is self-contained, and on a machine where others rebuild dist while the harness runs, every row,
 * the package size included, must still measure the same build.
 */
export function createWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), "agentreg-bench-"));
  const xdg = {};
  for (const name of ["CACHE", "CONFIG", "DATA", "STATE"]) {
    xdg[`XDG_${name}_HOME`] = join(dir, "xdg", name.toLowerCase());
    mkdirSync(xdg[`XDG_${name}_HOME`], { recursive: true });
  }
  // A user .npmrc that does not exist: no token or registry of the user's own reaches npm or pnpm.
  const env = { ...inheritedEnv(), ...xdg, AGENTREG_CACHE: join(dir, "agentreg-cache"), npm_config_userconfig: join(dir, "npmrc-user") };
  const cliPackage = join(dir, "cli-package");
  cpSync(cliPackageDir, cliPackage, { recursive: true, filter: (path) => basename(path) !== "node_modules" });
  let counter = 0;
  return {
    dir,
    env,
    cliPackage,
    cli: join(cliPackage, "dist/agentreg.cjs"),
    /** A fresh, empty folder inside the workspace. */
    fresh(prefix) {
      const path = join(dir, `${prefix}-${++counter}`);
      mkdirSync(path, { recursive: true });
      return path;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The harness's own environment minus what would change the measured tools' behaviour: `pnpm bench`
 * exports `npm_config_*` settings of the outer pnpm, a proxy would take loopback traffic off the
 * machine, and extra TLS roots (`NODE_EXTRA_CA_CERTS`) make every Node process parse a certificate
 * file at start-up (~40 ms of CPU for a system bundle), `node -e 0` included, though nothing here
 * speaks TLS. Update checks are switched off so no tool reaches for the internet.
 */
function inheritedEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_config_/i.test(key) || /^(https?|all)_proxy$/i.test(key) || key === "NODE_EXTRA_CA_CERTS") continue;
    env[key] = value;
  }
  return { ...env, NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost", NO_UPDATE_NOTIFIER: "1", npm_config_update_notifier: "false" };
}
