import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { globalSingleton } from "@/lib/runtime/global-singleton";

// The Prometheus metrics GET /api/metrics serves (docs/deploy.md lists them). One registry per
// process: Next.js bundles this module into instrumentation (which runs the sync) and into each
// route, and all of them must count into the registry the metrics route reads. Labels hold
// patterns only (./labels.ts), never a path or a token.

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SYNC_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: "atlas_http_requests_total",
      help: "API requests answered, by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "atlas_http_request_duration_seconds",
      help: "Time until an API answer's status and headers were ready, by route pattern, method and status.",
      labelNames: ["route", "method", "status"] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    syncRuns: new Counter({
      name: "atlas_sync_runs_total",
      help: "Sync runs this instance ran, by outcome (success, failed).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    syncDuration: new Histogram({
      name: "atlas_sync_duration_seconds",
      help: "Duration of the sync runs this instance ran, by outcome.",
      labelNames: ["outcome"] as const,
      buckets: SYNC_BUCKETS,
      registers,
    }),
    snapshotTenants: new Gauge({
      name: "atlas_snapshot_tenants",
      help: "Tenants in the snapshot this instance serves (0 before the first one).",
      registers,
    }),
    snapshotAge: new Gauge({
      name: "atlas_snapshot_age_seconds",
      help: "Seconds since the snapshot this instance serves was taken (NaN before the first one).",
      registers,
    }),
    qlikRequests: new Counter({
      name: "atlas_qlik_requests_total",
      help: "HTTP requests sent to Qlik Cloud, every attempt, by endpoint, method and status (or network, timeout, protocol_error, aborted).",
      labelNames: ["endpoint", "method", "status"] as const,
      registers,
    }),
    qlikRateLimited: new Counter({
      name: "atlas_qlik_rate_limited_total",
      help: "429 answers received from Qlik Cloud, by endpoint.",
      labelNames: ["endpoint"] as const,
      registers,
    }),
    qlikTokenRefreshes: new Counter({
      name: "atlas_qlik_token_refreshes_total",
      help: "Access tokens obtained from Qlik Cloud's /oauth/token.",
      registers,
    }),
    shareOpenings: new Counter({
      name: "atlas_share_link_openings_total",
      help: "Share links opened (page or API), every opening, including the ones the link's own counter skips within an hour.",
      registers,
    }),
    alertDeliveries: new Counter({
      name: "atlas_alert_delivery_attempts_total",
      help: "Tries at sending an alert, by channel type (webhook, email) and outcome (sent, retrying, failed).",
      labelNames: ["channel", "outcome"] as const,
      registers,
    }),
    alertEvaluation: new Histogram({
      name: "atlas_alert_evaluation_seconds",
      help: "Time to evaluate the alert rules after a sync (off the sync's path).",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
  };
}

const metrics = () => globalSingleton("metrics", createMetrics);

export function recordHttpRequest(
  route: string,
  method: string,
  status: number,
  seconds: number,
): void {
  const labels = { route, method, status: String(status) };
  const m = metrics();
  m.httpRequests.inc(labels);
  m.httpDuration.observe(labels, seconds);
}

export function recordSyncRun(outcome: "success" | "failed", ms: number): void {
  const m = metrics();
  m.syncRuns.inc({ outcome });
  m.syncDuration.observe({ outcome }, ms / 1000);
}

/** One exchange with Qlik: `status` is the HTTP status, or why there was none. */
export function recordQlikRequest(
  method: string,
  endpoint: string,
  status: number | "network" | "timeout" | "protocol_error" | "aborted",
): void {
  const m = metrics();
  m.qlikRequests.inc({ endpoint, method, status: String(status) });
  if (status === 429) m.qlikRateLimited.inc({ endpoint });
  if (endpoint === "/oauth/token" && typeof status === "number" && status >= 200 && status < 300)
    m.qlikTokenRefreshes.inc();
}

export function countShareOpening(): void {
  metrics().shareOpenings.inc();
}

/** One try at an alert delivery and where it left the delivery. */
export function recordAlertDelivery(
  channel: "webhook" | "email",
  outcome: "sent" | "retrying" | "failed",
): void {
  metrics().alertDeliveries.inc({ channel, outcome });
}

export function recordAlertEvaluation(ms: number): void {
  metrics().alertEvaluation.observe(ms / 1000);
}

/** Sets the snapshot gauges, right before a scrape reads them. */
export function observeSnapshot(
  snapshot: { takenAt: string | null; tenantCount: number },
  now = Date.now(),
): void {
  const m = metrics();
  m.snapshotTenants.set(snapshot.takenAt ? snapshot.tenantCount : 0);
  const taken = snapshot.takenAt ? Date.parse(snapshot.takenAt) : Number.NaN;
  m.snapshotAge.set(Number.isNaN(taken) ? Number.NaN : Math.max(0, (now - taken) / 1000));
}

/** The registry in Prometheus text format, and the content type to send it with. */
export async function metricsText(): Promise<{ text: string; contentType: string }> {
  const { registry } = metrics();
  return { text: await registry.metrics(), contentType: registry.contentType };
}
