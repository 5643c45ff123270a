// What a route sees: the simulator's shared state and the request being answered.
import type { IncomingMessage } from "node:http";
import type { ClientSecrets } from "./client-secrets";
import type { FaultInjector } from "./faults";
import type { QueryCache } from "./query-cache";
import type { RateLimiter } from "./rate-limit";
import type { TenantStore } from "./store";
import type { TokenStore } from "./tokens";
import type { SimulatorStats } from "./types";

export interface ResolvedOptions {
  clientId: string;
  tokenTtlSeconds: number;
  admin: boolean;
  log: boolean;
}

export interface SimState {
  options: ResolvedOptions;
  /** The client's live secrets (several during a rotation); changed at run time by /__sim/client-secrets. */
  secrets: ClientSecrets;
  store: TenantStore;
  cache: QueryCache;
  tokens: TokenStore;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: SimulatorStats;
  /** "http://localhost:<port>": the origin used when a request's Host header is unusable. */
  baseUrl: string;
}

export interface RequestContext {
  sim: SimState;
  req: IncomingMessage;
  url: URL;
  /** Origin for links in answers, from the Host header. */
  origin: string;
  /** Decoded path parameters (e.g. tenantId). */
  params: Record<string, string>;
}
