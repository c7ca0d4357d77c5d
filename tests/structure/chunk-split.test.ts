// How the CLI's bundle divides its modules between dist/core.cjs (what `add` and `install` run) and
// dist/cold.cjs (the rest), on a made-up esbuild metafile: packages/cli/scripts/chunk-split.mjs.
import { describe, expect, it } from "vitest";
import { moduleTable, splitModules } from "../../packages/cli/scripts/chunk-split.mjs";

type Edge = string | { path: string; kind?: string; external?: boolean };

/** A metafile whose inputs import what `graph` says. */
function metafile(graph: Record<string, Edge[]>) {
  const inputs = Object.fromEntries(
    Object.entries(graph).map(([key, edges]) => [key, { imports: edges.map((edge) => (typeof edge === "string" ? { path: edge, kind: "import-statement" } : { kind: "import-statement", ...edge })) }]),
  );
  return { inputs };
}

const FACADE = "lazy-sdk:@agentreg/sdk";
const ZOD = "../../node_modules/.pnpm/zod@4/node_modules/zod/index.js";

const graph = {
  "src/run-cli.ts": ["src/commands/add.ts", "src/commands/publish.ts"],
  "src/commands/add.ts": [FACADE],
  "src/commands/publish.ts": [FACADE],
  [FACADE]: [{ path: "sdk/add-agents.ts", kind: "require-call" }, { path: "sdk/publish.ts", kind: "require-call" }, { path: "sdk/marketplace.ts", kind: "require-call" }],
  "sdk/add-agents.ts": ["sdk/errors.ts", "sdk/open-registry.ts", "git-chunk:/abs/sdk/git-sync.ts"],
  "sdk/open-registry.ts": [{ path: "sdk/git-source.ts", kind: "dynamic-import" }, { path: "sdk/build-registry.ts", kind: "dynamic-import" }, { path: "node:fs", external: true }],
  "sdk/git-source.ts": ["sdk/errors.ts"],
  "sdk/build-registry.ts": ["sdk/site.ts", "sdk/errors.ts"],
  "sdk/site.ts": ["sdk/html.ts"],
  "sdk/html.ts": [],
  "sdk/publish.ts": ["sdk/errors.ts", "sdk/html.ts"],
  "sdk/marketplace.ts": ["sdk/schemas.ts"],
  "sdk/schemas.ts": [ZOD],
  [ZOD]: [],
  "sdk/errors.ts": [],
  "git-chunk:/abs/sdk/git-sync.ts": [],
};
const options = { roots: ["src/run-cli.ts", "sdk/add-agents.ts"], facade: FACADE, coldRoots: ["sdk/build-registry.ts"] };

describe("splitModules", () => {
  it("keeps in core what the roots import, statically or lazily, but not through the facade or into a cold root", () => {
    const { hot, cold } = splitModules(metafile(graph), options);
    expect([...hot].sort()).toEqual(["sdk/add-agents.ts", "sdk/errors.ts", "sdk/git-source.ts", "sdk/open-registry.ts", "sdk/schemas.ts", "src/commands/add.ts", "src/commands/publish.ts", "src/run-cli.ts", ZOD].sort());
    // The facade's other modules, the cold root and what only they import.
    expect([...cold].sort()).toEqual(["sdk/build-registry.ts", "sdk/html.ts", "sdk/marketplace.ts", "sdk/publish.ts", "sdk/site.ts"]);
    // Stand-ins answered by other chunks (the facade, git.cjs's modules) are in neither.
    for (const key of [FACADE, "git-chunk:/abs/sdk/git-sync.ts"]) expect(hot.has(key) || cold.has(key), key).toBe(false);
  });

  it("puts a module that imports a library in core, with what it imports, so that no library is bundled twice", () => {
    const { hot, cold } = splitModules(metafile(graph), options);
    // Reached only through the facade's marketplace.ts, but it imports zod; its importer stays cold.
    expect(hot.has("sdk/schemas.ts") && hot.has(ZOD)).toBe(true);
    expect(cold.has("sdk/marketplace.ts")).toBe(true);
    expect([...cold].some((key) => key.includes("node_modules"))).toBe(false);
  });

  it("lists what each chunk's table must offer the other", () => {
    const { coreTable, coldTable } = splitModules(metafile(graph), options);
    // Cold modules import errors.ts and schemas.ts from core; the facade and open-registry.ts import cold modules.
    expect([...coreTable].sort()).toEqual(["sdk/errors.ts", "sdk/schemas.ts"]);
    expect([...coldTable].sort()).toEqual(["sdk/build-registry.ts", "sdk/marketplace.ts", "sdk/publish.ts"]);
  });

  it("refuses a split that would bundle a library into the cold chunk", () => {
    const coldLibrary = { ...graph, "sdk/build-registry.ts": ["sdk/site.ts", ZOD], "sdk/schemas.ts": [], "sdk/marketplace.ts": [] };
    expect(() => splitModules(metafile(coldLibrary), options)).toThrow(/zod\/index\.js would be bundled into cold\.cjs/);
  });

  it("refuses a root the bundle does not have, rather than splitting around it", () => {
    expect(() => splitModules(metafile(graph), { ...options, roots: ["src/run-cli.ts", "sdk/gone.ts"] })).toThrow(/sdk\/gone\.ts is not a module/);
  });
});

describe("moduleTable", () => {
  it("is a getter per module, which requires it only when read", () => {
    const source = moduleTable(["/repo/packages/sdk/src/b.ts", "/repo/packages/sdk/src/a.ts"], (path: string) => path.replace("/repo/packages/", ""));
    const required: string[] = [];
    const exports: { modules?: Record<string, unknown> } = {};
    // The table as the bundler sees it, run with a require that records what it is asked.
    new Function("exports", "require", source.replace("export const modules =", "exports.modules ="))(exports, (path: string) => (required.push(path), { path }));
    expect(Object.keys(exports.modules ?? {})).toEqual(["sdk/src/a.ts", "sdk/src/b.ts"]);
    expect(required).toEqual([]);
    expect(exports.modules?.["sdk/src/b.ts"]).toEqual({ path: "/repo/packages/sdk/src/b.ts" });
    expect(required).toEqual(["/repo/packages/sdk/src/b.ts"]);
  });
});
