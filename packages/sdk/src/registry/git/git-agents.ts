import { posix } from "node:path";
import { checkAgentName } from "../../agent/agent-name.js";
import { parseFrontmatter } from "../../agent/parse-frontmatter.js";
import { DEFAULT_ARCHIVE_LIMITS } from "../../archive/archive-limits.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { listTree, readBlobs, type GitMirror, type GitTreeFile } from "./git-mirror.js";

/** An agent file found in a commit: where it is, and its bytes. */
export interface GitAgentFile {
  path: string;
  bytes: Buffer;
  /** The frontmatter as parsed, for the packument. */
  frontmatter: Record<string, unknown>;
}

/** What one commit holds: agents by their `name`, and names that cannot be installed from it, with why. */
export interface GitAgentsAt {
  agents: Map<string, GitAgentFile>;
  refused: Map<string, string>;
}

/** Larger agent files are not read: the archive limit for one file applies to git registries too. */
const MAX_FILE_BYTES = DEFAULT_ARCHIVE_LIMITS.maxEntryBytes;
/** Folders that never hold agents (dependencies, tooling), as `registry build` skips them. */
const SKIPPED = new Set(["node_modules", ".git", ".github"]);
const NOT_AGENTS = /^(readme|changelog|contributing|license|code_of_conduct|security)\.md$/i;

/**
 * Reads which agents a commit holds: every Markdown file under `inside` (the whole repository when
 * empty) whose frontmatter has a valid `name` is that agent, wherever it sits (a plugin's `agents/`,
 * a folder of agents, the root). Symlinks are never followed and files over the size limit are never
 * read; each makes its file-name agent refused, with the reason. Two files with one `name` are
 * `E_REGISTRY` naming both, since either could be meant. Parses are shared through `parsed` (a blob's
 * id is its content), so listing many tags reads each distinct file once.
 */
export async function readAgentsAt(mirror: GitMirror, commit: string, inside: string, parsed: Map<string, GitAgentFile | undefined>): Promise<GitAgentsAt> {
  const prefix = inside === "" ? "" : `${inside.replace(/\/+$/, "")}/`;
  const candidates = (await listTree(mirror, commit)).filter((file) => isCandidate(file, prefix));
  const refused = new Map<string, string>();
  const readable: GitTreeFile[] = [];
  for (const file of candidates) {
    const fallbackName = posix.basename(file.path, ".md");
    if (file.mode === "120000") refused.set(fallbackName, `${file.path} is a symlink, which agentreg never follows`);
    else if (file.size > MAX_FILE_BYTES) refused.set(fallbackName, `${file.path} is ${file.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for an agent file`);
    else readable.push(file);
  }
  const unread = readable.filter((file) => !parsed.has(file.blob));
  if (unread.length > 0) {
    const bytes = await readBlobs(mirror, unread.map((file) => file.blob));
    for (const file of unread) parsed.set(file.blob, agentFile(file.path, bytes.get(file.blob)));
  }
  const agents = new Map<string, GitAgentFile>();
  for (const file of readable) {
    const found = parsed.get(file.blob);
    if (found === undefined) continue;
    const name = String(found.frontmatter.name);
    const other = agents.get(name);
    if (other) {
      throw new AgentregError(ErrorCode.REGISTRY, `the git registry ${mirror.shown} has two agents named ${name}: ${other.path} and ${file.path}`, {
        subject: name,
        hint: `Name the folder to read in agentreg.json: "registries": { "<name>": { "url": "${mirror.shown}", "path": "<folder>" } }.`,
      });
    }
    agents.set(name, { ...found, path: file.path });
  }
  return { agents, refused };
}

function isCandidate(file: GitTreeFile, prefix: string): boolean {
  if (!file.path.endsWith(".md") || !file.path.startsWith(prefix)) return false;
  const segments = file.path.split("/");
  return !segments.some((segment) => SKIPPED.has(segment)) && !NOT_AGENTS.test(segments[segments.length - 1] ?? "");
}

/** The agent a file is, if its frontmatter parses and names one validly; other Markdown is not an agent. */
function agentFile(path: string, bytes: Buffer | undefined): GitAgentFile | undefined {
  if (bytes === undefined) return undefined;
  const parsed = parseFrontmatter(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
  if (!parsed.ok) return undefined;
  const name = parsed.data.name;
  if (typeof name !== "string" || checkAgentName(name) !== undefined) return undefined;
  return { path, bytes, frontmatter: parsed.data };
}
