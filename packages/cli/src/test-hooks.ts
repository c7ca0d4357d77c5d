// Hooks for the end-to-end tests. They exist only in the test build (packages/cli/dist-test/):
// scripts/bundle.mjs defines __AGENTREG_TEST_HOOKS__ as false for the published dist/, where the
// minifier drops this code and the variables below mean nothing (issue 15).
import type { InstallEvent } from "@agentreg/sdk";

/** True in the test build only. */
declare const __AGENTREG_TEST_HOOKS__: boolean | undefined;
const TEST_BUILD = typeof __AGENTREG_TEST_HOOKS__ === "boolean" && __AGENTREG_TEST_HOOKS__;

/**
 * `AGENTREG_TEST_KILL_AT=<n>` kills the process with SIGKILL at the n-th write point (1-based), so a
 * test can prove that every interrupted write converges on the next run (crash-convergence.test.ts).
 */
export function writePointHook(): { onWritePoint?: (label: string) => void } {
  if (!TEST_BUILD) return {};
  const killAt = Number(process.env.AGENTREG_TEST_KILL_AT);
  if (!Number.isInteger(killAt) || killAt < 1) return {};
  let seen = 0;
  return {
    onWritePoint: () => {
      if (++seen === killAt) process.kill(process.pid, "SIGKILL");
    },
  };
}

/**
 * `AGENTREG_TEST_FAIL_ON=<event type>` throws a TypeError from the progress callback when the SDK
 * reports that install event: an unexpected error raised inside an SDK call, for the test of the
 * `--verbose` stack trace (source-maps.test.ts).
 */
export function installEventHook(): ((event: InstallEvent) => void) | undefined {
  if (!TEST_BUILD) return undefined;
  const failOn = process.env.AGENTREG_TEST_FAIL_ON;
  if (!failOn) return undefined;
  return (event) => {
    if (event.type === failOn) throw new TypeError(`test hook: AGENTREG_TEST_FAIL_ON=${failOn}`);
  };
}

/**
 * `AGENTREG_TEST_NO_RETRY_WAIT=1` makes the HTTP client's wait before a retry return at once. The
 * retry tests (http-retries.test.ts) then check the waits the policy asks for, which `--verbose`
 * reports, without spending them; one test there keeps the real clock.
 */
export function retryWaitHook(): { wait?: (ms: number) => Promise<void> } {
  if (!TEST_BUILD || process.env.AGENTREG_TEST_NO_RETRY_WAIT !== "1") return {};
  return { wait: () => Promise.resolve() };
}
