// Terminal safety: whatever a registry puts in its documents, no raw control character reaches the
// terminal from `info`, `search`, `list` or an error; `--json` stays plain JSON.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, useTempDirs } from "../helpers/fixtures.js";
import { hostileRegistry, tgz } from "../helpers/hostile-archives.js";

const makeTempDir = useTempDirs();
const ESC = "\u001b";
const HOSTILE = `${ESC}]0;pwned${ESC}\\${ESC}[2J${ESC}[31mred\u0007\u009b1m`;

/** A registry whose index and packument carry terminal escapes in every text field they have. */
async function escapingRegistry(): Promise<string> {
  const name = "escaper";
  const dir = await hostileRegistry(await makeTempDir("registry"), name, tgz([{ path: `package/${name}.md`, data: `---\nname: ${name}\ndescription: Plain.\n---\nBody.\n` }]));
  const edit = async (path: string, change: (json: any) => void): Promise<void> => {
    const json = JSON.parse(await readFile(join(dir, path), "utf8"));
    change(json);
    await writeFile(join(dir, path), JSON.stringify(json));
  };
  await edit("index.json", (index) => {
    index.agents[0].description = `Finds bugs ${HOSTILE}`;
    index.agents[0].keywords = [`kw${HOSTILE}`];
  });
  await edit(`agents/${name}.json`, (packument) => {
    packument.description = `Finds bugs ${HOSTILE}`;
    packument.keywords = [`kw${HOSTILE}`];
    packument.license = `MIT${HOSTILE}`;
    packument.distTags[`tag${HOSTILE}`] = "1.0.0";
    packument.versions["1.0.0"].deprecated = `old${HOSTILE}`;
  });
  return dir;
}

describe("agent-supplied text is printed with control characters escaped", () => {
  it.each([
    ["info", ["info", "escaper"]],
    ["search", ["search", "bugs"]],
    ["add (deprecation warning)", ["add", "escaper"]],
    ["an error about a bad range", ["add", `escaper@${"\u001b[31m"}`]],
  ])("%s", async (_what, args) => {
    const registry = await escapingRegistry();
    const result = await runCli([...args, "--registry", registry], { cwd: await makeTempDir() });
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(result.stdout + result.stderr).toMatch(/\\u\{1b\}|pwned|Finds bugs|escaper/);
  });

  it("--json output is plain JSON: the escapes survive as JSON string escapes", async () => {
    const registry = await escapingRegistry();
    const result = await runCli(["info", "escaper", "--json", "--registry", registry], { cwd: await makeTempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(ESC);
    expect(JSON.parse(result.stdout).description).toBe(`Finds bugs ${HOSTILE}`);
  });
});
