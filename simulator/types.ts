// Shared types of the Organization API simulator: the public tenant shape (as the API publishes
// it), the fault switches, the admin mutations and the programmatic handle.
import type { CountryCode, RegionCode, TenantStatus } from "../lib/regions";

/** A tenant exactly as `GET /api/core/tenants` publishes it. */
export interface Tenant {
  id: string;
  name?: string;
  status: TenantStatus;
  hostnames: string[];
  regionCode: RegionCode;
  countryCode: CountryCode;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
  subscriptionId?: string;
  licenseNumber?: string;
  licenseStartsAt?: string;
  licenseEndsAt?: string;
  deletionStartsAt?: string;
  links?: { self: { href: string } };
}

/** Tenant data as stored (no links: those depend on the origin a request came in on). */
export type TenantData = Omit<Tenant, "links">;

export interface RateLimitStorm {
  /** Value of the Retry-After header (seconds). */
  retryAfterSeconds: number;
  /** How many requests to refuse before the storm stops by itself; omitted = until cleared. */
  count?: number;
}

export interface LatencySpike {
  /** Share (0..1) of API and token requests that stall. */
  rate: number;
  /** How long each stall lasts. */
  ms: number;
}

export interface FailRequests {
  /** Number of list pages (GET /api/core/tenants, POST …/actions/filter) that still succeed. */
  afterPages: number;
  /** Status of the failing answers (400-599; 429 answers carry Retry-After: 1). */
  status: number;
  /** How many pages fail before the fault clears itself; omitted = until cleared. */
  count?: number;
}

export interface FaultConfig {
  /** Added to every API and token request. */
  latencyMs: number;
  /** Uniform extra latency in [0, latencyJitterMs). */
  latencyJitterMs: number;
  /** A share (0..1) of requests that stall for `ms` more (on top of latencyMs): sudden spikes. */
  latencySpike: LatencySpike | null;
  /** Share (0..1) of API requests answered 500 or 503 in Qlik's error shape. */
  errorRate: number;
  /** Every API request answers 429 with Retry-After while set. */
  rateLimitStorm: RateLimitStorm | null;
  /** How POST /oauth/token fails: a 500, a 503, or never answering ("timeout"). */
  tokenFailure: "500" | "503" | "timeout" | null;
  /** Share (0..1) of API responses cut off after the headers and part of the body. */
  dropConnectionRate: number;
  /** Share (0..1) of 200 API responses whose JSON body is truncated. */
  malformedJsonRate: number;
  /** Deterministic failure of list pages: the first `afterPages` pages succeed, then `count` fail. */
  failRequests: FailRequests | null;
  /**
   * Path prefixes the faults apply to (e.g. ["/api/core/tenants/actions/filter"]). Null = every
   * /api/ path (latency also applies to /oauth/token). tokenFailure ignores this.
   */
  onlyPaths: string[] | null;
}

export type Mutation =
  | { op: "add"; tenant: Partial<TenantData> }
  | { op: "rename"; id: string; name: string }
  | { op: "disable"; id: string }
  | { op: "set-status"; id: string; status: TenantStatus }
  | { op: "delete"; id: string }
  | { op: "move"; id: string; subscriptionId?: string; regionCode?: RegionCode }
  | { op: "set-hostnames"; id: string; hostnames: string[] }
  /** The tenant's license dates (null removes one); Qlik sets them per subscription. */
  | {
      op: "set-license";
      id: string;
      licenseStartsAt?: string | null;
      licenseEndsAt?: string | null;
    }
  /** When Qlik starts deleting the tenant (null: no deletion scheduled). */
  | { op: "schedule-deletion"; id: string; deletionStartsAt: string | null };

export interface SimulatorStats {
  requests: number;
  byRoute: Record<string, number>;
  tokenRequests: number;
  tokensIssued: number;
  rateLimited: number;
  faultsInjected: number;
}

export interface SimulatorOptions {
  /** 0 = random free port; default 4010. */
  port?: number;
  /** Default "127.0.0.1"; only loopback addresses are accepted. */
  host?: string;
  /** Default 2500. */
  tenants?: number;
  /** Default 12. */
  subscriptions?: number;
  /** Default 1. */
  seed?: number;
  /** Load tenants from a JSON file ({data:[Tenant…]} or [Tenant…]) instead of generating them. */
  dataFile?: string;
  /** Default "demo-client". */
  clientId?: string;
  /** Default "demo-secret". */
  clientSecret?: string;
  /**
   * More secrets the client accepts besides `clientSecret` (a rotation in progress); at most four,
   * since Qlik lets a client hold five. POST /__sim/client-secrets adds more at run time.
   */
  extraClientSecrets?: string[];
  /** Default 21600. */
  tokenTtlSeconds?: number;
  /** Default 1000. */
  tier1PerMinute?: number;
  /** Default 100. */
  tier2PerMinute?: number;
  /** Default 5 (may be fractional, e.g. 0.05 = 3 s, for tests). */
  rateWindowMinutes?: number;
  /** Enables /__sim/* test-only endpoints; default false. */
  admin?: boolean;
  faults?: Partial<FaultConfig>;
  /** One line per request to stdout; default false. */
  log?: boolean;
  /** "Now" of the generated data (ISO date-time); default 2026-11-20T00:00:00.000Z. */
  referenceDate?: string;
  /**
   * Answers the app's demo challenge (GET /__sim/demo-challenge) with this key (at least 32
   * characters); without it that endpoint does not exist. `npm start` makes one per run.
   */
  demoKey?: string;
  /**
   * Demo drift: every this many seconds, a few tenants change as they would between two syncs (a
   * rename, a status change, a license brought near its end, a new tenant, a deletion scheduled),
   * through the same code as POST /__sim/tenants. 0 or unset: off (data stays as generated).
   */
  driftEverySeconds?: number;
}

export interface SimulatorHandle {
  /** e.g. "http://localhost:4010". */
  url: string;
  port: number;
  stats(): SimulatorStats;
  resetStats(): void;
  setFaults(f: Partial<FaultConfig>): void;
  revokeAllTokens(): void;
  /** Same as POST /__sim/client-secrets: the client accepts `secret` too. */
  addClientSecret(secret: string): void;
  /** Same as POST /__sim/client-secrets/revoke: token requests with `secret` answer 401. False if unknown. */
  revokeClientSecret(secret: string): boolean;
  /** Same as POST /__sim/tenants; throws SimulatorInputError on bad input. */
  mutate(op: Mutation): Tenant;
  /** One round of demo drift now (what the `driftEverySeconds` timer does); the applied mutations. */
  drift(): Mutation[];
  /** Current data in the public shape (links on `url`), in default (ObjectId) order. */
  tenants(): Tenant[];
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}
