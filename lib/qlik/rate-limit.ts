import "server-only";
import { QlikRateLimitError } from "./errors";
import { abortReason, raceSignal, sleep } from "./timing";

// Two pieces keep the client inside Qlik's per-tier rate limits:
//  - SlidingWindowBudget: at most `requests` sends in any `windowMs`, counted when a request is sent.
//    It is at least as strict as a sliding, fixed or token-bucket limit of the same size on the
//    server (which counts on arrival, later than we do), so a sync under it sees no 429.
//  - TierGate: after a 429 the whole tier waits for Retry-After (Qlik blocks the tier, not the
//    endpoint), then lets one probe request through; the others follow only if it is not limited.

export type Tier = "tier1" | "tier2";

export interface BudgetLimit {
  /** Requests allowed in any window of `windowMs`. */
  requests: number;
  windowMs: number;
}

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class SlidingWindowBudget {
  /**
   * One entry per request in the window: Infinity while it is in flight, then the time it finished.
   * Counting a request until `windowMs` after its response (not after sending it) keeps the window
   * honest however long the request took to reach the server.
   */
  private readonly entries: number[] = [];
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly limit: BudgetLimit,
    private readonly now: () => number = Date.now,
  ) {
    if (!(limit.requests >= 1) || !(limit.windowMs > 0)) {
      throw new RangeError("a request budget needs requests >= 1 and windowMs > 0");
    }
  }

  /**
   * Resolves when a request may be sent, with a `release` to call when its response is complete
   * (or it failed). Waiters are served first come, first served.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.waiters.length === 0) {
      const release = this.tryTake();
      if (release) return Promise.resolve(release);
    }
    return new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(abortReason(signal!));
          this.pump();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Requests counted in the current window, in flight included (for tests and diagnostics). */
  inWindow(): number {
    this.prune();
    return this.entries.length;
  }

  private prune(): void {
    const cutoff = this.now() - this.limit.windowMs;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]! <= cutoff) this.entries.splice(i, 1);
    }
  }

  private tryTake(): (() => void) | undefined {
    this.prune();
    if (this.entries.length >= this.limit.requests) return undefined;
    this.entries.push(Number.POSITIVE_INFINITY);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // In-flight entries are interchangeable: turn any one of them into "finished now".
      const at = this.entries.indexOf(Number.POSITIVE_INFINITY);
      if (at >= 0) this.entries[at] = this.now();
      this.pump();
    };
  }

  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.waiters.length > 0) {
      const release = this.tryTake();
      if (!release) break;
      const waiter = this.waiters.shift()!;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(release);
    }
    if (this.waiters.length > 0) {
      // Full: wake when the earliest finished request leaves the window (a release also wakes us).
      const earliest = Math.min(...this.entries);
      if (Number.isFinite(earliest)) {
        const wait = Math.max(1, earliest + this.limit.windowMs - this.now() + 1);
        this.timer = setTimeout(() => this.pump(), wait);
      }
    }
  }
}

export interface GateTicket {
  /** Report how the request went: a 429 holds the tier, anything else (from the probe) opens it. */
  done(outcome: "rate_limited" | "other", retryAfterMs?: number): void;
}

export class TierGate {
  private blockedUntil = 0;
  private halfOpen = false;
  private probe: Promise<void> | undefined;
  private releaseProbe: (() => void) | undefined;

  constructor(
    readonly tier: Tier,
    /** Longer holds than this fail at once with QlikRateLimitError instead of waiting. */
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the tier is still held (0 when open). */
  remainingMs(): number {
    return Math.max(0, this.blockedUntil - this.now());
  }

  async enter(signal?: AbortSignal): Promise<GateTicket> {
    for (;;) {
      const remaining = this.remainingMs();
      if (remaining > 0) {
        if (remaining > this.maxWaitMs) {
          throw new QlikRateLimitError(
            `Qlik Cloud asked to wait ${Math.ceil(remaining / 1000)} s on ${this.tier}, longer than the ${Math.ceil(this.maxWaitMs / 1000)} s allowed`,
            { retryAfterMs: remaining, status: 429 },
          );
        }
        await sleep(remaining, signal);
        continue;
      }
      if (this.halfOpen) {
        if (this.probe) {
          await raceSignal(this.probe, signal);
          continue;
        }
        this.probe = new Promise<void>((resolve) => (this.releaseProbe = resolve));
        return this.ticket(true);
      }
      return this.ticket(false);
    }
  }

  /** A 429 seen outside a ticket (or by any request): hold the tier for `retryAfterMs`. */
  hold(retryAfterMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + retryAfterMs);
    this.halfOpen = true;
  }

  private ticket(isProbe: boolean): GateTicket {
    let settled = false;
    return {
      done: (outcome, retryAfterMs) => {
        if (settled) return;
        settled = true;
        if (outcome === "rate_limited") this.hold(retryAfterMs ?? 0);
        else if (isProbe) this.halfOpen = false;
        if (isProbe) {
          const release = this.releaseProbe;
          this.probe = undefined;
          this.releaseProbe = undefined;
          release?.();
        }
      },
    };
  }
}
