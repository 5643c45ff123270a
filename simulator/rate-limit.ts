// Qlik's per-tier limits, read as a sliding window: Tier 1 allows perMinute × windowMinutes requests
// (1,000 × 5 = 5,000) in any rolling `windowMinutes`, per client id. Once the budget is spent the
// whole tier is blocked for that client until the oldest counted request leaves the window; refused
// requests are not counted. Other tiers are unaffected.

export type Tier = "tier1" | "tier2";

export interface RateLimitConfig {
  tier1PerMinute: number;
  tier2PerMinute: number;
  windowMinutes: number;
}

/** Timestamps of accepted requests, oldest first, in a growable ring. */
class Window {
  private times: number[] = [];
  private head = 0;

  count(now: number, windowMs: number): number {
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - windowMs)
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  oldest(): number | undefined {
    return this.times[this.head];
  }

  add(now: number): void {
    this.times.push(now);
  }
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  constructor(private readonly config: RateLimitConfig) {}

  budget(tier: Tier): number {
    const perMinute = tier === "tier1" ? this.config.tier1PerMinute : this.config.tier2PerMinute;
    return Math.max(1, Math.floor(perMinute * this.config.windowMinutes));
  }

  /** Counts the request and returns null, or returns the whole seconds to wait (≥ 1). */
  take(clientId: string, tier: Tier, now = Date.now()): number | null {
    const key = `${tier}\u0000${clientId}`;
    let window = this.windows.get(key);
    if (!window) {
      window = new Window();
      this.windows.set(key, window);
    }
    const windowMs = this.config.windowMinutes * 60_000;
    if (window.count(now, windowMs) >= this.budget(tier)) {
      const oldest = window.oldest() ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    window.add(now);
    return null;
  }

  reset(): void {
    this.windows.clear();
  }
}
