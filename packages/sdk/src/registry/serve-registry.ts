import { createHash } from "node:crypto";
import { readFile, realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, sep } from "node:path";
import { AgentregError, ErrorCode } from "../errors.js";
import { whenMissing } from "../missing-path.js";
import { pathExists } from "../path-exists.js";
import { checkOptions } from "../check-arguments.js";

export interface ServeRegistryOptions {
  /** A built registry folder (it has `index.json`). */
  dir: string;
  /** Default 127.0.0.1: serving to the network is a choice, not an accident. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /**
   * Told of every request the server answered 500 (a file it could not read, a symlink loop in the
   * folder), with what failed: the SDK prints nothing, so this is how an operator hears of it.
   * `request.url` is the path as the client sent it, untrusted: escape it before printing.
   */
  onError?: ((error: unknown, request: { method: string; url: string }) => void) | undefined;
}

export interface RegistryServer {
  /** `http://<host>:<port>`, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".json": "application/json; charset=utf-8",
  ".tgz": "application/gzip",
  ".md": "text/markdown; charset=utf-8",
  // The catalog website (issue 18): its pages carry their own Content-Security-Policy meta tag.
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/** Nothing but a page may run or load anything: a JSON document or agent file opened in a browser stays inert. */
const INERT_CSP = "default-src 'none'; sandbox";

/**
 * Serves a built registry as static files: GET and HEAD only, strong `ETag`s with `If-None-Match`
 * (304), `Cache-Control` (tarballs are immutable, documents revalidate), exact content types, no
 * directory listings, and no way out of the folder (no `..`, no symlinks, nothing but regular files).
 * A path ending in `/` is its folder's `index.html`, so `/` is the catalog when the build wrote one.
 *
 * @example
 * const server = await serveRegistry({ dir: "public", port: 8080 });
 * console.log(server.url);
 */
export async function serveRegistry(options: ServeRegistryOptions): Promise<RegistryServer> {
  checkOptions("serveRegistry", options, { dir: "path", host: "string?", port: "number?", onError: "function?" });
  if (!(await pathExists(join(options.dir, "index.json")))) {
    throw new AgentregError(ErrorCode.NOT_FOUND, `${options.dir} is not a built registry (no index.json)`, {
      subject: options.dir,
      hint: "Build one first with `agentreg registry build <source-dir> --out <dir>`.",
    });
  }
  const root = await realpath(options.dir);
  const { createServer } = await import("node:http");
  const etags = new Map<string, { stamp: string; etag: string }>();
  const server = createServer((request, response) => {
    handle(root, etags, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
      options.onError?.(error, { method: request.method ?? "", url: request.url ?? "" });
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new AgentregError(ErrorCode.USAGE, `cannot listen on ${host}:${options.port ?? 0}: ${error.code ?? error.message}`, {
          hint: "Choose another --port (0 picks a free one) or --host.",
          cause: error,
        }),
      ),
    );
    server.listen(options.port ?? 0, host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * File path -> its strong ETag, kept while size, mtime and inode stay the same: a revalidation (304)
 * of a 5 MB index then needs no read and no hash. A rebuild replaces the files, which changes them.
 */
type EtagMemo = Map<string, { stamp: string; etag: string }>;

async function handle(root: string, etags: EtagMemo, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader("X-Content-Type-Options", "nosniff");
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  const file = await resolveFile(root, request.url ?? "/");
  if (!file) {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
    return;
  }
  const stats = await stat(file);
  const stamp = `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
  const known = etags.get(file);
  let bytes: Buffer | undefined;
  let etag: string;
  if (known?.stamp === stamp) etag = known.etag;
  else {
    bytes = await readFile(file);
    etag = `"${createHash("sha256").update(bytes).digest("base64url")}"`;
    etags.set(file, { stamp, etag });
  }
  const headers = {
    ETag: etag,
    "Last-Modified": stats.mtime.toUTCString(),
    // A published version never changes (DESIGN §3); documents change on publish, yank and deprecate.
    "Cache-Control": file.endsWith(".tgz") ? "public, max-age=31536000, immutable" : "public, max-age=60, must-revalidate",
  };
  if (request.headers["if-none-match"]?.split(",").some((tag) => tag.trim() === etag)) {
    response.writeHead(304, headers).end();
    return;
  }
  bytes ??= await readFile(file);
  const type = extname(file);
  response.writeHead(200, {
    ...headers,
    "Content-Type": CONTENT_TYPES[type] ?? "application/octet-stream",
    "Content-Length": bytes.byteLength,
    ...(type === ".html" ? { "Referrer-Policy": "no-referrer" } : { "Content-Security-Policy": INERT_CSP }),
  });
  response.end(request.method === "HEAD" ? undefined : bytes);
}

/** The regular file a request path names inside `root`, or undefined: anything else is a 404. */
async function resolveFile(root: string, url: string): Promise<string | undefined> {
  const pathname = url.split(/[?#]/)[0] ?? "";
  let segments: string[];
  try {
    segments = pathname.split("/").slice(1).map(decodeURIComponent);
  } catch (error) {
    // A malformed percent-encoding (`%E0%A4%A`) names no file: 404.
    if (error instanceof URIError) return undefined;
    throw error;
  }
  // `/` and `/dir/` name the folder's index.html, as on any static host.
  if (segments.at(-1) === "") segments[segments.length - 1] = "index.html";
  if (segments.length === 0 || segments.some((s) => s === "" || s === "." || s === ".." || /[\\\0]/.test(s))) return undefined;
  const candidate = join(root, ...segments);
  // Only "nothing there" is a 404; a folder that cannot be read (a symlink loop, EACCES) is a 500
  // the operator is told of, not a file that silently went missing.
  const real = await realpath(candidate).catch(whenMissing(undefined));
  if (real === undefined || real !== candidate || !real.startsWith(root + sep)) return undefined;
  const stats = await stat(real).catch(whenMissing(undefined));
  return stats?.isFile() ? real : undefined;
}
