// Alert rules and their deliveries from the browser (/alerts, admins): query keys and options for
// the rule list and the delivery log, and the writes. Types come from the API's own contract
// (lib/alerts/types.ts answers, app/api/alerts/schema.ts requests).
import { queryOptions } from "@tanstack/react-query";
import type { CreateAlertRuleInput, UpdateAlertRuleInput } from "@/app/api/alerts/schema";
import type {
  AlertDeliveriesResponse,
  AlertRulesResponse,
  AlertRuleWriteResponse,
  AlertTestResponse,
} from "@/lib/alerts/types";
import { fetchJson } from "./fetch-json";

export type { CreateAlertRuleInput, UpdateAlertRuleInput };

/** How often an open delivery log asks again (retries and sends happen in the background). */
export const DELIVERY_REFRESH_MS = 5_000;
/** The rule list's "last delivery" column, refreshed less often. */
export const LAST_DELIVERY_REFRESH_MS = 15_000;

export const alertKeys = {
  all: ["alerts"] as const,
  rules: () => ["alerts", "rules"] as const,
  deliveries: (rule: string | null) => ["alerts", "deliveries", rule ?? "all"] as const,
};

export function alertRulesOptions() {
  return queryOptions({
    queryKey: alertKeys.rules(),
    queryFn: ({ signal }) => fetchJson<AlertRulesResponse>("/api/alerts/rules", { signal }),
  });
}

/** The newest deliveries (of one rule, or of every rule), refreshed every `refreshMs`. */
export function alertDeliveriesOptions(rule: string | null, refreshMs: number, limit = 100) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (rule) params.set("rule", rule);
  return queryOptions({
    queryKey: [...alertKeys.deliveries(rule), limit] as const,
    queryFn: ({ signal }) =>
      fetchJson<AlertDeliveriesResponse>(`/api/alerts/deliveries?${params.toString()}`, {
        signal,
      }),
    refetchInterval: refreshMs,
  });
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const rulePath = (id: string) => `/api/alerts/rules/${encodeURIComponent(id)}`;

export function createAlertRule(input: CreateAlertRuleInput): Promise<AlertRuleWriteResponse> {
  return fetchJson<AlertRuleWriteResponse>("/api/alerts/rules", json("POST", input));
}

export function updateAlertRule(
  id: string,
  patch: UpdateAlertRuleInput,
): Promise<AlertRuleWriteResponse> {
  return fetchJson<AlertRuleWriteResponse>(rulePath(id), json("PATCH", patch));
}

export function deleteAlertRule(id: string): Promise<void> {
  return fetchJson<void>(rulePath(id), { method: "DELETE" });
}

export function testAlertRule(id: string): Promise<AlertTestResponse> {
  return fetchJson<AlertTestResponse>(`${rulePath(id)}/test`, { method: "POST" });
}

/** How many tenants a scope selects today (GET /api/tenants, one row). */
export function scopeCountOptions(scope: string) {
  const params = new URLSearchParams(scope);
  params.set("limit", "1");
  return queryOptions({
    queryKey: ["alerts", "scope-count", scope] as const,
    queryFn: ({ signal }) =>
      fetchJson<{ total: number }>(`/api/tenants?${params.toString()}`, { signal }).then(
        (r) => r.total,
      ),
    staleTime: 30_000,
  });
}
