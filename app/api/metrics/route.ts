import { withRoute } from "@/lib/api/with-route";
import { getEnv } from "@/lib/config/env";
import { metricsText, observeSnapshot } from "@/lib/observability/metrics";
import { requireMetricsToken } from "@/lib/observability/metrics-token";
import { getSnapshotInfo } from "@/lib/tenants/snapshot";

export const dynamic = "force-dynamic";

// GET /api/metrics – Prometheus metrics for a scraper holding METRICS_TOKEN; 404 without it, or while the setting is unset
export const GET = withRoute({ role: "public" }, async ({ req }) => {
  requireMetricsToken(req.headers.get("authorization"), getEnv().METRICS_TOKEN);
  observeSnapshot(getSnapshotInfo());
  const { text, contentType } = await metricsText();
  return new Response(text, {
    headers: { "Content-Type": contentType, "Cache-Control": "no-store" },
  });
});
