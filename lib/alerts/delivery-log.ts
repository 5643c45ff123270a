import "server-only";
import { notFound } from "@/lib/api/errors";
import { getStorage } from "@/lib/db/storage";
import { toDeliveryJson } from "./json";
import type { AlertDeliveriesResponse, DeliveryStatus } from "./types";

// The delivery log as GET /api/alerts/deliveries answers it: newest first, by rule and status.

export async function listAlertDeliveries(query: {
  rule?: string;
  status?: DeliveryStatus;
  cursor?: string;
  limit?: number;
}): Promise<AlertDeliveriesResponse> {
  const storage = await getStorage();
  if (query.rule && !(await storage.getAlertRule(query.rule)))
    throw notFound(`No alert rule with id ${query.rule}.`);
  const page = await storage.listAlertDeliveries({
    ruleId: query.rule ?? null,
    status: query.status ?? null,
    cursor: query.cursor ?? null,
    limit: query.limit,
  });
  return { deliveries: page.items.map(toDeliveryJson), nextCursor: page.nextCursor };
}
