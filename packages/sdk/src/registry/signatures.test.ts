import { describe, expect, it } from "vitest";
import { generateSigningKey, indexPayload, isPublicKey, keyidOf, loadSigningKey, verifySignature, versionPayload } from "./signatures.js";

describe("registry signatures (ed25519)", () => {
  const key = generateSigningKey();
  const signer = loadSigningKey(key.privateKeyPem);
  const payload = versionPayload("alpha", "1.0.0", "sha512-AAAA");

  it("round-trips: a signature by the key verifies with its public key", () => {
    expect(signer.publicKey).toBe(key.publicKey);
    expect(verifySignature(key.publicKey, payload, signer.sign(payload))).toBe(true);
  });

  it("a signature over other text does not verify", () => {
    expect(verifySignature(key.publicKey, versionPayload("alpha", "1.0.0", "sha512-BBBB"), signer.sign(payload))).toBe(false);
  });

  it("a signature by another key does not verify", () => {
    const other = loadSigningKey(generateSigningKey().privateKeyPem);
    expect(verifySignature(key.publicKey, payload, other.sign(payload))).toBe(false);
  });

  it.each(["", "not base64!", "AAAA", "ed25519:AAAA"])("garbage %j never verifies and never throws", (sig) => {
    expect(verifySignature(key.publicKey, payload, sig)).toBe(false);
    expect(verifySignature(`ed25519:${sig}`, payload, signer.sign(payload))).toBe(false);
  });

  it("writes public keys as ed25519:<32 raw bytes in base64> and ids as SHA256:<base64>", () => {
    expect(isPublicKey(key.publicKey)).toBe(true);
    expect(Buffer.from(key.publicKey.slice("ed25519:".length), "base64")).toHaveLength(32);
    expect(key.keyid).toBe(keyidOf(key.publicKey));
    expect(key.keyid).toMatch(/^SHA256:[A-Za-z0-9+/]{43}=$/);
  });

  it("the index payload covers name, serial, generatedAt and expires", () => {
    expect(indexPayload({ name: "acme", serial: 3, generatedAt: "2026-01-01T00:00:00.000Z", expires: "2026-02-01T00:00:00.000Z" })).toBe(
      "agentreg-index:acme:3:2026-01-01T00:00:00.000Z:2026-02-01T00:00:00.000Z",
    );
  });

  it("refuses a key that is not an ed25519 PEM", () => {
    expect(() => loadSigningKey("nope")).toThrow(expect.objectContaining({ code: "E_USAGE" }));
  });
});
