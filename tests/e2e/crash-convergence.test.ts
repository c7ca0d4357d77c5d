// Issue 5, "Safety of writes": a command SIGKILLed at any of its write points (AGENTREG_TEST_KILL_AT=n,
// a hook of the CLI's test build, which the published CLI does not have) leaves a project that a
// rerun of the same command brings to exactly the state an uninterrupted run produces, with no temp
// file, journal or process lock left behind.
import { describe, expect, it } from "vitest";
import { assertSucceeded, type ProcessResult, snapshotTree, useRegistry } from "../helpers/fixtures.js";
import { addAt100, leftovers, useCli, useProjectTemplate, versionsOf } from "../helpers/project-fixtures.js";

const { run } = useCli({ testBuild: true });
const registry = useRegistry([...versionsOf("alpha", ["1.0.0", "1.1.0"]), ...versionsOf("beta", ["1.0.0", "1.1.0"])]);

/** Well past the last write point of any command here: the hook is armed but never fires. */
const NEVER = "999";
/** No command here has this many write points; reaching it means the loop never saw a clean exit. */
const MAX_POINTS = 40;

const scenarios = [
  {
    command: "add alpha beta",
    args: () => ["add", "alpha", "beta", "--registry", registry.out],
    setup: async (_project: string) => undefined,
    rerunOk: (result: ProcessResult) => result.code === 0,
  },
  {
    command: "update (alpha and beta 1.0.0 → 1.1.0)",
    args: () => ["update"],
    setup: (project: string) => addAt100(run, project, registry.out, ["alpha", "beta"]),
    rerunOk: (result: ProcessResult) => result.code === 0,
  },
  {
    command: "remove alpha beta",
    args: () => ["remove", "alpha", "beta"],
    setup: (project: string) => addAt100(run, project, registry.out, ["alpha", "beta"]),
    // Killed after its journal was written, remove had committed: the rerun finds the recovered
    // project without the agents, which is what "not installed" (E_NOT_FOUND) reports.
    rerunOk: (result: ProcessResult) => result.code === 0 || /^agentreg: E_NOT_FOUND alpha /.test(result.stderr),
  },
];

/** The project as a scenario's `setup` leaves it, made once and copied for the reference run and every kill point. */
const projectAfterSetup = useProjectTemplate(async (project, command) => {
  await scenarios.find((scenario) => scenario.command === command)?.setup(project);
});

/** Read-only commands run between the crash and the rerun: they must neither fail oddly nor write. */
async function expectReadersCope(project: string, point: number): Promise<void> {
  const before = await snapshotTree(project);
  const list = await run(["list"], project);
  expect(list.code, `list after kill point ${point}: ${list.stderr}`).toBe(0);
  const verify = await run(["verify"], project);
  expect(verify.code === 0 || /^agentreg: E_(LOCAL_EDIT|LOCKFILE) /.test(verify.stderr), `verify after kill point ${point}: ${verify.stderr}`).toBe(true);
  expect(await snapshotTree(project), `list and verify wrote to the project after kill point ${point}`).toEqual(before);
}

describe("a command killed at any write point converges when it is run again", () => {
  it.each(scenarios)("$command", async ({ command, args: argsOf, rerunOk }) => {
    const args = argsOf();
    const reference = await projectAfterSetup(command);
    assertSucceeded(await run(args, reference, { AGENTREG_TEST_KILL_AT: NEVER }), `${args.join(" ")} with the hook armed past the end`);
    const expected = await snapshotTree(reference);
    expect(leftovers(expected)).toEqual([]);

    const killedAt: number[] = [];
    for (let point = 1; ; point++) {
      if (point > MAX_POINTS) throw new Error(`${args.join(" ")} was still being killed at write point ${MAX_POINTS}`);
      const project = await projectAfterSetup(command);
      const killed = await run(args, project, { AGENTREG_TEST_KILL_AT: String(point) });
      if (killed.code === 0) break;
      expect(killed.code, `kill point ${point} should end the process by SIGKILL: ${killed.stderr}`).toBeNull();
      killedAt.push(point);

      await expectReadersCope(project, point);
      const rerun = await run(args, project);
      expect(rerunOk(rerun), `rerun after kill point ${point}: exit ${rerun.code}\n${rerun.stderr}`).toBe(true);
      expect(await snapshotTree(project), `project after kill point ${point} and a rerun`).toEqual(expected);
    }
    // Each scenario has at least 5 write points (staged files, journal, renames/deletes, config, lock).
    expect(killedAt.length).toBeGreaterThanOrEqual(5);
  });
});
