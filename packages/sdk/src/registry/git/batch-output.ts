/** One object as `git cat-file --batch` describes it; `bytes` only when the asker kept them. */
export interface CatFileObject {
  id: string;
  type: string;
  size: number;
  bytes?: Buffer;
}

/** What git answered for one name: the object, or undefined when the mirror has no such object or ref. */
export type CatFileAnswer = CatFileObject | undefined;

/** A name asked of git, in the order asked: what its answer is read as. */
export interface BatchQuestion {
  name: string;
  /** Whether to keep an object's bytes (default: yes); the others are passed over as they stream by. */
  keep?: ((type: string, size: number) => boolean) | undefined;
}

/** `<id> <type> <size>`: the header of an object. */
const HEADER = /^([0-9a-f]{40}) (blob|tree|commit|tag) (\d+)$/;
/** A header longer than this is not one: git's output is not what this reader expects. */
const MAX_HEADER = 4096;

/**
 * Reads `git cat-file --batch` output as it arrives, in chunks cut anywhere: each answer goes to
 * `answer` with the question `next` gave for it (answers come in the order asked). An object's bytes
 * are a slice of the chunk they came in when they fit in it (nearly always), never a copy of the
 * whole output. Anything git would not write is `fail`, after which nothing more is read.
 *
 * @example
 * const push = readBatchOutput({ next: () => queue.shift(), answer: (question, object) => …, fail: (why) => … });
 * child.stdout.on("data", push);
 */
export function readBatchOutput<Q extends BatchQuestion>(handlers: { next(): Q | undefined; answer(question: Q, answer: CatFileAnswer): void; fail(why: string): void }): {
  push(chunk: Buffer): void;
  /** Whether output ended here would cut an answer short. */
  midAnswer(): boolean;
} {
  let failed = false;
  let header: Buffer[] = [];
  let headerBytes = 0;
  let body: { question: Q; object: CatFileObject; parts: Buffer[] | undefined; left: number } | undefined;
  const fail = (why: string): void => {
    failed = true;
    handlers.fail(why);
  };
  /** An answer's first line; returns the object whose bytes follow, if any. */
  const onHeader = (line: string): typeof body => {
    const question = handlers.next();
    if (question === undefined) return void fail(`git cat-file wrote more than it was asked (${JSON.stringify(line.slice(0, 80))})`);
    if (line === `${question.name} missing`) return void handlers.answer(question, undefined);
    const match = HEADER.exec(line);
    if (!match) return void fail(`an unexpected line from git cat-file for ${question.name}: ${JSON.stringify(line.slice(0, 80))}`);
    const [, id = "", type = "", size = ""] = match;
    const object: CatFileObject = { id, type, size: Number(size) };
    const keep = question.keep?.(type, object.size) ?? true;
    // `left`: the object's bytes and the newline after them.
    return (body = { question, object, parts: keep ? [] : undefined, left: object.size + 1 });
  };
  const onBody = (piece: Buffer): void => {
    if (body === undefined) return;
    body.parts?.push(piece);
    body.left -= piece.length;
    if (body.left > 0) return;
    const { question, object, parts } = body;
    body = undefined;
    if (parts) {
      const whole = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
      if (whole[object.size] !== 0x0a) return fail(`object ${object.id} does not end where git said it would`);
      object.bytes = whole.subarray(0, object.size);
    }
    handlers.answer(question, object);
  };
  const push = (chunk: Buffer): void => {
    let at = 0;
    while (at < chunk.length && !failed) {
      if (body !== undefined) {
        const piece = chunk.subarray(at, at + body.left);
        at += piece.length;
        onBody(piece);
        continue;
      }
      const newline = chunk.indexOf(0x0a, at);
      if (newline === -1 || headerBytes > 0) {
        // A header cut by the end of a chunk: gathered until its line ends.
        const end = newline === -1 ? chunk.length : newline;
        header.push(chunk.subarray(at, end));
        headerBytes += end - at;
        if (headerBytes > MAX_HEADER) return fail("git cat-file wrote a line too long to be an object's header");
        if (newline === -1) return;
        const line = Buffer.concat(header, headerBytes).toString("utf8");
        [header, headerBytes, at] = [[], 0, newline + 1];
        onHeader(line);
        continue;
      }
      // Nearly always: the header, and often the whole object, within this chunk.
      const opened = onHeader(chunk.toString("utf8", at, newline));
      at = newline + 1;
      if (opened !== undefined && opened.left <= chunk.length - at) {
        const { question, object, parts } = opened;
        body = undefined;
        if (chunk[at + object.size] !== 0x0a) return fail(`object ${object.id} does not end where git said it would`);
        if (parts) object.bytes = chunk.subarray(at, at + object.size);
        at += object.size + 1;
        handlers.answer(question, object);
      }
    }
  };
  return { push, midAnswer: () => body !== undefined || headerBytes > 0 };
}
