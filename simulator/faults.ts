// Switchable misbehaviour for resilience tests: latency and latency spikes, 5xx shares, 429 storms,
// token endpoint failures, cut connections, truncated JSON and "fail exactly pages N+1…N+count". Every random
// decision draws from its own stream seeded from the simulator seed, re-seeded whenever the faults
// change, so a sequential client sees the same faults on every run.
import { z } from "zod";
import { createRng, type Rng } from "./data/random";
import { ApiError } from "./errors";
import type { FaultConfig } from "./types";

export const DEFAULT_FAULTS: FaultConfig = {
  latencyMs: 0,
  latencyJitterMs: 0,
  latencySpike: null,
  errorRate: 0,
  rateLimitStorm: null,
  tokenFailure: null,
  dropConnectionRate: 0,
  malformedJsonRate: 0,
  failRequests: null,
  onlyPaths: null,
};

const share = z.number().min(0).max(1);
const ms = z.number().min(0).max(600_000);

export const faultConfigSchema = z
  .object({
    latencyMs: ms,
    latencyJitterMs: ms,
    latencySpike: z.object({ rate: share, ms }).strict().nullable(),
    errorRate: share,
    rateLimitStorm: z
      .object({
        retryAfterSeconds: z.number().int().min(0).max(86_400),
        count: z.number().int().min(1).optional(),
      })
      .strict()
      .nullable(),
    tokenFailure: z.enum(["500", "503", "timeout"]).nullable(),
    dropConnectionRate: share,
    malformedJsonRate: share,
    failRequests: z
      .object({
        afterPages: z.number().int().min(0),
        status: z.number().int().min(400).max(599),
        count: z.number().int().min(1).optional(),
      })
      .strict()
      .nullable(),
    onlyPaths: z.array(z.string().startsWith("/")).nullable(),
  })
  .partial()
  .strict();

/** Validates an untrusted partial FaultConfig; throws ApiError 400 naming the bad key. */
export function parseFaults(raw: unknown): Partial<FaultConfig> {
  const result = faultConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.join(".") || "body";
    throw new ApiError(400, `faults ${path}: ${issue?.message ?? "invalid"}`, {
      title: "Invalid fault configuration",
      source: { pointer: `/${issue?.path.join("/") ?? ""}` },
    });
  }
  return result.data as Partial<FaultConfig>;
}

export type PreDecision =
  { kind: "storm"; retryAfterSeconds: number } | { kind: "error"; status: number } | null;

export class FaultInjector {
  private current: FaultConfig = { ...DEFAULT_FAULTS };
  private rngs!: { latency: Rng; spike: Rng; error: Rng; drop: Rng; malformed: Rng };
  private pagesSeen = 0;
  private pagesFailed = 0;
  private stormLeft = Infinity;
  private generation = 0;

  constructor(private readonly seed: number) {
    this.reseed();
  }

  private reseed(): void {
    const g = `${this.generation++}`;
    this.rngs = {
      latency: createRng(this.seed, `latency${g}`),
      spike: createRng(this.seed, `spike${g}`),
      error: createRng(this.seed, `error${g}`),
      drop: createRng(this.seed, `drop${g}`),
      malformed: createRng(this.seed, `malformed${g}`),
    };
  }

  config(): FaultConfig {
    return structuredClone(this.current);
  }

  /** Merges top-level keys (nested objects are replaced) and restarts the random streams. */
  set(partial: Partial<FaultConfig>): void {
    const valid = parseFaults(partial);
    this.current = { ...this.current, ...structuredClone(valid) };
    if ("failRequests" in valid) {
      this.pagesSeen = 0;
      this.pagesFailed = 0;
    }
    if ("rateLimitStorm" in valid) this.stormLeft = valid.rateLimitStorm?.count ?? Infinity;
    this.reseed();
  }

  reset(): void {
    this.current = { ...DEFAULT_FAULTS };
    this.pagesSeen = 0;
    this.pagesFailed = 0;
    this.stormLeft = Infinity;
    this.reseed();
  }

  get tokenFailure(): FaultConfig["tokenFailure"] {
    return this.current.tokenFailure;
  }

  /** Whether faults apply to this path: `onlyPaths` prefixes, else every /api/ path. */
  applies(path: string): boolean {
    const only = this.current.onlyPaths;
    if (only) return only.some((p) => path.startsWith(p));
    return path.startsWith("/api/");
  }

  /** Latency also slows the token endpoint unless `onlyPaths` says otherwise. */
  latencyApplies(path: string, isToken: boolean): boolean {
    return this.current.onlyPaths ? this.applies(path) : this.applies(path) || isToken;
  }

  latencyMs(): number {
    const { latencyMs, latencyJitterMs, latencySpike } = this.current;
    const spike =
      latencySpike && latencySpike.rate > 0 && this.rngs.spike.next() < latencySpike.rate
        ? latencySpike.ms
        : 0;
    if (latencyMs <= 0 && latencyJitterMs <= 0) return spike;
    return (
      spike + latencyMs + (latencyJitterMs > 0 ? this.rngs.latency.next() * latencyJitterMs : 0)
    );
  }

  /** Decides, before the route runs, whether this request is refused by a storm or an error. */
  before(isPage: boolean): PreDecision {
    const storm = this.current.rateLimitStorm;
    if (storm && this.stormLeft > 0) {
      this.stormLeft--;
      if (this.stormLeft <= 0) this.current.rateLimitStorm = null;
      return { kind: "storm", retryAfterSeconds: storm.retryAfterSeconds };
    }
    const fail = this.current.failRequests;
    if (fail && isPage) {
      this.pagesSeen++;
      if (this.pagesSeen > fail.afterPages) {
        this.pagesFailed++;
        if (fail.count !== undefined && this.pagesFailed >= fail.count)
          this.current.failRequests = null;
        return { kind: "error", status: fail.status };
      }
    }
    const rate = this.current.errorRate;
    if (rate > 0) {
      const r = this.rngs.error.next();
      if (r < rate) return { kind: "error", status: r < rate / 2 ? 500 : 503 };
    }
    return null;
  }

  /** Decides how an answer is delivered: whole, cut off mid-body, or (200s only) as broken JSON. */
  delivery(status: number): "normal" | "drop" | "malformed" {
    if (
      this.current.dropConnectionRate > 0 &&
      this.rngs.drop.next() < this.current.dropConnectionRate
    )
      return "drop";
    if (
      status === 200 &&
      this.current.malformedJsonRate > 0 &&
      this.rngs.malformed.next() < this.current.malformedJsonRate
    )
      return "malformed";
    return "normal";
  }
}
