// Signed registries for the end-to-end tests (issue 6, "Signatures"): keys made with the CLI's
// `registry keygen`, builds signed with `registry build --sign-key`, and an index re-signed with
// node:crypto directly, so a test can craft what only the key's owner could sign (a past `expires`).
import { createHash, createPrivateKey, sign } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { assertSucceeded, readJson, runCli } from "./fixtures.js";

export interface TestKey {
  /** `ed25519:<base64>`, as `keygen` printed it. */
  publicKey: string;
  /** `SHA256:<base64>`: what errors and signatures call the key. */
  keyid: string;
  pemPath: string;
}

/**
 * The key id of a public key, computed here rather than by agentreg: the base64 sha256 of the raw
 * 32-byte ed25519 key, as npm names its registry signing keys.
 */
export function keyidOf(publicKey: string): string {
  const raw = Buffer.from(publicKey.replace(/^ed25519:/, ""), "base64");
  return `SHA256:${createHash("sha256").update(raw).digest("base64")}`;
}

/** Runs `agentreg registry keygen --out <dir>` (which creates `dir`) and returns the key it printed and wrote. */
export async function keygen(dir: string): Promise<TestKey> {
  const result = assertSucceeded(await runCli(["registry", "keygen", "--out", dir], { cwd: dirname(dir) }), "registry keygen");
  const publicKey = result.stdout.trim();
  return { publicKey, keyid: keyidOf(publicKey), pemPath: join(dir, "agentreg-signing-key.pem") };
}

/** Builds a registry source folder with `registry build --sign-key`. */
export async function buildSigned(source: string, out: string, key: TestKey): Promise<string> {
  assertSucceeded(await runCli(["registry", "build", source, "--out", out, "--sign-key", key.pemPath], { cwd: source }), `registry build --sign-key ${source}`);
  return out;
}

/**
 * Changes a built registry's index.json and signs it again with `key`, over the payload the issue
 * specifies: `agentreg-index:<name>:<serial>:<generatedAt>:<expires>`.
 */
export async function resignIndex(registry: string, key: TestKey, change: (index: Record<string, any>) => void): Promise<void> {
  const path = join(registry, "index.json");
  const index = await readJson(path);
  change(index);
  const payload = `agentreg-index:${index.name}:${index.serial}:${index.generatedAt}:${index.expires ?? ""}`;
  const privateKey = createPrivateKey(await readFile(key.pemPath, "utf8"));
  index.signatures = [{ keyid: key.keyid, sig: sign(null, Buffer.from(payload), privateKey).toString("base64") }];
  await writeFile(path, `${JSON.stringify(index, null, 2)}\n`);
}

/** Writes `agentreg.json` with the registry `acme` at `url`, pinning `keys`, and no agents yet. */
export async function writeAcmeConfig(project: string, url: string, keys: string[]): Promise<string> {
  const text = `${JSON.stringify({ agents: {}, registries: { acme: { keys, url } } }, null, 2)}\n`;
  await writeFile(join(project, "agentreg.json"), text);
  return text;
}
