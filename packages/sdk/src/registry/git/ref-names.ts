import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A ref name that git would accept and that a `git cat-file` line can carry as it is: components
 * without spaces, controls or the characters revision syntax gives meaning to (`~ ^ : ? * [ \ { }`),
 * none starting with `.` or ending with `.lock`. Stricter than git: a name it refuses is still read,
 * by `git for-each-ref`.
 */
const COMPONENT = /^(?!\.)(?!.*\.lock$)[^\x00-\x20\x7f~^:?*[\\{}\uFFFD]+$/u;

/**
 * The names of a mirror's branches and tags and of `refs/remotes/origin/HEAD`, as the files the
 * fetch wrote (loose refs, and `packed-refs` if there is one): names only, the objects are asked of
 * git. Undefined when anything is not as git writes it (a symlink, a name git reads differently),
 * so that the caller asks `git for-each-ref` instead; the mirror is a cache and never trusted.
 *
 * @example
 * refNamesIn(mirror.dir); // ["refs/heads/main", "refs/remotes/origin/HEAD", "refs/tags/v1.0.0"]
 */
export function refNamesIn(dir: string): string[] | undefined {
  try {
    const names = new Set<string>();
    for (const folder of ["refs/heads", "refs/tags"]) if (!addLoose(dir, folder, names)) return undefined;
    const head = lstatSync(join(dir, "refs/remotes/origin/HEAD"), { throwIfNoEntry: false });
    if (head !== undefined && !head.isFile()) return undefined;
    if (head) names.add("refs/remotes/origin/HEAD");
    if (!addPacked(dir, names)) return undefined;
    return [...names].every(isPlainRefName) ? [...names].sort() : undefined;
  } catch {
    return undefined;
  }
}

function isPlainRefName(name: string): boolean {
  return name.split("/").every((part) => COMPONENT.test(part)) && !name.includes("..") && !name.includes("@{");
}

/** The files under `folder`, a real folder of the mirror; false at anything but files and folders. */
function addLoose(dir: string, folder: string, names: Set<string>): boolean {
  if (!lstatSync(join(dir, folder)).isDirectory()) return false;
  for (const entry of readdirSync(join(dir, folder), { withFileTypes: true })) {
    const name = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!addLoose(dir, name, names)) return false;
    } else if (entry.isFile()) names.add(name);
    else return false;
  }
  return true;
}

/** `packed-refs`: a header, `<id> <name>` lines, and `^<id>` lines peeling the tag above. */
function addPacked(dir: string, names: Set<string>): boolean {
  const stats = lstatSync(join(dir, "packed-refs"), { throwIfNoEntry: false });
  if (stats === undefined) return true;
  if (!stats.isFile() || stats.size > 16 * 1024 * 1024) return false;
  for (const line of readFileSync(join(dir, "packed-refs"), "utf8").split("\n")) {
    if (line === "" || line.startsWith("#") || /^\^[0-9a-f]{40}$/.test(line)) continue;
    const match = /^[0-9a-f]{40} (refs\/[^\n]+)$/.exec(line);
    if (!match) return false;
    const name = match[1] ?? "";
    if (name.startsWith("refs/heads/") || name.startsWith("refs/tags/") || name === "refs/remotes/origin/HEAD") names.add(name);
  }
  return true;
}
