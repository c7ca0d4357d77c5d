// `git cat-file --batch` output cut into chunks anywhere reads back as the answers written, whatever the cuts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readBatchOutput, type BatchQuestion, type CatFileAnswer } from "./batch-output.js";

interface Written {
  question: BatchQuestion;
  /** The answer as git writes it. */
  text: Buffer;
  /** What the reader should give for it. */
  expected: CatFileAnswer;
}

const hex = fc.stringMatching(/^[0-9a-f]{40}$/);
const answer: fc.Arbitrary<Written> = fc.oneof(
  fc.record({ name: fc.stringMatching(/^[a-z0-9/^{}.-]{1,20}$/) }).map(({ name }) => ({ question: { name }, text: Buffer.from(`${name} missing\n`), expected: undefined })),
  fc
    .record({
      id: hex,
      type: fc.constantFrom("blob", "tree", "commit", "tag"),
      // Bytes of every kind, newlines and lines that look like headers included.
      bytes: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.constant(new TextEncoder().encode(`${"f".repeat(40)} blob 3\nabc\n`))),
      keep: fc.boolean(),
    })
    .map(({ id, type, bytes, keep }) => ({
      question: { name: id, keep: () => keep },
      text: Buffer.concat([Buffer.from(`${id} ${type} ${bytes.length}\n`), bytes, Buffer.from("\n")]),
      expected: { id, type, size: bytes.length, ...(keep ? { bytes: Buffer.from(bytes) } : {}) },
    })),
);

/** The reader fed `chunks`; what it answered, whether it failed, and whether it was left mid-answer. */
function read(written: Written[], chunks: Buffer[]): { answers: CatFileAnswer[]; failures: string[]; midAnswer: boolean } {
  const queue = written.map((entry) => entry.question);
  const answers: CatFileAnswer[] = [];
  const failures: string[] = [];
  const reader = readBatchOutput({ next: () => queue.shift(), answer: (_question, value) => answers.push(value), fail: (why) => failures.push(why) });
  for (const chunk of chunks) reader.push(chunk);
  return { answers, failures, midAnswer: reader.midAnswer() };
}

/** `whole` cut at `cuts` (positions, any order, repeats allowed). */
function cut(whole: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((position) => position % (whole.length + 1)))].sort((a, b) => a - b);
  return [...at, whole.length].map((end, i) => whole.subarray(i === 0 ? 0 : (at[i - 1] ?? 0), end)).filter((chunk) => chunk.length > 0);
}

const plain = (value: CatFileAnswer): unknown => (value === undefined ? undefined : { ...value, ...(value.bytes ? { bytes: [...value.bytes] } : {}) });

describe("readBatchOutput", () => {
  it("reads every answer as written, objects kept or passed over, wherever the chunks are cut", () => {
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 40 }), (written, cuts) => {
        const whole = Buffer.concat(written.map((entry) => entry.text));
        const result = read(written, cut(whole, cuts));
        expect(result.failures).toEqual([]);
        expect(result.midAnswer).toBe(false);
        expect(result.answers.map(plain)).toEqual(written.map((entry) => plain(entry.expected)));
      }),
      { numRuns: 2000 },
    );
  });

  it("is left mid-answer when the output stops inside one", () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 6 }), fc.nat(), (written, shorter) => {
        const whole = Buffer.concat(written.map((entry) => entry.text));
        const last = written.at(-1)?.text.length ?? 1;
        // At least one byte of the last answer stays, and at least one goes.
        const result = read(written, [whole.subarray(0, whole.length - 1 - (shorter % (last - 1)))]);
        expect(result.failures).toEqual([]);
        expect(result.midAnswer).toBe(true);
        expect(result.answers).toHaveLength(written.length - 1);
      }),
      { numRuns: 500 },
    );
  });

  it("fails on what git would not write: another object's line, more answers than questions, an object without its newline, a line with no end", () => {
    const question = { name: "a".repeat(40) };
    const fails = (questions: BatchQuestion[], text: string): string[] => read(questions.map((q) => ({ question: q, text: Buffer.alloc(0), expected: undefined })), [Buffer.from(text)]).failures;
    expect(fails([question], "fatal: not a git repository\n")).toEqual([expect.stringContaining("an unexpected line from git cat-file")]);
    expect(fails([], `${"a".repeat(40)} blob 1\nx\n`)).toEqual([expect.stringContaining("more than it was asked")]);
    expect(fails([question], `${"a".repeat(40)} blob 1\nxy`)).toEqual([expect.stringContaining("does not end where git said")]);
    expect(fails([question], "x".repeat(5000))).toEqual([expect.stringContaining("too long")]);
  });
});
