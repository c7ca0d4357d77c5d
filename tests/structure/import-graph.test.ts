// Issue 15, "Layers": the SDK's folders form the layers of DESIGN §2, each importing only the ones
// below it, and no file imports itself back through others. scripts/import-graph.mjs prints the graph.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain script without type declarations; the tests below check what it returns.
import { fileCycles, layerBreaches, LAYERS, readImportGraph, SDK_SRC } from "../../scripts/import-graph.mjs";

type Graph = Map<string, string[]>;
const graph = readImportGraph() as Graph;

describe("the SDK's import graph", () => {
  it("reads every source file of the SDK, imports included", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("project/operations/add-agents.ts")).toContain("project/transaction/plan-file-changes.ts");
    // Dynamic imports count: a lazy import is still a dependency.
    expect(graph.get("project/state/open-registry.ts")).toContain("static/build-registry.ts");
  });

  it("has every folder in a layer, and each folder imports only the layers below it", () => {
    expect(layerBreaches(graph)).toEqual([]);
  });

  it("has no cycle between files", () => {
    expect(fileCycles(graph)).toEqual([]);
  });

  it("keeps agent/ a leaf and the registry client unaware of authoring, static builds and projects", () => {
    const importsOf = (folder: string): string[] => [...graph].filter(([file]) => dirname(file) === folder).flatMap(([, targets]) => targets.map((target) => dirname(target)));
    expect(new Set(importsOf("agent"))).toEqual(new Set(["agent", "."]));
    expect(importsOf("registry").filter((folder) => /^(authoring|static|project)/.test(folder))).toEqual([]);
    expect(LAYERS.indexOf("agent")).toBeLessThan(LAYERS.indexOf("registry"));
  });
});

describe("the checker itself", () => {
  const made: string[] = [];
  afterAll(async () => {
    for (const dir of made) await rm(dir, { recursive: true, force: true });
  });
  async function tree(files: Record<string, string>): Promise<Graph> {
    const root = await mkdtemp(join(tmpdir(), "agentreg-import-graph-"));
    made.push(root);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    return readImportGraph(root) as Graph;
  }

  it("finds a cycle, static or through a dynamic import, and a layer breach", async () => {
    const cyclic = await tree({
      "agent/a.ts": 'import { b } from "./b.js";\n',
      "agent/b.ts": 'export const b = () => import("./a.js");\n',
      "registry/r.ts": 'export { x } from "../project/state/s.js";\n',
      "project/state/s.ts": "export const x = 1;\n",
    });
    expect(fileCycles(cyclic)).toEqual(["agent/a.ts -> agent/b.ts -> agent/a.ts"]);
    expect(layerBreaches(cyclic)).toEqual(["registry/r.ts -> project/state/s.ts"]);
  });

  it("names a folder that is in no layer", async () => {
    const stray = await tree({ "utils/x.ts": "export const x = 1;\n" });
    expect(layerBreaches(stray)).toEqual([expect.stringMatching(/^utils\/x\.ts is in a folder that DESIGN §2 does not name/)]);
  });

  it("reads the real SDK by default", () => {
    expect(SDK_SRC).toMatch(/packages\/sdk\/src$/);
  });
});
