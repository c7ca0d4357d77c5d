import { describe, expect, it } from "vitest";
import { isGitLocation, parseGitLocation } from "./git-location.js";

describe("parseGitLocation", () => {
  it.each([
    { location: "git+https://git.acme.dev/team/agents.git", remote: "https://git.acme.dev/team/agents.git", ref: undefined },
    { location: "git+http://127.0.0.1:8123/agents.git#main", remote: "http://127.0.0.1:8123/agents.git", ref: "main" },
    { location: "git+ssh://git@git.acme.dev:2222/team/agents.git#v1.2.0", remote: "ssh://git@git.acme.dev:2222/team/agents.git", ref: "v1.2.0" },
    { location: "git@github.com:acme/agents.git", remote: "git@github.com:acme/agents.git", ref: undefined },
    { location: "git+file:///srv/git/agents.git#0123456789abcdef0123456789abcdef01234567", remote: "file:///srv/git/agents.git", ref: "0123456789abcdef0123456789abcdef01234567" },
    { location: "github:acme/agents", remote: "https://github.com/acme/agents.git", ref: undefined },
    { location: "github:acme/agents.git#release/2", remote: "https://github.com/acme/agents.git", ref: "release/2" },
    { location: "gitlab:acme/agents#reviewer@1.2.0", remote: "https://gitlab.com/acme/agents.git", ref: "reviewer@1.2.0" },
  ])("reads $location", ({ location, remote, ref }) => {
    expect(isGitLocation(location)).toBe(true);
    expect(parseGitLocation(location)).toEqual({ remote, ref, base: location.replace(/#.*$/, "") });
  });

  it.each([
    { location: "git+https://me:secret@git.acme.dev/agents.git", says: /contains credentials/ },
    { location: "git+https://token@git.acme.dev/agents.git", says: /contains credentials/ },
    { location: "git+ssh://git:pw@git.acme.dev/agents.git", says: /contains credentials/ },
    { location: "git+https://git.acme.dev/agents.git#--upload-pack=touch", says: /ref git would not accept/ },
    { location: "git+https://git.acme.dev/agents.git#a..b", says: /ref git would not accept/ },
    { location: "git+https://git.acme.dev/a gents.git", says: /space or a control character/ },
    { location: "git+https://git.acme.dev/agents.git\n", says: /space or a control character/ },
    { location: "git+https://git.acme.dev/agents.git?x=1", says: /query string/ },
    { location: "git+file://host/agents.git", says: /no host/ },
    { location: "git+https:///agents.git", says: /no host|not a valid URL/ },
    { location: "git@host:-oProxyCommand=x", says: /starts with -/ },
    { location: "github:acme", says: /not <host>:<owner>\/<repository>/ },
    { location: "github:../evil", says: /not <host>:<owner>\/<repository>|starting with a dot/ },
  ])("refuses $location with E_CONFIG, without echoing a secret", ({ location, says }) => {
    let error: unknown;
    try {
      parseGitLocation(location);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: "E_CONFIG", message: expect.stringMatching(says) });
    expect(JSON.stringify(error)).not.toContain("secret");
  });

  it.each(["https://agents.acme.dev", "./registry", "/srv/registry", "builtin", "ext::sh -c touch% /tmp/x", "git://host/agents.git"])("does not take %s for a git location", (location) => {
    expect(isGitLocation(location)).toBe(false);
  });
});
