// The JSON webhook body (format "json"), documented in docs/alerts.md: the message plus the
// delivery's id (the same on every retry: receivers dedupe on it), when it was sent and, per
// event, a link to the tenant in Tenant Atlas. Pure.
import type { AlertEventJson, AlertMessage } from "../message";
import { tenantUrl } from "./links";

export interface WebhookJsonBody extends Omit<AlertMessage, "version" | "events"> {
  type: "tenant-atlas.alert";
  version: 1;
  deliveryId: number;
  /** This attempt's time (ISO). */
  sentAt: string;
  test: boolean;
  events: (AlertEventJson & { url: string | null })[];
}

export interface RenderContext {
  deliveryId: number;
  sentAt: string;
  /** NEXTAUTH_URL, for links; null leaves them out. */
  appUrl: string | null;
}

export function renderJson(message: AlertMessage, ctx: RenderContext): WebhookJsonBody {
  const { version: _version, events, ...rest } = message;
  return {
    type: "tenant-atlas.alert",
    version: 1,
    deliveryId: ctx.deliveryId,
    sentAt: ctx.sentAt,
    test: message.kind === "test",
    ...rest,
    events: events.map((e) => ({ ...e, url: tenantUrl(ctx.appUrl, e.tenant.id) })),
  };
}
