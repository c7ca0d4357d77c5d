import { AgentregError, ErrorCode } from "../errors.js";
import type { PackumentVersion, RegistryIndex } from "./protocol.js";
import { indexPayload, keyidOf, verifySignature, versionPayload } from "./signatures.js";

/**
 * What a client trusts a registry with pinned keys for. Without pinned keys nothing here applies:
 * unsigned registries keep working, exactly as npm treats registries without signing keys.
 */
export interface RegistryTrust {
  /** Pinned public keys (`ed25519:<base64>`); every version and the index must be signed by one. */
  keys: string[];
  /** The highest index serial seen before, and a place to record the new one (rollback defence). */
  readSerial?: () => Promise<number | undefined>;
  writeSerial?: (serial: number) => Promise<void>;
  now?: () => Date;
}

/**
 * Refuses an index that is unsigned, signed by no pinned key, older than one already seen (a
 * rollback to stale metadata) or past its expiry (a freeze: a mirror that stopped updating).
 *
 * @example
 * await assertIndexTrusted(index, trust, "acme");
 */
export async function assertIndexTrusted(index: RegistryIndex, trust: RegistryTrust, registry: string): Promise<void> {
  const signer = trustedSigner(indexPayload(index), index.signatures, trust.keys);
  if (!signer.ok) throw signatureError(`the index of registry ${registry} ${signer.why}`, registry, trust);
  const now = (trust.now ?? (() => new Date()))();
  if (index.expires !== undefined && Date.parse(index.expires) <= now.getTime()) {
    throw signatureError(`the index of registry ${registry} expired at ${index.expires} (signed by ${signer.keyid}): the registry or its mirror stopped updating`, registry, trust);
  }
  const seen = await trust.readSerial?.();
  if (seen !== undefined && index.serial < seen) {
    throw signatureError(`registry ${registry} serves index serial ${index.serial}, older than serial ${seen} seen before (a rollback)`, registry, trust);
  }
  if (seen === undefined || index.serial > seen) await trust.writeSerial?.(index.serial);
}

/**
 * Refuses a version whose signature over `<name>@<version>:<integrity>` is missing, wrong, or by a
 * key the project did not pin.
 *
 * @example
 * assertVersionSigned("alpha", "1.0.0", entry, trust, "acme");
 */
export function assertVersionSigned(name: string, version: string, entry: PackumentVersion, trust: RegistryTrust, registry: string): void {
  const signer = trustedSigner(versionPayload(name, version, entry.integrity), entry.signatures, trust.keys);
  if (!signer.ok) throw signatureError(`${name}@${version} from registry ${registry} ${signer.why}`, `${name}@${version}`, trust);
}

type SignerCheck = { ok: true; keyid: string } | { ok: false; why: string };

function trustedSigner(payload: string, signatures: Array<{ keyid: string; sig: string }> | undefined, keys: string[]): SignerCheck {
  if (!signatures || signatures.length === 0) return { ok: false, why: "is not signed" };
  const pinned = new Map(keys.map((key) => [keyidOf(key), key]));
  let knownButBad: string | undefined;
  for (const { keyid, sig } of signatures) {
    const key = pinned.get(keyid);
    if (key === undefined) continue;
    if (verifySignature(key, payload, sig)) return { ok: true, keyid };
    knownButBad = keyid;
  }
  if (knownButBad !== undefined) return { ok: false, why: `has a signature by ${knownButBad} that does not match its content` };
  return { ok: false, why: `is signed only by keys the project does not trust (${signatures.map((s) => s.keyid).join(", ")})` };
}

function signatureError(message: string, subject: string, trust: RegistryTrust): AgentregError {
  return new AgentregError(ErrorCode.SIGNATURE, message, {
    subject,
    hint: `Nothing was installed. The project pins ${trust.keys.map(keyidOf).join(", ")}; if the registry rotated its key, update "keys" in agentreg.json, otherwise report the registry.`,
  });
}
