import type { AgentregError } from "../../errors.js";
import { readBatchOutput, type BatchQuestion, type CatFileAnswer } from "./batch-output.js";
import { runGit } from "./run-git.js";
import { unreadableMirror } from "./unreadable-mirror.js";

export type { CatFileAnswer, CatFileObject } from "./batch-output.js";

/** How to read the answers to one question (`keep`: whose bytes to keep). */
export type CatFileAsk = Pick<BatchQuestion, "keep">;

/**
 * One `git cat-file --batch` that stays open: questions asked one after another are answered by the
 * same git, with no process to start for each. A command that has just fetched a mirror walks its
 * trees, peels its refs and reads its files through the git it started beside the fetch.
 */
export interface CatFileSession {
  /**
   * The objects `names` name (40-hex ids, or refs such as `refs/tags/v1.0.0^{}`, which the caller has
   * checked are plain), answered in order once git has written them all. Rejected with the session's
   * failure.
   */
  ask(names: readonly string[], options?: CatFileAsk): Promise<CatFileAnswer[]>;
  /** Nothing more will be asked: git answers what it was asked, then exits. Needed, or git waits. */
  end(): void;
  /** Settles when git has exited; rejected with its failure (also the failure of any question left). */
  done: Promise<void>;
}

/** The part of a mirror (git-mirror.ts, `GitMirror`) a session needs: where git runs, with what environment, and the location for messages. */
export interface MirrorFolder {
  dir: string;
  env: Readonly<Record<string, string | undefined>>;
  shown: string;
}

/** A name git reads as one line, never as an option or a second line. */
const PLAIN_NAME = /^[^\s\x00-\x1f\x7f-][^\s\x00-\x1f\x7f]*$/;
/**
 * Starts `git cat-file --batch` in the mirror now; questions may come later (`ask`), and `end` lets it
 * exit. Output is cut into objects as it arrives, so a large answer is never copied whole.
 *
 * @example
 * const git = openCatFile(mirror);
 * const [tree] = await git.ask([`${commit}^{tree}`]);
 * git.end();
 */
export function openCatFile(mirror: MirrorFolder): CatFileSession {
  const lines = inputChannel();
  // Each name asked and not yet answered, in order; each question's answers so far.
  const expected: Array<BatchQuestion & { question: Question }> = [];
  let failure: AgentregError | undefined;
  // Questions still open, each failed at once with the session (its git may still be writing).
  const questions = new Set<Question>();
  const failOpen = (error: unknown): void => {
    lines.close();
    for (const question of questions) question.reject(error);
    questions.clear();
  };
  const fail = (why: string): void => {
    if (failure) return;
    failure = unreadableMirror(mirror, why);
    failOpen(failure);
  };
  const output = readBatchOutput({
    next: () => expected.shift(),
    answer({ question }, value) {
      question.answers.push(value);
      if (question.answers.length === question.size) question.resolve(question.answers);
    },
    fail,
  });

  const exited = runGit(["cat-file", "--batch"], { cwd: mirror.dir, env: mirror.env, location: mirror.shown, input: lines.iterable, onOutput: output.push });
  const done = exited.then(() => {
    if (failure) throw failure;
    const left = expected[0];
    if (left !== undefined || output.midAnswer()) throw unreadableMirror(mirror, `git cat-file ended before answering ${left?.name ?? "in full"}`);
  });
  void done.then(() => undefined, failOpen);

  return {
    ask(names, options = {}) {
      if (failure) return Promise.reject(failure);
      for (const name of names) {
        // Names reach git as lines of its input: one that could be read as anything else is a bug here.
        if (!PLAIN_NAME.test(name)) return Promise.reject(new Error(`not a plain object name for git cat-file: ${JSON.stringify(name)}`));
      }
      if (names.length === 0) return Promise.resolve([]);
      return new Promise<CatFileAnswer[]>((resolve, reject) => {
        const question: Question = { size: names.length, answers: [], resolve: (answers) => (questions.delete(question), resolve(answers)), reject };
        questions.add(question);
        for (const name of names) expected.push({ name, keep: options.keep, question });
        lines.write(names.map((name) => `${name}\n`).join(""));
      });
    },
    end: lines.close,
    done,
  };
}

interface Question {
  size: number;
  answers: CatFileAnswer[];
  resolve(answers: CatFileAnswer[]): void;
  reject(error: unknown): void;
}

/** Text for git's standard input as it comes, ended by `close` (see run-git.ts, `input`). */
function inputChannel(): { iterable: AsyncIterable<string>; write(text: string): void; close(): void } {
  const pending: string[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  return {
    iterable: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          if (pending.length > 0) yield pending.splice(0).join("");
          else if (closed) return;
          else await new Promise<void>((resolve) => (wake = resolve));
        }
      },
    },
    write(text) {
      if (closed) return;
      pending.push(text);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
  };
}
