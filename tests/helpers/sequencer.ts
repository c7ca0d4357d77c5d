// The order test files start in. Vitest runs the files it has timed before longest first, which keeps
// the run's last seconds for short files; a fresh clone has no timings, and vitest then starts the
// largest files first. Several of the longest files are small (crash-convergence.test.ts: 40 s of
// CLI runs from 100 lines), so on a fresh clone one of them started last and ran alone for its last
// half-minute (issue 14). Without timings, the files below start first, longest first.
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The longest test files, longest first, as a fresh clone's run timed them (2026-12-02, 2 cores). */
export const LONGEST_FILES = [
  "tests/e2e/hostile-archives.test.ts",
  "tests/e2e/crash-convergence.test.ts",
  "tests/e2e/trust-project-files.test.ts",
  "tests/e2e/git-registry.test.ts",
  "tests/e2e/trust-agent-text.test.ts",
  "tests/e2e/coding-tools.test.ts",
  "tests/e2e/integrity-signatures.test.ts",
  "tests/e2e/authoring.test.ts",
  "tests/e2e/catalog-site.test.ts",
  "tests/e2e/trust-review.test.ts",
  // One TypeDoc process of ~13 s: started late, it was the run's last file.
  "tests/e2e/api-docs.test.ts",
];

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (file: TestSpecification): string => relative(root, file.moduleId).split("\\").join("/");
    const timed = files.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(root, file.moduleId)}`) !== undefined);
    if (timed) return sorted;
    const rank = (file: TestSpecification): number => {
      const index = LONGEST_FILES.indexOf(path(file));
      return index === -1 ? LONGEST_FILES.length : index;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
