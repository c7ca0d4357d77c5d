import { AgentregError, ErrorCode } from "../../errors.js";

/**
 * Immutability seen from the client: a version, once locked, has one integrity forever. A registry
 * that now serves other bytes (or another integrity) for it republished the version, which a
 * registry must never do; agentreg keeps the locked bytes and the lockfile as they are.
 *
 * @example
 * assertNotRepublished("alpha", "1.0.0", lockEntry.integrity, packumentEntry.integrity);
 */
export function assertNotRepublished(key: string, version: string, lockedIntegrity: string, servedIntegrity: string | undefined): void {
  if (servedIntegrity === undefined || servedIntegrity === lockedIntegrity) return;
  throw republishedError(key, version, lockedIntegrity, servedIntegrity);
}

export function republishedError(key: string, version: string, lockedIntegrity: string, served: string): AgentregError {
  return new AgentregError(ErrorCode.INTEGRITY, `${key}@${version}: version republished: the registry now serves ${served}, agentreg.lock has ${lockedIntegrity}`, {
    subject: `${key}@${version}`,
    hint: "Published versions never change; the registry was tampered with or rebuilt wrongly. The locked bytes and agentreg.lock were kept; report the registry.",
    details: { locked: lockedIntegrity, served },
  });
}
