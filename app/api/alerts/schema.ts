import { z } from "zod";
import {
  ALERT_CHANNEL_ID,
  ALERT_RULE_ID,
  DELIVERY_STATUSES,
  MAX_CHANNELS,
  MAX_EMAIL_RECIPIENTS,
  MAX_LICENSE_DAYS,
  MIN_LICENSE_DAYS,
  WEBHOOK_FORMATS,
} from "@/lib/alerts/types";
import { scopeView } from "@/lib/shares/scope";
import { parseViewParams, ViewParamsError, viewToSearchParams } from "@/lib/tenants/view-codec";

// Requests of /api/alerts (rules, test, deliveries). Client-safe: the /alerts pages validate their
// forms with these. Answers are typed in lib/alerts/types.ts (AlertRuleJson, AlertDeliveryJson…).
// Unknown fields are refused everywhere (a typo must not silently widen a rule).
//
//   POST  /api/alerts/rules             createAlertRuleSchema → 201 AlertRuleWriteResponse
//   GET   /api/alerts/rules             → AlertRulesResponse
//   PATCH /api/alerts/rules/{id}        updateAlertRuleSchema → AlertRuleWriteResponse
//   DELETE /api/alerts/rules/{id}       → 204
//   POST  /api/alerts/rules/{id}/test   (no body) → AlertTestResponse
//   GET   /api/alerts/deliveries        listDeliveriesQuerySchema → AlertDeliveriesResponse

export const alertRuleName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters");

/**
 * A view's query string (a leading `?` is fine), as a share link's scope: only its filters count;
 * sort, group, offset and limit are dropped. Becomes the canonical filter string ("" = everything).
 */
export const alertScope = z
  .string()
  .max(4000, "must be at most 4,000 characters")
  .transform((text, ctx) => {
    try {
      const { view } = parseViewParams(new URLSearchParams(text.trim().replace(/^\?/, "")));
      return viewToSearchParams(scopeView(view)).toString();
    } catch (error) {
      if (!(error instanceof ViewParamsError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
      return z.NEVER;
    }
  });

const statusValue = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z_-]{1,31}$/, "must be a status such as active, disabled, deleted");

export const alertTriggerSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("licenseEndsWithin"),
      days: z
        .number()
        .int("must be a whole number of days")
        .min(MIN_LICENSE_DAYS, `must be at least ${MIN_LICENSE_DAYS}`)
        .max(MAX_LICENSE_DAYS, `must be at most ${MAX_LICENSE_DAYS}`),
    }),
    z.strictObject({ kind: z.literal("deletionScheduled") }),
    z.strictObject({
      kind: z.literal("statusChanged"),
      /** Only changes to one of these statuses; absent or empty: any status change. */
      to: z
        .array(statusValue)
        .max(16)
        .transform((list) => [...new Set(list)])
        .optional(),
    }),
    z.strictObject({ kind: z.literal("tenantAdded") }),
    z.strictObject({ kind: z.literal("tenantRemoved") }),
    z.strictObject({ kind: z.literal("renamedOrMoved") }),
  ],
  {
    error: `must have a kind: licenseEndsWithin, deletionScheduled, statusChanged, tenantAdded, tenantRemoved or renamedOrMoved`,
  },
);

export const webhookUrl = z
  .string()
  .trim()
  .max(2000, "must be at most 2,000 characters")
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL")
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.username === "" && url.password === "";
    } catch {
      return true;
    }
  }, "must not carry a user name or password");

/** Write-only: stored, used to sign, never answered (rules show `hasSecret`). */
export const webhookSecret = z
  .string()
  .min(16, "must be at least 16 characters")
  .max(256, "must be at most 256 characters")
  .refine((s) => !/\p{Cc}/u.test(s), "must not contain control characters");

export const webhookChannelSchema = z.strictObject({
  type: z.literal("webhook"),
  /**
   * In a PATCH: the id of a channel the rule already has, to keep its stored secret when `secret`
   * is absent. A channel without `id` (or an unknown one) is new.
   */
  id: z.string().regex(ALERT_CHANNEL_ID, 'is not a channel id ("ch_" and 8 characters)').optional(),
  url: webhookUrl,
  format: z.enum(WEBHOOK_FORMATS).default("json"),
  /** Absent on a new channel: the server generates one and answers it once (`secrets`). */
  secret: webhookSecret.optional(),
});

export const emailChannelSchema = z.strictObject({
  type: z.literal("email"),
  id: z.string().regex(ALERT_CHANNEL_ID, 'is not a channel id ("ch_" and 8 characters)').optional(),
  to: z
    .array(z.string().trim().toLowerCase().pipe(z.email("must be an email address")))
    .min(1, "needs at least one address")
    .max(MAX_EMAIL_RECIPIENTS, `must have at most ${MAX_EMAIL_RECIPIENTS} addresses`)
    .transform((list) => [...new Set(list)]),
});

export const alertChannelSchema = z.discriminatedUnion(
  "type",
  [webhookChannelSchema, emailChannelSchema],
  { error: 'must have a type: "webhook" or "email"' },
);

export const alertChannelsSchema = z
  .array(alertChannelSchema)
  .min(1, "needs at least one channel")
  .max(MAX_CHANNELS, `must have at most ${MAX_CHANNELS} channels`);

export const createAlertRuleSchema = z.strictObject({
  name: alertRuleName,
  /** Default: every tenant. */
  scope: alertScope.default(""),
  trigger: alertTriggerSchema,
  channels: alertChannelsSchema,
  digest: z.boolean().default(false),
  enabled: z.boolean().default(true),
});

/** Any subset of a rule's fields; `channels`, when given, replaces the whole list. */
export const updateAlertRuleSchema = z
  .strictObject({
    name: alertRuleName.optional(),
    scope: alertScope.optional(),
    trigger: alertTriggerSchema.optional(),
    channels: alertChannelsSchema.optional(),
    digest: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "nothing to change: give name, scope, trigger, channels, digest or enabled",
  });

export const alertRuleIdParams = z.object({
  id: z.string().regex(ALERT_RULE_ID, 'is not an alert rule id ("alr_" and 16 characters)'),
});

export const listDeliveriesQuerySchema = z.strictObject({
  /** Only this rule's deliveries. */
  rule: z
    .string()
    .regex(ALERT_RULE_ID, 'is not an alert rule id ("alr_" and 16 characters)')
    .optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  /** From a previous answer's nextCursor. */
  cursor: z.string().max(200).optional(),
  /** 1–200, default 50. */
  limit: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .optional(),
});

export type CreateAlertRuleInput = z.input<typeof createAlertRuleSchema>;
export type CreateAlertRuleBody = z.output<typeof createAlertRuleSchema>;
export type UpdateAlertRuleInput = z.input<typeof updateAlertRuleSchema>;
export type UpdateAlertRuleBody = z.output<typeof updateAlertRuleSchema>;
export type AlertChannelInput = z.input<typeof alertChannelSchema>;
export type AlertChannelBody = z.output<typeof alertChannelSchema>;
export type AlertTriggerBody = z.output<typeof alertTriggerSchema>;
