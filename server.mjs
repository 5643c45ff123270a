// @ts-check
// Tenant Atlas in production: Next.js behind a plain node:http server (a Next.js "custom server").
// `npm start`, the e2e tests and the benchmarks run this; `next start` would serve the same app.
// The only thing it adds: the direct routes that instrumentation.ts registers (a few hot read-only
// API routes answered by their own route handlers without Next's request pipeline; see
// lib/http/direct-routes.ts). Settings: PORT (3000) and HOSTNAME (all interfaces). Run it as
// `node --expose-gc server.mjs`: after each sync the previous snapshot's memory is handed back at
// once (lib/runtime/release-memory.ts); without the flag V8 keeps it until it needs it.
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const DIRECT_ROUTES = Symbol.for("tenant-atlas.direct-routes");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || undefined;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`tenant-atlas: PORT must be a port number (got "${process.env.PORT}")`);
  process.exit(1);
}

process.title = "tenant-atlas";
const dir = path.dirname(fileURLToPath(import.meta.url));
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare(); // runs instrumentation.ts: settings check, direct routes, snapshot sync

const server = createServer((req, res) => {
  /** @type {((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean) | undefined} */
  const direct = /** @type {any} */ (globalThis)[DIRECT_ROUTES];
  if (direct?.(req, res)) return;
  handle(req, res).catch((/** @type {unknown} */ error) => {
    console.error("tenant-atlas: request failed:", error);
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    } else res.destroy();
  });
});
server.on("error", (/** @type {NodeJS.ErrnoException} */ error) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `tenant-atlas: port ${port} is already in use: stop what uses it or set PORT`
      : `tenant-atlas: cannot listen on ${hostname ?? "*"}:${port}: ${error.message}`,
  );
  process.exit(1);
});
server.listen(port, hostname, () => {
  const where = hostname && hostname !== "0.0.0.0" && hostname !== "::" ? hostname : "localhost";
  console.log(`tenant-atlas: listening on http://${where}:${port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
