// A tiny programmable HTTP server for the Qlik client's unit tests: every request is recorded
// (method, URL, headers, body) and answered by the test's handler. Used where the simulator cannot
// misbehave the way a test needs (foreign links, cursor loops, odd bodies, hanging sockets).
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

export interface FakeServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  setHandler(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeServer(handler: Handler, host = "127.0.0.1"): Promise<FakeServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve(current(recorded, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  const sockets = new Set<Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    setHandler(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

let tokenCounter = 0;
export function tokenResponse(overrides: Record<string, unknown> = {}) {
  tokenCounter += 1;
  return {
    access_token: `tok-${tokenCounter}-${"x".repeat(24)}`,
    token_type: "Bearer",
    expires_in: 21600,
    ...overrides,
  };
}

export function tenant(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Tenant ${id}`,
    status: "active",
    hostnames: [`${id}.us.qlikcloud.com`],
    regionCode: "us-east-1",
    countryCode: "US",
    createdAt: "2024-01-15T10:30:00.000Z",
    updatedAt: "2024-06-20T14:45:00.000Z",
    subscriptionId: "9876543210987654",
    ...overrides,
  };
}
