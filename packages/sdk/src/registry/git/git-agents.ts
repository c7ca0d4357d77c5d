import { createHash } from "node:crypto";
import { join } from "node:path";
import { checkAgentName } from "../../agent/agent-name.js";
import { parseFrontmatterOfBytes } from "../../agent/frontmatter-of-bytes.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import { agentCandidates, folderPrefix } from "./agent-candidates.js";
import type { BlobReader } from "./blob-reader.js";
import { frontmatterBlock } from "./frontmatter-block.js";
import type { GitMirror, GitTreeFile } from "./git-mirror.js";
import { keepRecord, readRecord } from "./mirror-records.js";

/** Where an agent's file is in a commit. */
export interface GitAgentEntry {
  path: string;
  blob: string;
}

/** An agent file read and parsed: its bytes, and its frontmatter for the packument. */
export interface GitAgentFile extends GitAgentEntry {
  bytes: Uint8Array;
  frontmatter: Record<string, unknown>;
}

/** What one commit holds: agents by their `name`, and names that cannot be installed from it, with why. */
export interface GitAgentsAt {
  agents: Map<string, GitAgentEntry>;
  refused: Map<string, string>;
}

/**
 * Reads which agents a commit (whose `tree` the caller listed) holds: every Markdown file under `inside` (the whole repository when
 * empty) whose frontmatter has a valid `name` is that agent, wherever it sits (a plugin's `agents/`,
 * a folder of agents, the root). Symlinks are never followed and files over the size limit are never
 * read; each makes its file-name agent refused, with the reason. Two files with one `name` are
 * `E_REGISTRY` naming both, since either could be meant.
 *
 * A commit never changes, so which file is which agent is kept in the mirror (`names-<commit>…json`)
 * and a later command reads no file to find one. The record is a cache, not trusted: `readAgentFile`
 * checks the name in the file it reads.
 */
export async function readAgentsAt(mirror: GitMirror, commit: string, tree: GitTreeFile[], inside: string, blobs: BlobReader): Promise<GitAgentsAt> {
  const prefix = folderPrefix(inside);
  const { readable, refused } = agentCandidates(tree, inside);
  const record = join(mirror.dir, "agentreg", `names-${commit}-${createHash("sha256").update(prefix).digest("hex").slice(0, 12)}.json`);
  const known = await readNames(record, readable);
  const named = known ?? (await nameFiles(readable, blobs));
  // Kept for the next command while this one goes on (the process ends only once the write has).
  if (!known) void keepRecord(record, JSON.stringify({ files: named }));
  const agents = new Map<string, GitAgentEntry>();
  for (const { name, path, blob } of named) {
    const other = agents.get(name);
    if (other) {
      throw new AgentregError(ErrorCode.REGISTRY, `the git registry ${mirror.shown} has two agents named ${name}: ${other.path} and ${path}`, {
        subject: name,
        hint: `Name the folder to read in agentreg.json: "registries": { "<name>": { "url": "${mirror.shown}", "path": "<folder>" } }.`,
      });
    }
    agents.set(name, { path, blob });
  }
  return { agents, refused };
}

/**
 * The agent file of `entry`, read and parsed, checked to be the agent `name` (the record that said
 * so is a cache).
 */
export async function readAgentFile(entry: GitAgentEntry, name: string, blobs: BlobReader, shown: string): Promise<GitAgentFile> {
  const bytes = await blobs.read(entry.blob, { keep: true });
  const found = agentOf(bytes);
  if (found?.name !== name) {
    throw new AgentregError(ErrorCode.REGISTRY, `${entry.path} in ${shown} is not the agent ${name}`, { subject: name, hint: "The cache is out of step with the repository: run `agentreg cache clean` and try again." });
  }
  return { ...entry, bytes, frontmatter: found.frontmatter };
}

async function nameFiles(files: GitTreeFile[], blobs: BlobReader): Promise<Array<{ name: string; path: string; blob: string }>> {
  const bytes = await blobs.readAll(files.map((file) => file.blob));
  return files.flatMap((file, i) => {
    const name = nameOf(bytes[i] as Uint8Array);
    return name === undefined ? [] : [{ name, path: file.path, blob: file.blob }];
  });
}

/**
 * A file's agent name, read from a plain `name: value` line of its frontmatter when there is one
 * (nearly always), else by parsing the YAML: a repository of 500 agents is named in milliseconds
 * instead of 500 YAML parses. The file that is installed is parsed in full (`readAgentFile`), and its
 * name checked, so a name read this way only ever finds a file, never vouches for one.
 */
function nameOf(bytes: Uint8Array): string | undefined {
  const block = frontmatterBlock(bytes);
  const lines = block?.split(/\r?\n/).filter((line) => /^name\s*:/.test(line)) ?? [];
  const plain = lines.length === 1 ? /^name\s*:[ \t]*(?:"([a-z0-9.-]+)"|'([a-z0-9.-]+)'|([a-z0-9.-]+))[ \t]*$/.exec(lines[0] ?? "") : null;
  const name = plain ? (plain[1] ?? plain[2] ?? plain[3]) : agentOf(bytes)?.name;
  return name !== undefined && checkAgentName(name) === undefined ? name : undefined;
}

/** The agent a file is, if its frontmatter parses and names one validly; other Markdown is not an agent. */
function agentOf(bytes: Uint8Array): { name: string; frontmatter: Record<string, unknown> } | undefined {
  // Through the per-bytes parse the install's text gate and grants read too: one parse per file.
  const parsed = parseFrontmatterOfBytes(bytes, new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
  if (!parsed.ok) return undefined;
  const name = parsed.data.name;
  if (typeof name !== "string" || checkAgentName(name) !== undefined) return undefined;
  return { name, frontmatter: parsed.data };
}

/** The record of a commit's agents, if there is one that fits the tree: only files of the tree, by their blob. */
async function readNames(path: string, files: GitTreeFile[]): Promise<Array<{ name: string; path: string; blob: string }> | undefined> {
  const record = await readRecord(path, 16 * 1024 * 1024);
  const inTree = new Map(files.map((file) => [file.path, file.blob]));
  const entries = (record as { files?: unknown } | undefined)?.files;
  if (!Array.isArray(entries)) return undefined;
  const named: Array<{ name: string; path: string; blob: string }> = [];
  for (const entry of entries as Array<Record<string, unknown>>) {
    const { name, path, blob } = entry ?? {};
    if (typeof name !== "string" || typeof path !== "string" || typeof blob !== "string" || inTree.get(path) !== blob || checkAgentName(name) !== undefined) return undefined;
    named.push({ name, path, blob });
  }
  return named;
}
