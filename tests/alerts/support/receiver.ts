// A local HTTP receiver for webhook tests: records every request (headers and body as sent) and
// answers 204, or fails the next N requests with 503 (a receiver that is down for a while).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface Receiver {
  url(path?: string): string;
  /** Every request, failed ones included, in arrival order. */
  requests: ReceivedRequest[];
  /** Only the requests answered 2xx. */
  delivered(path?: string): ReceivedRequest[];
  /** The next `n` requests are answered 503. */
  failNext(n: number): void;
  /** Every request is answered `status` until reset with null; 0: never answered (hangs). */
  alwaysAnswer(status: number | null): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let failures = 0;
  let fixed: number | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let status = 204;
      if (fixed === 0) {
        requests.push({ path: req.url ?? "/", headers: req.headers, body: "", status: 0 });
        return; // no answer: the sender times out or gives up
      }
      if (fixed !== null) status = fixed;
      else if (failures > 0) {
        failures--;
        status = 503;
      }
      requests.push({
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        status,
      });
      res.statusCode = status;
      res.end(status >= 400 ? "receiver is down" : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    requests,
    delivered: (path) =>
      requests.filter(
        (r) => r.status >= 200 && r.status < 300 && (path === undefined || r.path === path),
      ),
    failNext: (n) => {
      failures = n;
    },
    alwaysAnswer: (status) => {
      fixed = status;
    },
    reset: () => {
      requests.length = 0;
      failures = 0;
      fixed = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
