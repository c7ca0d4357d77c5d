import { AgentregError, ErrorCode } from "../errors.js";
import { readRegularFile } from "../read-regular-file.js";

/** How a build is asked to sign: the key as text or as a file, and the index's expiry as a date or in days. */
export interface SigningInput {
  signingKey?: string | undefined;
  signingKeyFile?: string | undefined;
  expires?: string | undefined;
  expiresInDays?: number | undefined;
}

const DAY_MS = 86_400_000;
/** A PEM private key is a few hundred bytes; a larger "key" is not one. */
const MAX_KEY_BYTES = 64 * 1024;

/**
 * The signing key (read from `signingKeyFile` when given as a file) and the index's expiry (`now`
 * plus `expiresInDays`, when given in days), checked together: one key at most, one expiry at most,
 * and an expiry only with a key, since only a signed index can expire.
 */
export async function readSigningInput(input: SigningInput, now: Date): Promise<{ signingKey?: string; expires?: string }> {
  if (input.signingKey !== undefined && input.signingKeyFile !== undefined) throw usage("pass the signing key as signingKey or as signingKeyFile, not both", "Use one of them.");
  if (input.expires !== undefined && input.expiresInDays !== undefined) throw usage("pass the expiry as expires or as expiresInDays, not both", "Use one of them.");
  if (input.expiresInDays !== undefined && !(Number.isFinite(input.expiresInDays) && input.expiresInDays > 0)) {
    throw usage(`the signed index's lifetime must be a positive number of days; got ${input.expiresInDays}`, "For example: --expires-in 30.");
  }
  const signingKey = input.signingKeyFile === undefined ? input.signingKey : await readKeyFile(input.signingKeyFile);
  const expires = input.expiresInDays === undefined ? input.expires : new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString();
  if (expires !== undefined && signingKey === undefined) throw usage("an expiry needs a signing key: only a signed index can expire", "Add --sign-key <pem>.");
  return { ...(signingKey === undefined ? {} : { signingKey }), ...(expires === undefined ? {} : { expires }) };
}

async function readKeyFile(path: string): Promise<string> {
  const hint = "Create one with `agentreg registry keygen --out <dir>`, and pass its private key file.";
  const bytes = await readRegularFile(path, { maxBytes: MAX_KEY_BYTES, followSymlinks: true, code: ErrorCode.USAGE, hint });
  if (bytes === undefined) throw new AgentregError(ErrorCode.NOT_FOUND, `the signing key ${path} does not exist`, { subject: path, hint });
  return bytes.toString("utf8");
}

function usage(message: string, hint: string): AgentregError {
  return new AgentregError(ErrorCode.USAGE, message, { hint });
}
