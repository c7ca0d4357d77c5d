// Headless Chromium for the catalog website's tests (issue 18): Debian's `chromium-headless-shell`
// package (or its `chromium`), driven by playwright-core through `executablePath`, so no browser is
// ever downloaded. One browser per test
// file; each test opens its own context (its own clipboard permissions, storage and listeners).
import { existsSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/**
 * Where Debian puts the browser; `CHROMIUM_PATH` names another build of it. The headless shell comes
 * first: the same Blink without the browser's UI machinery, it ran the catalog tests on a third of the
 * CPU time the full `chromium` took (46 → 16 CPU-seconds, measured with `perf record -a`), with the
 * same screenshots.
 */
export function chromiumPath(): string {
  const candidates = [process.env["CHROMIUM_PATH"], "/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((path): path is string => Boolean(path));
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error("no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium-headless-shell, /usr/bin/chromium): install Debian's package with `apt-get install chromium-headless-shell` (.ci/run does)");
  }
  return found;
}

/** A headless Chromium for the file's tests, closed after them. */
export function useBrowser(): { browser(): Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser() {
      if (browser === undefined) throw new Error("useBrowser(): the browser starts in beforeAll");
      return browser;
    },
  };
}

/** What a page did that a catalog page must never do: dialogs, script errors, requests elsewhere. */
export interface PageWatch {
  page: Page;
  dialogs: string[];
  /** Console messages of type error, and uncaught exceptions. */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/** A new page in a new context, with listeners that record dialogs (dismissed), errors and requests. */
export async function watchedPage(context: BrowserContext): Promise<PageWatch> {
  const page = await context.newPage();
  const watch: PageWatch = { page, dialogs: [], errors: [], requests: [] };
  page.on("dialog", (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") watch.errors.push(message.text());
  });
  page.on("pageerror", (error) => watch.errors.push(error.message));
  page.on("request", (request) => watch.requests.push(request.url()));
  return watch;
}
