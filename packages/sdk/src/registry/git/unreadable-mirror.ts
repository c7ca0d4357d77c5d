import { AgentregError, ErrorCode } from "../../errors.js";

/** `E_REGISTRY` for a mirror whose objects are not what git should have written: the repository's owner has to act. */
export function unreadableMirror(mirror: { shown: string }, why: string): AgentregError {
  return new AgentregError(ErrorCode.REGISTRY, `cannot read the git registry ${mirror.shown}: ${why}`, { subject: mirror.shown, hint: "Report the repository to its owner." });
}
