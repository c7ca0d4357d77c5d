import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { computeIntegrity } from "../archive/integrity.js";
import { unpackAgent } from "../archive/unpack-agent.js";
import { packumentSchema, registryIndexSchema } from "../registry/protocol-schemas.js";
import { buildRegistryFiles } from "./build-registry.js";
import { summarizeDescription } from "./summarize-description.js";

const repositoryRegistry = fileURLToPath(new URL("../../../../registry/", import.meta.url));
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const decode = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

describe("buildRegistryFiles on the repository's registry/", () => {
  it("is deterministic: two builds, from two copies, are byte-identical", async () => {
    const copy = await mkdtemp(join(tmpdir(), "agentreg-source-"));
    temps.push(copy);
    await cp(repositoryRegistry, copy, { recursive: true });
    const [a, b] = await Promise.all([buildRegistryFiles({ source: repositoryRegistry }), buildRegistryFiles({ source: copy })]);
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [path, bytes] of a.files) expect(computeIntegrity(bytes), path).toBe(computeIntegrity(b.files.get(path) as Uint8Array));
  });

  it("writes protocol documents whose integrity matches the tarball and whose tarball holds the exact file", async () => {
    const { files } = await buildRegistryFiles({ source: repositoryRegistry });
    const index = registryIndexSchema.parse(JSON.parse(decode(files.get("index.json"))));
    expect(index.agents.map((agent) => agent.name)).toContain("senior-backend-engineer");
    const packument = packumentSchema.parse(JSON.parse(decode(files.get("agents/senior-backend-engineer.json"))));
    const version = packument.versions["1.0.0"];
    expect(version?.tarball).toBe("tarballs/senior-backend-engineer/senior-backend-engineer-1.0.0.tgz");
    const tarball = files.get(version?.tarball ?? "") as Uint8Array;
    expect(version?.integrity).toBe(computeIntegrity(tarball));
    expect(version?.size).toBe(tarball.byteLength);
    const { files: unpacked } = await unpackAgent({ tarball, name: "senior-backend-engineer" });
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(join(repositoryRegistry, "agents/senior-backend-engineer/1.0.0/senior-backend-engineer.md"));
    expect(Buffer.compare(Buffer.from(unpacked.get("senior-backend-engineer.md") as Uint8Array), source)).toBe(0);
  });

  it("records the seed's frontmatter as Claude Code reads it", async () => {
    const { files } = await buildRegistryFiles({ source: repositoryRegistry });
    const packument = packumentSchema.parse(JSON.parse(decode(files.get("agents/senior-backend-engineer.json"))));
    const frontmatter = packument.versions["1.0.0"]?.frontmatter;
    expect(frontmatter).toMatchObject({ name: "senior-backend-engineer", model: "sonnet", color: "cyan" });
    expect(frontmatter).not.toHaveProperty("tools");
    expect(String(frontmatter?.description)).toMatch(/^Use this agent when .*<\/example>$/);
  });
});

describe("summarizeDescription", () => {
  it.each([
    ["Reviews code. Examples: <example>x</example>", "Reviews code."],
    ["Reviews code.\n\n<example>x</example>", "Reviews code."],
    ["No examples here", "No examples here"],
    ["Lead-in for examples: <example>x</example>", "Lead-in"],
  ])("%j -> %j", (input, expected) => {
    expect(summarizeDescription(input)).toBe(expected);
  });
});
