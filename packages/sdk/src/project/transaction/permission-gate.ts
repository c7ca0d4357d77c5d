import { loadAgentFile, type LoadAgentFileResult } from "../../agent/load-agent-file.js";
import { findWidenings, formatWidenings, type Widening } from "../../agent/permission-widening.js";
import { AgentregError, ErrorCode } from "../../errors.js";
import type { RegistryClient } from "../../registry/registry-client.js";
import { inspectAgentFile, installPathFor } from "../state/agent-files.js";
import { fetchLockedAgent, type FetchedAgent } from "./fetch-agent.js";
import type { LockEntry } from "../state/lockfile.js";

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
 * Both sides are read from the actual files, never from registry metadata, which could lie. The gate
 * never gives up on a comparison: a side whose grants cannot be read (a file Claude Code would not
 * load) counts as a widening, and only a move to the very same tarball is not compared.
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
    // Equal integrity is equal bytes, so equal grants. An equal version is not enough: a registry
    // can serve other bytes under a version the lock already names.
    if (previous.integrity === fetched.lockEntry.integrity) continue;
    const before = await previousAgent(options.dir, move);
    const after = loadFetched(fetched);
    const widenings: Widening[] =
      before.ok && after.ok
        ? findWidenings(before.agent, after.agent)
        : [
            ...(before.ok ? [] : [unreadable(`installed ${previous.version}`, before.message)]),
            ...(after.ok ? [] : [unreadable(fetched.lockEntry.version, after.message)]),
          ];
    if (widenings.length > 0) messages.push(formatWidenings(fetched.key, previous.version, fetched.lockEntry.version, widenings));
  }
  if (messages.length > 0) {
    throw new AgentregError(ErrorCode.PERMISSION_WIDENING, messages.join("\n"), {
      subject: options.moves.map((move) => move.fetched.key).join(", "),
      hint: `Read what changes (${options.moves.map((move) => `\`agentreg diff ${move.fetched.key} --to ${move.fetched.lockEntry.version}\``).slice(0, 3).join(", ")}), then rerun with --allow-new-permissions to accept it. Nothing was changed.`,
      details: { widenings: messages },
    });
  }
}

function unreadable(which: string, reason: string): Widening {
  return { kind: "unreadable", message: `the grants of ${which} cannot be read (${reason})` };
}

async function previousAgent(dir: string, move: VersionMove): Promise<LoadAgentFileResult> {
  const path = installPathFor(move.fetched.name);
  const onDisk = await inspectAgentFile({ dir, path, lockedIntegrity: move.previous.files[path] });
  if (onDisk.state === "clean") return loadAgentFile(onDisk.bytes);
  // The file is gone or edited: read the previously locked version itself.
  const client = await move.previousClient();
  const locked = await fetchLockedAgent({ client, key: move.fetched.key, name: move.fetched.name, lockEntry: move.previous });
  return loadFetched(locked);
}

function loadFetched(agent: FetchedAgent): LoadAgentFileResult {
  return loadAgentFile(agent.source);
}
