import { defineConfig } from "vitest/config";
import LongestFirstSequencer from "./tests/helpers/sequencer.js";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "tests/**/*.test.ts"],
    // End-to-end tests spawn the built CLI; give slow CI machines room without hiding hangs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most of an end-to-end test is spent in the CLI processes it starts and the loopback servers it
    // waits on, so twice as many test files as cores run at once (4 on a 2-core machine; vitest's
    // default is cores - 1, which there means one file at a time). Issue 14 has the measurements.
    maxWorkers: "200%",
    // Worker threads, not a child process per test file: the files' own work is mostly in the CLI
    // processes they spawn, and a thread is the cheaper host for it (issue 14: ~4 s per 50 files).
    pool: "threads",
    // One module graph per worker, not per file: the helpers are imported once per worker instead
    // of 104 times (about 10 s of the run). What the helpers keep at module level (an empty HOME, a
    // cache home for the CLI) is meant to be shared; each file's own state lives in its hooks and
    // temp folders.
    isolate: false,
    // The run's fixture cache: registries several test files build alike are built once.
    globalSetup: ["tests/helpers/global-setup.ts"],
    // A fresh clone has no timings of earlier runs: the longest files start first all the same.
    sequence: { sequencer: LongestFirstSequencer },
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ["default", "json"],
    outputFile: { json: ".vitest-report.json" },
  },
});
