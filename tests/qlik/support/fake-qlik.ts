// A fake Organization API on node:http for behaviours the simulator cannot produce: the token
// endpoint answers by default; each test supplies the API handler.
import type http from "node:http";
import {
  json,
  startFakeServer,
  tokenResponse,
  type FakeServer,
  type RecordedRequest,
} from "./fake-server";

export interface FakeQlik extends FakeServer {
  tokenRequests(): RecordedRequest[];
  apiRequests(): RecordedRequest[];
  /** Replace the token endpoint's behaviour (default: a fresh Bearer token, 6 h). */
  onToken(handler: (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>): void;
  onApi(handler: (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>): void;
  /** Tokens issued so far, newest last. */
  issued: string[];
}

export async function startFakeQlik(
  api: (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void> = (_req, res) =>
    json(res, 404, { errors: [{ code: "HTTP-404", title: "Not found", status: "404" }] }),
): Promise<FakeQlik> {
  const issued: string[] = [];
  let tokenHandler = (_req: RecordedRequest, res: http.ServerResponse): void | Promise<void> => {
    const body = tokenResponse();
    issued.push(body.access_token);
    json(res, 200, body);
  };
  let apiHandler = api;
  const server = await startFakeServer((req, res) =>
    req.url.startsWith("/oauth/token") ? tokenHandler(req, res) : apiHandler(req, res),
  );
  return Object.assign(server, {
    issued,
    tokenRequests: () => server.requests.filter((r) => r.url.startsWith("/oauth/token")),
    apiRequests: () => server.requests.filter((r) => !r.url.startsWith("/oauth/token")),
    onToken(handler: typeof tokenHandler) {
      tokenHandler = handler;
    },
    onApi(handler: typeof apiHandler) {
      apiHandler = handler;
    },
  });
}
