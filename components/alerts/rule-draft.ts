// The rule form's state, and its way to and from the API: a draft from a rule (edit) or from an
// explorer view (new), the request body it makes, and the API's own schema's verdict on it,
// keyed by field ("name", "scope", "trigger.days", "channels.0.url"…). Client-safe, pure.
import { createAlertRuleSchema, type CreateAlertRuleInput } from "@/app/api/alerts/schema";
import type { AlertRuleJson, AlertTrigger, TriggerKind, WebhookFormat } from "@/lib/alerts/types";

export type ChannelDraft =
  | {
      key: string;
      type: "webhook";
      /** Set for a channel the rule has: sent back so the server keeps its secret. */
      id?: string;
      url: string;
      format: WebhookFormat;
      /** Empty: keep the stored one (existing channel) or let the server make one (new). */
      secret: string;
      hasSecret: boolean;
    }
  | { key: string; type: "email"; id?: string; to: string };

export interface RuleDraft {
  name: string;
  scope: string;
  kind: TriggerKind;
  /** The "N days" of licenseEndsWithin, as typed. */
  days: string;
  /** statusChanged: only to these (none: any change). */
  statuses: string[];
  channels: ChannelDraft[];
  digest: boolean;
  enabled: boolean;
}

let nextKey = 0;
const key = () => `c${++nextKey}`;

export const newWebhook = (): ChannelDraft => ({
  key: key(),
  type: "webhook",
  url: "",
  format: "json",
  secret: "",
  hasSecret: false,
});
export const newEmail = (): ChannelDraft => ({ key: key(), type: "email", to: "" });

export const DEFAULT_DAYS = 30;

function triggerFields(
  trigger: AlertTrigger | null,
): Pick<RuleDraft, "kind" | "days" | "statuses"> {
  return {
    kind: trigger?.kind ?? "licenseEndsWithin",
    days: String(trigger?.kind === "licenseEndsWithin" ? trigger.days : DEFAULT_DAYS),
    statuses: trigger?.kind === "statusChanged" ? [...(trigger.to ?? [])] : [],
  };
}

export function draftForNewRule(scope: string, trigger: AlertTrigger | null): RuleDraft {
  return {
    name: "",
    scope,
    ...triggerFields(trigger),
    channels: [newWebhook()],
    digest: false,
    enabled: true,
  };
}

export function draftFromRule(rule: AlertRuleJson): RuleDraft {
  return {
    name: rule.name,
    scope: rule.scope,
    ...triggerFields(rule.trigger),
    channels: rule.channels.map((c): ChannelDraft =>
      c.type === "webhook"
        ? {
            key: key(),
            type: "webhook",
            id: c.id,
            url: c.url,
            format: c.format,
            secret: "",
            hasSecret: c.hasSecret,
          }
        : { key: key(), type: "email", id: c.id, to: c.to.join(", ") },
    ),
    digest: rule.digest,
    enabled: rule.enabled,
  };
}

/** "a@x.com, b@y.com; c@z.com" → the addresses. */
export const splitAddresses = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function triggerBody(draft: RuleDraft): CreateAlertRuleInput["trigger"] {
  switch (draft.kind) {
    case "licenseEndsWithin": {
      const days = draft.days.trim() === "" ? Number.NaN : Number(draft.days);
      return { kind: "licenseEndsWithin", days };
    }
    case "statusChanged":
      return draft.statuses.length
        ? { kind: "statusChanged", to: [...draft.statuses] }
        : { kind: "statusChanged" };
    default:
      return { kind: draft.kind };
  }
}

/** The request body (POST, or the whole PATCH of an edit). */
export function ruleBody(draft: RuleDraft): CreateAlertRuleInput {
  return {
    name: draft.name,
    scope: draft.scope,
    trigger: triggerBody(draft),
    channels: draft.channels.map((c) =>
      c.type === "webhook"
        ? {
            type: "webhook" as const,
            ...(c.id ? { id: c.id } : {}),
            url: c.url,
            format: c.format,
            ...(c.secret ? { secret: c.secret } : {}),
          }
        : { type: "email" as const, ...(c.id ? { id: c.id } : {}), to: splitAddresses(c.to) },
    ),
    digest: draft.digest,
    enabled: draft.enabled,
  };
}

const FIELD_NAMES: Record<string, string> = {
  name: "Name",
  scope: "Scope",
  trigger: "Trigger",
  "trigger.days": "Days",
  channels: "Channels",
};

/**
 * The API schema's problems with the draft, by field: "name", "scope", "trigger.days",
 * "channels" (the list), "channels.<i>.url", "channels.<i>.secret", "channels.<i>.to". Empty: valid.
 */
export function draftErrors(draft: RuleDraft): Record<string, string> {
  const result = createAlertRuleSchema.safeParse(ruleBody(draft));
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) {
    // An email address's index points into the list: the field is the list.
    const path = issue.path.slice(0, issue.path[0] === "channels" ? 3 : 2).map(String);
    const field = path.join(".");
    if (field in out) continue;
    const message =
      issue.path[0] === "trigger" &&
      issue.path[1] === "days" &&
      Number.isNaN(triggerBodyDays(draft))
        ? "must be a whole number of days"
        : issue.message;
    out[field] = message;
  }
  return out;
}

function triggerBodyDays(draft: RuleDraft): number {
  const t = triggerBody(draft);
  return t.kind === "licenseEndsWithin" ? t.days : 0;
}

/** "Name must not be empty" for the summary line over the form. */
export function describeField(field: string): string {
  const m = /^channels\.(\d+)\.(\w+)$/.exec(field);
  if (m) return `Channel ${Number(m[1]) + 1} ${m[2] === "to" ? "recipients" : m[2]}`;
  return FIELD_NAMES[field] ?? field;
}
