// The shapes of alert rules and deliveries as the API answers them, and the choices a rule is made
// of. Client-safe (no server imports): the /alerts pages import these, app/api/alerts/schema.ts
// validates requests against them.

/** What makes a rule fire (docs/alerts.md, "Triggers"). */
export const TRIGGER_KINDS = [
  "licenseEndsWithin",
  "deletionScheduled",
  "statusChanged",
  "tenantAdded",
  "tenantRemoved",
  "renamedOrMoved",
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const MIN_LICENSE_DAYS = 1;
export const MAX_LICENSE_DAYS = 365;

export type AlertTrigger =
  /** A tenant in scope whose license ends within `days` days from now (and has not ended yet). */
  | { kind: "licenseEndsWithin"; days: number }
  /** A tenant in scope with a deletion date (deletionStartsAt) set. */
  | { kind: "deletionScheduled" }
  /** A status change; only to one of `to` when given (any change otherwise). */
  | { kind: "statusChanged"; to?: string[] }
  | { kind: "tenantAdded" }
  | { kind: "tenantRemoved" }
  /** Renamed, or moved to another region or subscription. */
  | { kind: "renamedOrMoved" };

/** Webhook body formats: Atlas's JSON, a Slack incoming-webhook body, a Teams MessageCard. */
export const WEBHOOK_FORMATS = ["json", "slack", "teams"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const CHANNEL_TYPES = ["webhook", "email"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const MAX_CHANNELS = 10;
export const MAX_EMAIL_RECIPIENTS = 20;

/** A channel as the API answers it. A webhook's secret is write-only: only `hasSecret` shows. */
export type AlertChannelJson =
  | {
      /** Stable within the rule (`ch_` + 8 characters): send it back in a PATCH to keep the secret. */
      id: string;
      type: "webhook";
      url: string;
      format: WebhookFormat;
      hasSecret: boolean;
      /** e.g. "Webhook hooks.slack.com (slack)": what logs and the delivery log name. */
      label: string;
    }
  | {
      id: string;
      type: "email";
      to: string[];
      /** e.g. "Email ops@example.com, +1". */
      label: string;
    };

/** A rule as GET/POST/PATCH /api/alerts/rules answer it. */
export interface AlertRuleJson {
  /** `alr_` + 16 URL-safe characters. */
  id: string;
  name: string;
  /** The scope as a view query string (filters only, canonical): paste after `/?` to see it. */
  scope: string;
  /** The same filters as an object, e.g. `{ "region": ["eu-central-1"], "status": ["active"] }`. */
  scopeFilters: Partial<Record<string, string | string[]>>;
  /** e.g. "Region eu-central-1 · Status active"; "Everything" without a filter. */
  scopeSummary: string;
  trigger: AlertTrigger;
  channels: AlertChannelJson[];
  /** One message per rule per sync listing every match (true), or one per tenant and event. */
  digest: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A secret the server made for a webhook channel given without one: answered once, never again. */
export interface GeneratedSecret {
  channelId: string;
  /** Index in the rule's `channels`. */
  channel: number;
  secret: string;
}

/** POST /api/alerts/rules (201) and PATCH /api/alerts/rules/{id}. */
export interface AlertRuleWriteResponse {
  rule: AlertRuleJson;
  /** Present when the server generated secrets: the only time they are sent. */
  secrets?: GeneratedSecret[];
}

export interface AlertRulesResponse {
  rules: AlertRuleJson[];
}

export const DELIVERY_STATUSES = ["pending", "retrying", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** "event": one tenant and event; "digest": every match of one sync; "test": "Send test". */
export const DELIVERY_KINDS = ["event", "digest", "test"] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** One try at sending a delivery. */
export interface DeliveryAttemptJson {
  at: string;
  ok: boolean;
  /** The receiver's HTTP status, when it answered. */
  httpStatus?: number;
  /** Why it failed (no secrets, no response bodies beyond a short excerpt). */
  error?: string;
  durationMs: number;
}

/** One message to one channel of a rule (the outbox entry and its log). */
export interface AlertDeliveryJson {
  id: number;
  ruleId: string;
  /** The rule's name when the message was made. */
  ruleName: string;
  channel: { index: number; id: string; type: ChannelType; label: string };
  kind: DeliveryKind;
  /** e.g. "Acme GmbH: license ends 2026-03-01 (in 20 days)" or "3 tenants: license ends within 30 days". */
  summary: string;
  /** Tenant-events in the message (1 unless a digest). */
  eventCount: number;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** When the next try is due (pending/retrying); null once sent or failed. */
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  /** Every try so far, oldest first. */
  attemptLog: DeliveryAttemptJson[];
}

/** GET /api/alerts/deliveries: newest first, paged by `cursor`. */
export interface AlertDeliveriesResponse {
  deliveries: AlertDeliveryJson[];
  nextCursor: string | null;
}

/** POST /api/alerts/rules/{id}/test: one result per channel, in the rule's channel order. */
export interface AlertTestResponse {
  results: {
    channel: { index: number; id: string; type: ChannelType; label: string };
    status: "sent" | "failed";
    error: string | null;
    deliveryId: number;
  }[];
}

/** A rule's id: `alr_` + 16 URL-safe characters. */
export const ALERT_RULE_ID = /^alr_[A-Za-z0-9_-]{16}$/;
/** A channel's id within a rule. */
export const ALERT_CHANNEL_ID = /^ch_[A-Za-z0-9_-]{8}$/;
