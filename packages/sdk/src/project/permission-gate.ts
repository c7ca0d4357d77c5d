import { interpretAgent, type AgentDefinition } from "../agent/agent-definition.js";
import { parseFrontmatter } from "../agent/parse-frontmatter.js";
import { findWidenings, formatWidenings } from "../agent/permission-widening.js";
import { AgentregError, ErrorCode } from "../errors.js";
import type { RegistryClient } from "../registry/registry-client.js";
import { inspectAgentFile, installPathFor } from "./agent-files.js";
import { fetchLockedAgent, type FetchedAgent } from "./fetch-agent.js";
import type { LockEntry } from "./lockfile.js";

/** An agent moving from an installed version to another one. */
export interface VersionMove {
  fetched: FetchedAgent;
  /** The lock entry it replaces. */
  previous: LockEntry;
  /** The registry the previous version came from, to read it when the file on disk is not it. */
  previousClient: () => Promise<RegistryClient>;
}

/**
 * The permission-widening gate: an agent's tool grants are its power, so a version that grants more
 * than the installed one (DESIGN §8; see `findWidenings`) is refused unless the user allowed it.
 * Both sides are read from the actual files, never from registry metadata, which could lie.
 * Throws `E_PERMISSION_WIDENING` naming every widening; nothing has been written at that point.
 *
 * @example
 * await assertNoWidening({ dir, moves, allow: options.allowNewPermissions });
 */
export async function assertNoWidening(options: { dir: string; moves: VersionMove[]; allow: boolean }): Promise<void> {
  if (options.allow) return;
  const messages: string[] = [];
  for (const move of options.moves) {
    const { fetched, previous } = move;
    if (previous.version === fetched.lockEntry.version) continue;
    const before = await previousDefinition(options.dir, move);
    const after = definitionOf(fetched);
    if (!before || !after) continue;
    const widenings = findWidenings(before, after);
    if (widenings.length > 0) messages.push(formatWidenings(fetched.key, previous.version, fetched.lockEntry.version, widenings));
  }
  if (messages.length > 0) {
    throw new AgentregError(ErrorCode.PERMISSION_WIDENING, messages.join("\n"), {
      subject: options.moves.map((move) => move.fetched.key).join(", "),
      hint: "Read the new version (`agentreg diff <name> --to <version>`), then rerun with --allow-new-permissions to accept it. Nothing was changed.",
      details: { widenings: messages },
    });
  }
}

async function previousDefinition(dir: string, move: VersionMove): Promise<AgentDefinition | undefined> {
  const path = installPathFor(move.fetched.name);
  const onDisk = await inspectAgentFile({ dir, path, lockedIntegrity: move.previous.files[path] });
  if (onDisk.state === "clean") return parseDefinition(onDisk.bytes);
  // The file is gone or edited: read the previously locked version itself.
  const client = await move.previousClient();
  const locked = await fetchLockedAgent({ client, key: move.fetched.key, name: move.fetched.name, lockEntry: move.previous });
  return definitionOf(locked);
}

function definitionOf(agent: FetchedAgent): AgentDefinition | undefined {
  const bytes = agent.files.get(installPathFor(agent.name));
  return bytes ? parseDefinition(bytes) : undefined;
}

function parseDefinition(bytes: Uint8Array): AgentDefinition | undefined {
  const parsed = parseFrontmatter(new TextDecoder().decode(bytes));
  if (!parsed.ok) return undefined;
  const agent = interpretAgent(parsed.data);
  return agent.ok ? agent.agent : undefined;
}
