// Verdaccio on loopback, the registry behind the pnpm baseline: its own storage, no uplinks (nothing
// it serves can come from the internet), started and stopped by the harness.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, run, startServer } from "./processes.mjs";
import { verdaccioPath } from "./workspace.mjs";

export function verdaccioVersion() {
  return JSON.parse(readFileSync(join(verdaccioPath, "../../package.json"), "utf8")).version;
}

/**
 * Starts Verdaccio with storage in `dir`. Publishing needs a user: npm 11 refuses to publish
 * anonymously, so `addUser` registers one (`max_users` allows sign-up) and returns its token.
 */
export async function startVerdaccio({ dir, env }) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      "storage: ./storage",
      "auth:",
      "  htpasswd:",
      "    file: ./htpasswd",
      "    max_users: 10",
      "uplinks: {}",
      "packages:",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "web:",
      "  enable: false",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  const server = await startServer(process.execPath, [verdaccioPath, "--config", config, "--listen", `127.0.0.1:${port}`], {
    cwd: dir,
    env,
    logFile: join(dir, "verdaccio.log"),
    ready: async () => ((await fetch(`${url}-/ping`)).ok ? true : undefined),
  });
  return {
    url,
    stop: server.stop,
    async addUser(name, password) {
      const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, password, type: "user", roles: [], date: new Date().toISOString() }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok || typeof body.token !== "string") throw new Error(`Verdaccio refused to create user ${name}: ${response.status} ${JSON.stringify(body)}`);
      return body.token;
    },
  };
}

/**
 * Publishes package folders to Verdaccio as `npm publish` would. One `npm publish` per package costs
 * about a second of npm start-up here (100 packages: ~50 s of setup), so npm packs them all in one
 * process and the harness sends what npm's publisher (libnpmpublish) sends: a PUT of the packument
 * with the tarball attached, authorised by the user's token (~8 s for 100 here).
 */
export async function publishAll({ folders, registry, token, scratch, env }) {
  const packed = JSON.parse(run("npm", ["pack", ...folders, "--pack-destination", scratch, "--json", "--loglevel", "error"], { env, label: "npm pack" }));
  const queue = packed.map((entry, index) => ({ entry, folder: folders[index] }));
  const publishOne = async ({ entry, folder }) => {
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const tarball = readFileSync(join(scratch, entry.filename));
    const response = await fetch(new URL(encodeURIComponent(entry.name), registry), {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        _id: entry.name,
        name: entry.name,
        "dist-tags": { latest: entry.version },
        versions: {
          [entry.version]: {
            ...manifest,
            _id: entry.id,
            dist: { integrity: entry.integrity, shasum: entry.shasum, tarball: new URL(`${entry.name}/-/${entry.filename}`, registry).href },
          },
        },
        _attachments: { [entry.filename]: { content_type: "application/octet-stream", data: tarball.toString("base64"), length: tarball.length } },
      }),
    });
    if (!response.ok) throw new Error(`publishing ${entry.id} to Verdaccio failed: ${response.status} ${await response.text()}`);
  };
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await publishOne(next);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
