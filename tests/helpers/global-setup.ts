// Once per `vitest run`, before any test file: a folder for the fixtures several test files build the
// same way (registries, by content: see useRegistry in fixtures.ts), removed when the run ends.
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's fixture cache: `<sha256 of the content>/` folders, each written once and then only copied. */
    fixtureCache: string;
  }
}

let folder: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  folder = await realpath(await mkdtemp(join(tmpdir(), "agentreg-e2e-fixtures-")));
  project.provide("fixtureCache", folder);
}

export async function teardown(): Promise<void> {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
}
