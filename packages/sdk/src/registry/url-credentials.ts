import { AgentregError, ErrorCode } from "../errors.js";

/**
 * Whether a URL carries `user:password@`. Credentials there would travel into the lockfile, the cache
 * and messages; agentreg refuses such URLs and sends credentials only in configured headers.
 *
 * @example
 * hasUrlCredentials("https://me:secret@agents.acme.dev"); // true
 */
export function hasUrlCredentials(location: string): boolean {
  // ssh logs in as a user (`git+ssh://git@host/…`): only a password there is a credential.
  if (/^git\+ssh:\/\//i.test(location)) return /^git\+ssh:\/\/[^/?#@]*:[^/?#@]*@/i.test(location);
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(location);
}

/**
 * The error for a registry URL with `user:password@`; the message shows the URL without them.
 *
 * @example
 * throw credentialsInUrl("https://me:secret@agents.acme.dev"); // "... https://***@agents.acme.dev ..."
 */
export function credentialsInUrl(url: string): AgentregError {
  const shown = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@");
  return new AgentregError(ErrorCode.CONFIG, `the registry URL ${shown} contains credentials`, {
    subject: shown,
    hint: 'Remove user:password@ from the URL and send credentials in a header instead: "headers": { "Authorization": "Bearer ${TOKEN}" } in agentreg.json.',
  });
}
