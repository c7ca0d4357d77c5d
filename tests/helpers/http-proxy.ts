// A tiny HTTP proxy on 127.0.0.1 for the proxy tests: it tunnels CONNECT requests and forwards
// absolute-form requests, as corporate proxies do, and records both.
import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import { closer, listen, useCleanups } from "./http-fixtures.js";

export interface TestProxy {
  url: string;
  /** `host:port` of every CONNECT tunnel opened through the proxy. */
  tunnels: string[];
  /** Absolute URLs of every plain-HTTP request forwarded by the proxy. */
  forwarded: string[];
  close(): Promise<void>;
}

/**
 * Proxies, closed after each test (or after the file): CONNECT tunnels (net.connect + pipe) and
 * absolute-form requests (forwarded with http.request).
 *
 * @example
 * const startProxy = useProxies();
 * const proxy = await startProxy(); // run the CLI with HTTP_PROXY: proxy.url
 */
export function useProxies(scope: "test" | "file" = "test"): () => Promise<TestProxy> {
  const register = useCleanups(scope);
  return async () => {
    const tunnels: string[] = [];
    const forwarded: string[] = [];
    const sockets = new Set<Socket>();
    const server = createServer((request, response) => {
      forwarded.push(request.url ?? "");
      const upstream = httpRequest(request.url ?? "", { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on("error", () => response.destroy());
      request.pipe(upstream);
    });
    server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
      tunnels.push(request.url ?? "");
      const [host, port] = (request.url ?? "").split(":");
      const target = connect(Number(port), host ?? "127.0.0.1", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        target.write(head);
        target.pipe(client);
        client.pipe(target);
      });
      for (const socket of [client, target]) {
        sockets.add(socket);
        socket.on("error", () => undefined);
        socket.on("close", () => sockets.delete(socket));
      }
      target.on("close", () => client.destroy());
      client.on("close", () => target.destroy());
    });
    const url = await listen(server);
    const closeServer = closer(server);
    const close = async (): Promise<void> => {
      for (const socket of sockets) socket.destroy();
      await closeServer();
    };
    register(close);
    return { url, tunnels, forwarded, close };
  };
}
