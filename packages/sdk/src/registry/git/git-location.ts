import { AgentregError, ErrorCode } from "../../errors.js";
import { hasUrlCredentials } from "../url-credentials.js";

/**
 * A git repository used as a registry (issue 16), as `--registry` or `registries.<ns>.url` names it:
 *
 *     git+https://host/path.git   git+http://host/path.git   git+ssh://git@host/path.git
 *     git@host:path.git           git+file:///abs/path.git
 *     github:owner/repo           gitlab:owner/repo
 *
 * each with an optional `#<branch|tag|commit>` to follow (default: the remote's default branch).
 */
export interface GitLocation {
  /** What `git` is given as the remote: `https://…`, `http://…`, `ssh://…`, `git@host:path` or `file:///…`. */
  remote: string;
  /** The branch, tag or commit to follow; undefined for the remote's default branch. */
  ref: string | undefined;
  /** The location as written, without `#ref`: a lock's `resolved` values are `<base>#<commit>/<path>`. */
  base: string;
}

const HOSTED = { github: "https://github.com", gitlab: "https://gitlab.com" } as const;
const SCHEMES = /^git\+(https|http|ssh|file):\/\//;
/** `git@host:path`, the scp-like syntax git reads as ssh. */
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!\/\/)[^\s]+$/;
/** A refname git accepts, less what could be read as an option or walk out of `refs/`. */
const REF = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*\/$)(?!.*\.lock$)[A-Za-z0-9._/@+-]{1,255}$/;

/** Whether a registry location names a git repository rather than a static registry or a folder. */
export function isGitLocation(location: string): boolean {
  return SCHEMES.test(location) || SCP_LIKE.test(location) || /^(github|gitlab):/.test(location);
}

/**
 * Reads a git registry location. Refused with `E_CONFIG`, before git ever runs: credentials in it
 * (they would reach the lockfile, the cache and messages; git's credential helpers supply them),
 * control characters or spaces, a part that starts with `-` (git would take it for an option), any
 * transport but https, http, ssh and file, and a ref git would not accept.
 *
 * @example
 * parseGitLocation("github:acme/agents#v2"); // { remote: "https://github.com/acme/agents.git", ref: "v2", base: "github:acme/agents" }
 */
export function parseGitLocation(location: string): GitLocation {
  const hash = location.indexOf("#");
  const base = hash === -1 ? location : location.slice(0, hash);
  const ref = hash === -1 ? undefined : location.slice(hash + 1);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(location)) throw invalid(location, "contains a space or a control character");
  if (ref !== undefined && !REF.test(ref)) throw invalid(location, `has a ref git would not accept (${JSON.stringify(ref)})`);
  return { remote: remoteOf(base, location), ref, base };
}

function remoteOf(base: string, location: string): string {
  const hosted = /^(github|gitlab):([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?$/.exec(base);
  if (hosted) {
    const [, host, owner, repo] = hosted as unknown as [string, keyof typeof HOSTED, string, string];
    if (owner.startsWith(".") || repo.startsWith(".")) throw invalid(location, "names an owner or repository starting with a dot");
    return `${HOSTED[host]}/${owner}/${repo}.git`;
  }
  if (/^(github|gitlab):/.test(base)) throw invalid(location, "is not <host>:<owner>/<repository>");
  if (SCP_LIKE.test(base)) {
    const path = base.slice(base.indexOf(":") + 1);
    if (path.startsWith("-")) throw invalid(location, "has a path that starts with -");
    return base;
  }
  const scheme = SCHEMES.exec(base);
  if (!scheme) throw invalid(location, "is not a git location");
  const remote = base.slice("git+".length);
  let url: URL;
  try {
    url = new URL(remote);
  } catch (error) {
    if (error instanceof TypeError) throw invalid(location, "is not a valid URL");
    throw error;
  }
  // A user name is how ssh logs in (`git@`); a password anywhere, or a user for http(s), is a
  // credential: git's credential helpers and the SSH agent supply those, never the location.
  if (hasUrlCredentials(base)) {
    throw new AgentregError(ErrorCode.CONFIG, `the git registry ${shown(location)} contains credentials`, {
      subject: shown(location),
      hint: "Remove them from the location: git asks its credential helper (git config credential.helper) or your SSH agent for them.",
    });
  }
  if (url.search !== "") throw invalid(location, "has a query string");
  // Read from the text as well as the parsed URL: a URL parser turns `https:///x` into host `x`.
  const hasHost = /^[a-z]+:\/\/[^/]/.test(remote) && url.host !== "";
  if (scheme[1] === "file" ? hasHost || !url.pathname.startsWith("/") : !hasHost) throw invalid(location, "has no host (file URLs are file:///absolute/path)");
  return remote;
}

function invalid(location: string, why: string): AgentregError {
  return new AgentregError(ErrorCode.CONFIG, `the git registry location ${shown(location)} ${why}`, {
    subject: shown(location),
    hint: "Use git+https://host/owner/repo.git, git+ssh://git@host/owner/repo.git, git@host:owner/repo.git, git+file:///path/to/repo, github:owner/repo or gitlab:owner/repo, optionally with #<branch|tag|commit>.",
  });
}

/** The location for messages: any `user:password@` replaced, control characters escaped. */
function shown(location: string): string {
  return JSON.stringify(location.replace(/^([a-z+]+:\/\/)[^/@]*@/i, "$1***@")).slice(1, -1);
}
