// `--cpu-prof <dir>`: one profiled run each of the two commands worth optimising first, the builtin
// `add` cold start and the warm `install --frozen`, after an unprofiled run that warms Node's compile cache (Node ≥ 22.1)
// and agentreg's package cache exactly as the benchmark's warm-up does.
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { agentregProject } from "../fixtures/agentreg-project.mjs";
import { run } from "./processes.mjs";
import { formatProfileSummary, summarizeProfile } from "./summarize-profile.mjs";

export async function profileCli(ctx, outDir) {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const { project } = await agentregProject(ctx);
  const warmCache = ctx.workspace.fresh("agentreg-cache-profile");
  const cases = [
    {
      name: "add-builtin",
      args: ["add", "senior-backend-engineer"],
      cwd: () => ctx.workspace.fresh("profile-add"),
      env: ctx.env,
    },
    {
      name: "install-frozen-warm",
      args: ["install", "--frozen"],
      cwd: () => {
        rmSync(join(project, ".claude/agents"), { recursive: true, force: true });
        return project;
      },
      env: { ...ctx.env, AGENTREG_CACHE: warmCache },
    },
  ];
  const summaries = [];
  for (const { name, args, cwd, env } of cases) {
    run(process.execPath, [ctx.cli, ...args], { cwd: cwd(), env });
    const file = join(dir, `${name}.cpuprofile`);
    rmSync(file, { force: true });
    run(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-name", `${name}.cpuprofile`, ctx.cli, ...args], { cwd: cwd(), env });
    summaries.push(formatProfileSummary(`agentreg ${args.join(" ")} (${file})`, summarizeProfile(JSON.parse(readFileSync(file, "utf8")))));
  }
  return summaries.join("\n");
}
