// examples/handle-errors.mjs: every expected failure is an AgentregError with a stable code and a hint.
import { ErrorCode, getAgentInfo, isAgentregError, resolveVersion } from "@agentreg/sdk";

for (const attempt of [
  () => getAgentInfo({ dir: process.cwd(), spec: "senior-backend-enginer" }),
  // A wrong call is E_USAGE naming the parameter, not a TypeError from inside.
  () => resolveVersion(/** @type {any} */ (["1.0.0"])),
]) {
  try {
    await attempt();
  } catch (error) {
    if (!isAgentregError(error)) throw error;
    console.log(`${error.code}${error.code === ErrorCode.NOT_FOUND ? " (not found)" : ""}: ${error.message}`);
    console.log(`  hint: ${error.hint}`);
  }
}
