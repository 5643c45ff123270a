// The Organization API simulator: a plain node:http server on loopback that answers like
// https://console.qlikcloud.com for /oauth/token and /api/core/tenants…, plus optional /__sim/*
// test endpoints. `startSimulator` is the programmatic entry point; simulator/cli.ts wraps it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { RateLimitError } from "./auth";
import { ClientSecrets } from "./client-secrets";
import type { RequestContext, SimState } from "./context";
import { generateDataset } from "./data/generate";
import { loadDataFile } from "./data/load";
import { createDrift } from "./drift";
import { DEMO_CHALLENGE_PATH, DEMO_NONCE_PATTERN, demoChallengeProof } from "./demo-challenge";
import { ApiError, errorBody } from "./errors";
import { FaultInjector } from "./faults";
import { HANG, requestOrigin, type Reply, type RouteResult } from "./http";
import { publicTenant } from "./list-query";
import { parseMutation } from "./mutations";
import { resolveOptions } from "./options";
import { QueryCache } from "./query-cache";
import { RateLimiter } from "./rate-limit";
import { adminRoutes } from "./routes/admin";
import { tenantGetRoute } from "./routes/tenant-get";
import { tenantsCountRoute } from "./routes/tenants-count";
import { tenantsFilterRoute } from "./routes/tenants-filter";
import { tenantsListRoute } from "./routes/tenants-list";
import { tokenRoute } from "./routes/token";
import { TenantStore } from "./store";
import { TokenStore } from "./tokens";
import type { SimulatorHandle, SimulatorOptions, SimulatorStats } from "./types";

export type {
  FailRequests,
  FaultConfig,
  Mutation,
  RateLimitStorm,
  SimulatorHandle,
  SimulatorOptions,
  SimulatorStats,
  Tenant,
} from "./types";
export { ApiError } from "./errors";
export { OptionsError } from "./options";
export { DataFileError } from "./data/load";

interface Endpoint {
  handler: (ctx: RequestContext) => Promise<RouteResult>;
  /** Counts as a list page for the failRequests fault. */
  isPage?: boolean;
}

interface Route {
  template: string;
  methods: Partial<Record<string, Endpoint>>;
}

const ROUTES: Record<string, Route> = {
  "/oauth/token": { template: "/oauth/token", methods: { POST: { handler: tokenRoute } } },
  "/api/core/tenants": {
    template: "/api/core/tenants",
    methods: { GET: { handler: tenantsListRoute, isPage: true } },
  },
  "/api/core/tenants/actions/count": {
    template: "/api/core/tenants/actions/count",
    methods: { GET: { handler: tenantsCountRoute } },
  },
  "/api/core/tenants/actions/filter": {
    template: "/api/core/tenants/actions/filter",
    methods: { POST: { handler: tenantsFilterRoute, isPage: true } },
  },
};
const TENANT_ROUTE: Route = {
  template: "/api/core/tenants/{tenantId}",
  methods: { GET: { handler: tenantGetRoute } },
};
const TENANT_PATH_RE = /^\/api\/core\/tenants\/([^/]+)$/;

function matchRoute(path: string): { route: Route; params: Record<string, string> } | null {
  const fixed = ROUTES[path];
  if (fixed) return { route: fixed, params: {} };
  const m = TENANT_PATH_RE.exec(path);
  if (!m) return null;
  let tenantId: string;
  try {
    tenantId = decodeURIComponent(m[1] as string);
  } catch {
    throw new ApiError(400, "The tenant identifier in the path is not valid percent-encoding.", {
      title: "Invalid tenant identifier",
    });
  }
  return { route: TENANT_ROUTE, params: { tenantId } };
}

const emptyStats = (): SimulatorStats => ({
  requests: 0,
  byRoute: {},
  tokenRequests: 0,
  tokensIssued: 0,
  rateLimited: 0,
  faultsInjected: 0,
});

function parseRequestUrl(req: IncomingMessage): URL {
  const raw = req.url ?? "/";
  if (!raw.startsWith("/")) throw new ApiError(400, "The request target must be an absolute path.");
  try {
    return new URL(`http://localhost${raw}`);
  } catch {
    throw new ApiError(400, "The request URL is malformed.");
  }
}

type Delivery = "normal" | "drop" | "malformed";

function send(res: ServerResponse, reply: Reply, delivery: Delivery = "normal"): void {
  if (res.headersSent || res.destroyed) return;
  let payload = Buffer.from(reply.raw ?? JSON.stringify(reply.body), "utf8");
  if (delivery === "malformed")
    payload = payload.subarray(0, Math.max(1, Math.floor(payload.length * 0.6)));
  res.writeHead(reply.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(payload.length),
    "Cache-Control": "no-store",
    ...reply.headers,
  });
  if (delivery === "drop") {
    const socket = res.socket;
    res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => socket?.destroy());
    if (payload.length < 2) socket?.destroy();
    return;
  }
  res.end(payload);
}

/** Qlik's error answer; /oauth/token uses the contract's thinner TokenErrors form. */
function errorReply(err: ApiError, tokenShape = false): Reply {
  if (err instanceof RateLimitError) return { status: 429, body: err.body(), headers: err.headers };
  return { status: err.status, body: errorBody(err, tokenShape), headers: err.headers };
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const o = resolveOptions(opts);
  const dataset = o.dataFile
    ? loadDataFile(o.dataFile)
    : (() => {
        const generated = generateDataset({
          tenants: o.tenants,
          subscriptions: o.subscriptions,
          seed: o.seed,
          referenceDate: o.referenceDate,
        });
        return {
          tenants: generated.tenants,
          subscriptions: generated.subscriptions.map((s) => s.id),
        };
      })();

  const store = new TenantStore(dataset.tenants, dataset.subscriptions, o.seed);
  const faults = new FaultInjector(o.seed);
  if (o.faults) faults.set(o.faults);
  const sim: SimState = {
    options: {
      clientId: o.clientId,
      tokenTtlSeconds: o.tokenTtlSeconds,
      admin: o.admin,
      log: o.log,
    },
    secrets: new ClientSecrets([o.clientSecret, ...o.extraClientSecrets]),
    store,
    cache: new QueryCache(store),
    tokens: new TokenStore(o.tokenTtlSeconds),
    limiter: new RateLimiter({
      tier1PerMinute: o.tier1PerMinute,
      tier2PerMinute: o.tier2PerMinute,
      windowMinutes: o.rateWindowMinutes,
    }),
    faults,
    stats: emptyStats(),
    baseUrl: `http://localhost:${o.port}`,
  };

  const closing = new AbortController();
  const sockets = new Set<Socket>();
  let port = o.port;
  let closed: Promise<void> | undefined;
  const handle: SimulatorHandle = {
    get url() {
      return sim.baseUrl;
    },
    get port() {
      return port;
    },
    stats: () => structuredClone(sim.stats),
    resetStats: () => {
      sim.stats = emptyStats();
    },
    setFaults: (f) => faults.set(f),
    revokeAllTokens: () => sim.tokens.revokeAll(),
    addClientSecret: (secret) => sim.secrets.add(secret),
    revokeClientSecret: (secret) => sim.secrets.revoke(secret),
    mutate: (op) => {
      const parsed = parseMutation(op);
      if (!parsed.ok) throw new ApiError(400, parsed.message, { title: "Invalid mutation" });
      return publicTenant(store.apply(parsed.mutation).data, sim.baseUrl);
    },
    drift: () => drift.round().map((c) => c.mutation),
    tenants: () => store.all().map((r) => publicTenant(r.data, sim.baseUrl)),
    close: () => {
      closed ??= (async () => {
        closing.abort();
        if (driftTimer) clearInterval(driftTimer);
        const done = servers.map(
          (server) => new Promise<void>((resolve) => server.close(() => resolve())),
        );
        for (const server of servers) server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await Promise.all(done);
      })();
      return closed;
    },
  };

  const drift = createDrift(
    {
      tenants: () => store.all().map((r) => r.data),
      subscriptions: () => store.subscriptions(),
      mutate: (m) => void handle.mutate(m),
    },
    o.seed,
  );
  let driftTimer: NodeJS.Timeout | undefined;
  if (o.driftEverySeconds > 0) {
    driftTimer = setInterval(() => {
      const changes = drift.round();
      if (o.log)
        for (const c of changes)
          process.stdout.write(
            `${new Date().toISOString()} drift ${c.kind} ${"id" in c.mutation ? c.mutation.id : (c.mutation.tenant.id ?? "")}\n`,
          );
    }, o.driftEverySeconds * 1000);
    driftTimer.unref();
  }

  const countRoute = (label: string) => {
    sim.stats.byRoute[label] = (sim.stats.byRoute[label] ?? 0) + 1;
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestUrl(req);
    const method = req.method ?? "GET";
    const path = url.pathname;
    const ctx: RequestContext = {
      sim,
      req,
      url,
      origin: requestOrigin(req, sim.baseUrl),
      params: {},
    };

    if (path === "/__sim/health" && method === "GET")
      return send(res, { status: 200, body: { status: "ok" } });
    if (path === DEMO_CHALLENGE_PATH && o.demoKey) {
      if (method !== "GET")
        throw new ApiError(405, `${method} is not allowed on ${path}.`, {
          headers: { Allow: "GET" },
        });
      const nonce = url.searchParams.get("nonce") ?? "";
      if (!DEMO_NONCE_PATTERN.test(nonce))
        throw new ApiError(400, "nonce must be 32 to 128 URL-safe characters.");
      return send(res, { status: 200, body: { proof: demoChallengeProof(o.demoKey, nonce) } });
    }
    if (o.admin && path.startsWith("/__sim/")) {
      const methods = adminRoutes[path];
      if (!methods) throw new ApiError(404, `No simulator admin endpoint ${path}.`);
      const route = methods[method];
      if (!route)
        throw new ApiError(405, `${method} is not allowed on ${path}.`, {
          headers: { Allow: Object.keys(methods).join(", ") },
        });
      return send(res, await route(ctx, handle));
    }

    sim.stats.requests++;
    const matched = matchRoute(path);
    if (!matched) {
      countRoute("unmatched");
      throw new ApiError(404, `No route for ${method} ${path}.`);
    }
    countRoute(`${method} ${matched.route.template}`);
    ctx.params = matched.params;
    const endpoint = matched.route.methods[method];
    if (!endpoint)
      throw new ApiError(405, `${method} is not allowed on ${matched.route.template}.`, {
        headers: { Allow: Object.keys(matched.route.methods).join(", ") },
      });

    const isToken = matched.route.template === "/oauth/token";
    const faultable = faults.applies(path);
    if (faults.latencyApplies(path, isToken)) {
      const delay = faults.latencyMs();
      if (delay > 0) await sleep(delay, undefined, { signal: closing.signal });
    }
    let delivery: Delivery = "normal";
    try {
      if (faultable) {
        const decision = faults.before(endpoint.isPage === true);
        if (decision) {
          sim.stats.faultsInjected++;
          if (decision.kind === "storm")
            throw new RateLimitError(Math.max(0, decision.retryAfterSeconds));
          if (decision.status === 429) throw new RateLimitError(1);
          throw new ApiError(decision.status, "Simulated failure (fault injection).");
        }
      }
      const result = await endpoint.handler(ctx);
      if (result === HANG) return;
      if (faultable) delivery = faults.delivery(result.status);
      if (delivery !== "normal") sim.stats.faultsInjected++;
      send(res, result, delivery);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (faultable && delivery === "normal") {
        delivery = faults.delivery(err.status);
        if (delivery !== "normal") sim.stats.faultsInjected++;
      }
      if (err.status === 429) sim.stats.rateLimited++;
      send(res, errorReply(err, isToken), delivery);
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    if (o.log)
      res.on("close", () => {
        const ms = (performance.now() - started).toFixed(1);
        const status = res.headersSent ? res.statusCode : "-";
        process.stdout.write(
          `${new Date().toISOString()} ${req.method} ${req.url} ${status} ${ms}ms\n`,
        );
      });
    dispatch(req, res).catch((err: unknown) => {
      // Closing, or the client went away (e.g. mid-body): nobody is left to answer.
      if (closing.signal.aborted || res.destroyed) return;
      if (err instanceof ApiError) {
        if (err.status === 429) sim.stats.rateLimited++;
        return send(res, errorReply(err));
      }
      process.stderr.write(
        `simulator: unexpected error for ${req.method} ${req.url}: ${String(err)}\n`,
      );
      send(res, errorReply(new ApiError(500, "Unexpected simulator error.")));
    });
  };

  const servers: Server[] = [];
  const makeServer = () => {
    const server = createServer(onRequest);
    server.on("connection", (socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    server.on("clientError", (_err, socket) => {
      if (!socket.writable) return socket.destroy();
      const body = JSON.stringify(errorBody(new ApiError(400, "Malformed HTTP request.")));
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    servers.push(server);
    return server;
  };
  const listen = (server: Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });

  const primaryHost = o.host === "::1" ? "::1" : "127.0.0.1";
  port = await listen(makeServer(), o.port, primaryHost);
  if (o.host !== "::1") {
    // "localhost" may resolve to ::1 first; answer there too when the system allows it.
    const secondary = makeServer();
    await listen(secondary, port, "::1").catch(() => servers.pop());
  }
  sim.baseUrl = `http://localhost:${port}`;

  return handle;
}
