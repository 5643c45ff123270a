import "server-only";
import type { AlertDeliveryRecord, Storage } from "@/lib/db/types";
import { outsideRequest } from "@/lib/observability/request-context";
import {
  isDeadLocalInstance,
  newInstanceId,
  registerLocalInstance,
} from "@/lib/tenants/sync/lease";
import { attemptDelivery, type DeliverDeps } from "./deliver";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import type { EmailSettings } from "./send/email";
import { onAlertsEnqueued } from "./wake";

// The delivery worker: a loop in the server process that sends what the outbox holds. Several
// instances may run; only the one holding the "alerts" lease sends (taken and renewed like the
// sync lease, lib/db/queries/leases.ts), so a message is sent by one instance. It looks every
// `pollMs`, at once when this process enqueued something, and when the next retry is due. A
// delivery interrupted by a shutdown keeps its schedule and is sent by whoever holds the lease next.

export const ALERTS_LEASE = "alerts";
/** Sent and failed deliveries are kept this long in the log. */
export const DELIVERY_LOG_DAYS = 30;

export interface WorkerLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export interface AlertWorkerOptions {
  storage: () => Promise<Storage>;
  settings: () => EmailSettings & { NEXTAUTH_URL?: string };
  logger: WorkerLogger;
  policy?: RetryPolicy;
  /** Default 5 s. */
  pollMs?: number;
  /** Default 60 s; renewed at every look. */
  leaseTtlMs?: number;
  /** Deliveries read per batch (default 20) and sent at once (default 4). */
  batchSize?: number;
  concurrency?: number;
  webhookTimeoutMs?: number;
  instance?: string;
}

export class AlertWorker {
  readonly instance: string;
  private readonly opts: AlertWorkerOptions;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private holding = false;
  private abort = new AbortController();
  private unsubscribe: (() => void) | null = null;
  private lastPurge = 0;

  constructor(options: AlertWorkerOptions) {
    this.opts = options;
    this.instance = options.instance ?? newInstanceId();
    registerLocalInstance(this.instance);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.unsubscribe = onAlertsEnqueued(() => this.kick());
    this.schedule(0);
  }

  /** Look now (or right after the look that is running). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Stops looking, interrupts sends in flight (they stay due) and gives the lease back. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running;
    if (this.holding) {
      this.holding = false;
      const storage = await this.opts.storage().catch(() => null);
      await storage?.releaseLease(ALERTS_LEASE, this.instance).catch(() => {});
    }
  }

  /** Tests: one look now; resolves when it is done. */
  async runOnce(): Promise<void> {
    await this.running;
    await this.look();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.again = false;
      const run = outsideRequest(() => this.look());
      this.running = run
        .catch((err: unknown) => {
          this.opts.logger.warn({ err }, "alert delivery check failed");
          return this.opts.pollMs ?? 5_000;
        })
        .then((next) => {
          this.running = null;
          this.schedule(this.again ? 0 : (next ?? this.opts.pollMs ?? 5_000));
        });
    }, ms);
    this.timer.unref?.();
  }

  private async takeLease(storage: Storage): Promise<boolean> {
    const ttl = this.opts.leaseTtlMs ?? 60_000;
    let taken = await storage.acquireLease(ALERTS_LEASE, this.instance, ttl);
    if (!taken) {
      const lease = await storage.getLease(ALERTS_LEASE);
      if (lease && isDeadLocalInstance(lease.holder))
        taken = await storage.acquireLease(ALERTS_LEASE, this.instance, ttl, {
          takeOverFrom: lease.holder,
        });
    }
    if (taken !== this.holding)
      this.opts.logger.info(
        { instance: this.instance },
        taken ? "delivering alerts from this instance" : "another instance delivers alerts",
      );
    this.holding = taken;
    return taken;
  }

  /** One look: send what is due while holding the lease; returns ms until the next look. */
  private async look(): Promise<number> {
    const pollMs = this.opts.pollMs ?? 5_000;
    const storage = await this.opts.storage();
    if (this.stopped || !(await this.takeLease(storage))) return pollMs;
    const deps: DeliverDeps = {
      storage,
      policy: this.opts.policy ?? DEFAULT_RETRY_POLICY,
      settings: this.opts.settings,
      webhookTimeoutMs: this.opts.webhookTimeoutMs,
      signal: this.abort.signal,
    };
    const batchSize = this.opts.batchSize ?? 20;
    // Renewed while sending (a batch of slow receivers may take longer than the lease lives); once
    // another instance has it, nothing more is sent from here.
    const ttl = this.opts.leaseTtlMs ?? 60_000;
    const renewal = setInterval(() => {
      void this.takeLease(storage).catch(() => {
        this.holding = false;
      });
    }, ttl / 3);
    renewal.unref?.();
    try {
      for (;;) {
        if (this.stopped || !this.holding) return pollMs;
        const due = await storage.listDueAlertDeliveries({
          now: new Date().toISOString(),
          limit: batchSize,
        });
        if (due.length === 0) break;
        await this.sendAll(due, deps, storage);
        if (!(await this.takeLease(storage))) return pollMs;
        if (due.length < batchSize) break;
      }
    } finally {
      clearInterval(renewal);
    }
    await this.purge(storage);
    const next = await storage.nextAlertDeliveryDue();
    if (next === null) return pollMs;
    return Math.min(pollMs, Math.max(0, Date.parse(next) - Date.now()));
  }

  private async sendAll(
    due: AlertDeliveryRecord[],
    deps: DeliverDeps,
    storage: Storage,
  ): Promise<void> {
    const queue = [...due];
    const concurrency = Math.max(1, this.opts.concurrency ?? 4);
    const worker = async () => {
      for (let listed = queue.shift(); listed; listed = queue.shift()) {
        if (this.stopped || !this.holding) return;
        // As it is now: an instance that held the lease before may have sent it meanwhile.
        const d = await storage.getAlertDelivery(listed.id);
        if (
          !d ||
          d.attempts !== listed.attempts ||
          (d.status !== "pending" && d.status !== "retrying")
        )
          continue;
        const done = await attemptDelivery(d, deps).catch((err: unknown) => {
          this.opts.logger.error({ err, deliveryId: d.id }, "could not record an alert delivery");
          return null;
        });
        if (done)
          this.opts.logger[done.status === "sent" ? "info" : "warn"](
            {
              deliveryId: done.id,
              ruleId: done.ruleId,
              channel: done.channelLabel,
              status: done.status,
              attempts: done.attempts,
              ...(done.status === "sent" ? {} : { reason: done.lastError }),
            },
            done.status === "sent" ? "alert delivered" : "alert delivery failed",
          );
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  }

  private async purge(storage: Storage): Promise<void> {
    const now = Date.now();
    if (now - this.lastPurge < 3_600_000) return;
    this.lastPurge = now;
    const before = new Date(now - DELIVERY_LOG_DAYS * 86_400_000).toISOString();
    const removed = await storage.purgeAlertDeliveries(before);
    if (removed > 0)
      this.opts.logger.info({ removed }, "old alert deliveries removed from the log");
  }
}
