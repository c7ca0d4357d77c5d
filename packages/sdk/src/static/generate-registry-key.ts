import { mkdir, open } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AgentregError, ErrorCode } from "../errors.js";
import { generateSigningKey } from "../registry/signatures.js";
import { checkOptions } from "../check-arguments.js";

/** The private key's file name inside `--out`. */
export const SIGNING_KEY_FILE = "agentreg-signing-key.pem";

/**
 * Creates an ed25519 signing key for a registry: the private key as PEM, readable by its owner only
 * (mode 0600), never overwriting an existing key. Returns the public key clients pin in `keys`.
 *
 * @example
 * const { path, publicKey } = await generateRegistryKey({ out: "keys" });
 */
export async function generateRegistryKey(options: { out: string }): Promise<{ path: string; publicKey: string; keyid: string }> {
  checkOptions("generateRegistryKey", options, { out: "path" });
  const out = resolve(options.out);
  await mkdir(out, { recursive: true, mode: 0o700 });
  const path = join(out, SIGNING_KEY_FILE);
  const key = generateSigningKey();
  const handle = await open(path, "wx", 0o600).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "EEXIST"
      ? new AgentregError(ErrorCode.EXISTS, `${path} already exists`, { subject: path, hint: "Keep the existing key, or move it away first: replacing a key breaks every client that pinned it." })
      : error;
  });
  try {
    await handle.writeFile(key.privateKeyPem);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { path, publicKey: key.publicKey, keyid: key.keyid };
}
