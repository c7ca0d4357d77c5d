import type { InstallEvent } from "@agentreg/sdk";

/**
 * The single updating line a bulk install shows on a terminal: agents resolved, fetched and written
 * (issue 8). It exists only for a person watching: nothing of it is written when stdout or stderr is
 * not a terminal, with `--json`, or in CI. It waits a moment before it first appears, so a fast
 * install prints nothing but its result. Type-only SDK import: rendering must not load the SDK.
 */
export interface InstallProgress {
  onEvent(event: InstallEvent): void;
  /** Removes the line; call it before the result (or the error) is printed. */
  stop(): void;
}

/** Installs that finish sooner never show the line. */
const FIRST_DRAW_MS = 150;
const REDRAW_MS = 80;

/** The line on screen now, so notes (warnings) can be printed above it instead of through it. */
let active: { clear(): void; invalidate(): void } | undefined;

/**
 * Runs `write` with the progress line out of the way; it comes back on the next redraw.
 *
 * @example
 * aboveProgressLine(() => process.stderr.write("warning: …\n"));
 */
export function aboveProgressLine(write: () => void): void {
  active?.clear();
  write();
  active?.invalidate();
}

export function createInstallProgress(options: { json: boolean; env?: NodeJS.ProcessEnv }): InstallProgress {
  const env = options.env ?? process.env;
  const stream = process.stderr;
  const enabled = !options.json && process.stdout.isTTY === true && stream.isTTY === true && !env.CI && env.TERM !== "dumb";
  if (!enabled) return { onEvent() {}, stop() {} };

  let total = 0;
  let fetched = 0;
  let written = 0;
  const resolved = new Set<string>();
  let shown = false;
  let dirty = true;
  const started = Date.now();

  const clear = (): void => {
    if (shown) stream.write("\r\x1b[K");
    shown = false;
  };
  const draw = (): void => {
    const line = `resolved ${resolved.size}/${total} · fetched ${fetched}/${total} · written ${written}/${total}`;
    // Never wider than the terminal: a wrapped line could not be rewritten in place.
    stream.write(`\r${line.slice(0, Math.max(0, (stream.columns || 80) - 1))}\x1b[K`);
    shown = true;
    dirty = false;
  };
  const timer = setInterval(() => {
    if (total > 0 && (dirty || !shown) && Date.now() - started >= FIRST_DRAW_MS) draw();
  }, REDRAW_MS);
  timer.unref();
  active = { clear, invalidate: () => (dirty = true) };

  return {
    onEvent(event) {
      if (event.type === "planned") total = event.total;
      else if (event.type === "resolved") resolved.add(event.key);
      else if (event.type === "fetched") {
        // A locked agent is fetched without resolving: its version is already known.
        resolved.add(event.key);
        fetched += 1;
      } else if (event.type === "written") written = event.count;
      else return;
      dirty = true;
    },
    stop() {
      clearInterval(timer);
      clear();
      active = undefined;
    },
  };
}
