import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { AgentregError, ErrorCode } from "../errors.js";
import { checkArgument, checkOptions } from "../check-arguments.js";

/**
 * Registry signatures: ed25519 (node:crypto), npm-style. A version's signature covers
 * `<name>@<version>:<integrity>`, so a signed packument pins each version's bytes; the index's covers
 * its name, `serial`, `generatedAt` and `expires`, so a client can refuse a rollback (a serial lower
 * than one it has seen) and a freeze (an index past its expiry), as TUF's timestamp role does.
 * Public keys are written `ed25519:<base64 of the 32 raw key bytes>`.
 */
const PREFIX = "ed25519:";

/**
 * The text a version's signature covers.
 *
 * @example
 * const ok = verifySignature(publicKey, versionPayload("reviewer", "1.0.0", entry.integrity), entry.signatures[0].sig);
 */
export function versionPayload(name: string, version: string, integrity: string): string {
  checkArgument("versionPayload", "name", name, "string");
  checkArgument("versionPayload", "version", version, "string");
  checkArgument("versionPayload", "integrity", integrity, "string");
  return `${name}@${version}:${integrity}`;
}

/**
 * The text an index's signature covers.
 *
 * @example
 * const ok = verifySignature(publicKey, indexPayload(index), index.signatures[0].sig);
 */
export function indexPayload(index: { name: string; serial: number; generatedAt: string; expires?: string | undefined }): string {
  checkOptions("indexPayload", index, { name: "string", serial: "number", generatedAt: "string", expires: "string?" }, "index");
  return `agentreg-index:${index.name}:${index.serial}:${index.generatedAt}:${index.expires ?? ""}`;
}

/**
 * A key id: `SHA256:` and the base64 sha256 of the raw public key, as npm names its signing keys.
 *
 * @example
 * keyidOf("ed25519:MCowBQ…"); // "SHA256:…"
 */
export function keyidOf(publicKey: string): string {
  checkArgument("keyidOf", "publicKey", publicKey, "string");
  return `SHA256:${createHash("sha256").update(rawKey(publicKey)).digest("base64")}`;
}

/**
 * A new ed25519 key pair: the private key as PKCS#8 PEM, the public key as `ed25519:<base64>`.
 *
 * @example
 * const { privateKeyPem, publicKey } = generateSigningKey();
 */
export function generateSigningKey(): { privateKeyPem: string; publicKey: string; keyid: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const text = formatPublicKey(publicKey);
  return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey: text, keyid: keyidOf(text) };
}

/**
 * A signer from a PEM private key, with its public key and key id.
 *
 * @example
 * const signer = loadSigningKey(pem);
 * const sig = signer.sign(versionPayload("x", "1.0.0", integrity));
 */
export function loadSigningKey(privateKeyPem: string, subject = "signing key"): { publicKey: string; keyid: string; sign(payload: string): string } {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new AgentregError(ErrorCode.USAGE, `${subject} is not a PEM private key`, { subject, hint: "Create one with `agentreg registry keygen --out <dir>`.", cause: error });
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new AgentregError(ErrorCode.USAGE, `${subject} is a ${key.asymmetricKeyType ?? "unknown"} key, not ed25519`, { subject, hint: "Create one with `agentreg registry keygen --out <dir>`." });
  }
  const publicKey = formatPublicKey(createPublicKey(key));
  return { publicKey, keyid: keyidOf(publicKey), sign: (payload) => sign(null, Buffer.from(payload), key).toString("base64") };
}

/**
 * Whether `sig` (base64) is `publicKey`'s ed25519 signature of `payload`. Never throws for bad input.
 *
 * @example
 * verifySignature("ed25519:…", "x@1.0.0:sha512-…", sig); // true
 */
export function verifySignature(publicKey: string, payload: string, sig: string): boolean {
  checkArgument("verifySignature", "publicKey", publicKey, "string");
  checkArgument("verifySignature", "payload", payload, "string");
  checkArgument("verifySignature", "sig", sig, "string");
  if (!isPublicKey(publicKey)) return false;
  try {
    const key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: rawKey(publicKey).toString("base64url") }, format: "jwk" });
    return verify(null, Buffer.from(payload), key, Buffer.from(sig, "base64"));
  } catch {
    // Kept whole: node:crypto refusing a key or signature a registry sent is a check that failed,
    // whatever its error says; nothing here touches the file system or the network.
    return false;
  }
}

/**
 * Whether a value is a well-formed `ed25519:<base64>` public key.
 *
 * @example
 * isPublicKey(generateSigningKey().publicKey); // true
 * isPublicKey("ssh-ed25519 AAAA…");            // false
 */
export function isPublicKey(value: string): boolean {
  // A predicate: any other value, a number or null included, is simply not a key (issue 14).
  return typeof value === "string" && value.startsWith(PREFIX) && rawKey(value).length === 32;
}

function rawKey(publicKey: string): Buffer {
  if (!publicKey.startsWith(PREFIX)) throw new Error(`not an ${PREFIX} key`);
  return Buffer.from(publicKey.slice(PREFIX.length), "base64");
}

function formatPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: "jwk" });
  return PREFIX + Buffer.from(String(jwk.x), "base64url").toString("base64");
}
