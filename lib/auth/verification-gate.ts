// Admission to password verification, which is the one expensive thing an anonymous caller can
// make the server do: scrypt takes 128 MiB and a libuv thread per check, bcrypt ≈ 250 ms of CPU.
// At most `slots` checks run at once (4: libuv's default thread pool); a caller waits up to
// `maxWaitMs` for one, then is turned away (429 with Retry-After). One client address may have
// at most `perAddress` attempts in the gate, so a single source cannot take every slot; and at
// most `maxInFlight` attempts are inside at all (waiting out a delay, queued, or running).

export type GateOptions = {
  slots: number;
  perAddress: number;
  maxWaitMs: number;
  maxInFlight: number;
  sleep?: (ms: number) => Promise<void>;
};

export type GateResult<T> = { ran: true; value: T } | { ran: false; retryAfterMs: number };

export interface VerificationGate {
  /**
   * Waits `delayMs` (the account's growing delay, spent outside the slots), then runs `check` in
   * a slot; or answers `ran: false` when the gate is full or no slot frees up in time.
   */
  run<T>(address: string, check: () => Promise<T>, delayMs?: number): Promise<GateResult<T>>;
  /** For tests and logs: checks running, callers queued for a slot, callers inside. */
  load(): { running: number; queued: number; inFlight: number };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createVerificationGate({
  slots,
  perAddress,
  maxWaitMs,
  maxInFlight,
  sleep = defaultSleep,
}: GateOptions): VerificationGate {
  let running = 0;
  let inFlight = 0;
  const queue: Array<() => void> = [];
  const byAddress = new Map<string, number>();
  const busy = { ran: false, retryAfterMs: maxWaitMs } as const;

  const acquire = (): Promise<boolean> => {
    if (running < slots) {
      running++;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(grant), 1);
        resolve(false);
      }, maxWaitMs);
      queue.push(grant);
    });
  };

  const release = () => {
    const next = queue.shift();
    if (next)
      next(); // the slot passes straight to the longest waiter
    else running--;
  };

  return {
    async run(address, check, delayMs = 0) {
      const mine = byAddress.get(address) ?? 0;
      if (mine >= perAddress || inFlight >= maxInFlight) return busy;
      byAddress.set(address, mine + 1);
      inFlight++;
      try {
        if (delayMs > 0) await sleep(delayMs);
        if (!(await acquire())) return busy;
        try {
          return { ran: true, value: await check() };
        } finally {
          release();
        }
      } finally {
        inFlight--;
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
      }
    },
    load: () => ({ running, queued: queue.length, inFlight }),
  };
}

/** The local admin sign-in's gate. */
export const VERIFICATION_GATE = {
  slots: 4,
  perAddress: 2,
  maxWaitMs: 2000,
  maxInFlight: 100,
} as const;
