// Git's smart HTTP protocol on 127.0.0.1, as GitHub or GitLab serve it: `git http-backend` (git's own
// CGI program) behind a small node:http server that asks for Basic auth (issue 16).
import { execFileSync, spawn } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** How many requests were refused for want of the right credentials. */
  refused: number;
  close(): Promise<void>;
}

/** Serves every repository under `root` (`<url>/<path relative to root>`), to `user`:`password` only. */
export async function startGitHttp(root: string, credentials: { user: string; password: string }): Promise<GitHttpServer> {
  const backend = join(execFileSync("git", ["--exec-path"], { encoding: "utf8" }).trim(), "git-http-backend");
  const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString("base64")}`;
  const state = { refused: 0 };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.headers.authorization !== expected) {
      state.refused += 1;
      response.writeHead(401, { "WWW-Authenticate": 'Basic realm="agents"' }).end();
      return;
    }
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const cgi = spawn(backend, [], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        GIT_CONFIG_NOSYSTEM: "1",
        HOME: root,
        REQUEST_METHOD: request.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: request.headers["content-type"] ?? "",
        REMOTE_USER: credentials.user,
        REMOTE_ADDR: "127.0.0.1",
        ...(request.headers["git-protocol"] ? { GIT_PROTOCOL: String(request.headers["git-protocol"]) } : {}),
      },
      stdio: ["pipe", "pipe", "ignore"],
    });
    request.pipe(cgi.stdin);
    // CGI output: header lines, a blank line, then the body.
    let head = Buffer.alloc(0);
    let body = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (body) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n") === -1 ? head.indexOf("\n\n") : head.indexOf("\r\n\r\n");
      if (end === -1) return;
      const separator = head.indexOf("\r\n\r\n") === -1 ? 2 : 4;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString("latin1").split(/\r?\n/)) {
        const colon = line.indexOf(":");
        const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      response.writeHead(status, headers);
      response.write(head.subarray(end + separator));
      body = true;
    });
    cgi.stdout.on("end", () => response.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() {
      return state.refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
