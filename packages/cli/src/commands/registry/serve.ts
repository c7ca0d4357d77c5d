import type { Command } from "commander";
import { commandContext, examples } from "../../context.js";
import { wholeNumber } from "../../parse-number.js";
import { escapeValue } from "../../render/escape-terminal.js";

export function registerRegistryServe(registry: Command): void {
  registry
    .command("serve")
    .description("serve a built registry over HTTP until interrupted")
    .argument("<dir>", "a built registry folder (from `agentreg registry build`)")
    .option("--port <n>", "port to listen on; 0 picks a free one", wholeNumber({ max: 65_535 }), 0)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .addHelpText("after", examples(["agentreg registry serve ./public --port 8080", "agentreg registry serve ./public --host 0.0.0.0 --port 80"]))
    .action(async (dir: string, options: { port: number; host: string }, command: Command) => {
      const context = commandContext(command);
      const { serveRegistry } = await import("@agentreg/sdk");
      const { port } = options;
      // One line per 500 on stderr; the request path is the client's text, so it is escaped.
      const onError = (error: unknown, request: { method: string; url: string }): void =>
        context.note(`error: 500 for ${escapeValue(request.method)} ${escapeValue(request.url)}: ${escapeValue(error instanceof Error ? error.message : String(error))}`);
      const server = await serveRegistry({ dir, host: options.host, port, onError });
      context.output({ url: server.url }, () => `${server.url}\n`);
      context.note(`serving ${dir}; press Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
