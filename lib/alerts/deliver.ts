import "server-only";
import type { AlertDeliveryRecord, Storage } from "@/lib/db/types";
import { recordAlertDelivery } from "@/lib/observability/metrics";
import { parseMessage } from "./message";
import { renderEmail, renderWebhookBody, type RenderContext } from "./render";
import { describePolicy, nextAttemptAt, type RetryPolicy } from "./retry";
import { sendEmail, type EmailSettings } from "./send/email";
import type { SendResult } from "./send/result";
import { sendWebhook } from "./send/webhook";

// One try at one delivery: find the rule's channel (by id: the rule may have been edited since),
// render the stored message for it, send, and record the try in the delivery's log. A failure is
// retried on the policy's schedule (./retry.ts) until it gives up; a test is tried once.

export interface DeliverDeps {
  storage: Storage;
  policy: RetryPolicy;
  /** SMTP_URL, ALERTS_FROM and NEXTAUTH_URL (links), read when sending. */
  settings: () => EmailSettings & { NEXTAUTH_URL?: string };
  webhookTimeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

async function send(
  delivery: AlertDeliveryRecord,
  deps: DeliverDeps,
  sentAt: string,
): Promise<SendResult> {
  const rule = await deps.storage.getAlertRule(delivery.ruleId);
  if (!rule) return { ok: false, error: "The rule was deleted.", permanent: true };
  if (!rule.enabled && delivery.kind !== "test")
    return { ok: false, error: "The rule was disabled before this was sent.", permanent: true };
  const channel = rule.channels.find((c) => c.id === delivery.channelId);
  if (!channel)
    return { ok: false, error: "The channel was removed from the rule.", permanent: true };
  const message = parseMessage(delivery.payload);
  if (!message) return { ok: false, error: "The stored message is unreadable.", permanent: true };
  const settings = deps.settings();
  const ctx: RenderContext = {
    deliveryId: delivery.id,
    sentAt,
    appUrl: settings.NEXTAUTH_URL ?? null,
  };
  if (channel.type === "email") return sendEmail(settings, channel.to, renderEmail(message, ctx));
  return sendWebhook({
    url: channel.url,
    secret: channel.secret,
    body: renderWebhookBody(channel.format, message, ctx),
    deliveryId: delivery.id,
    timeoutMs: deps.webhookTimeoutMs,
    signal: deps.signal,
  });
}

/**
 * Tries `delivery` once and records the outcome; `retry: false` (tests) fails at once. Null when
 * the delivery no longer exists or the try was interrupted by `deps.signal` (nothing recorded).
 */
export async function attemptDelivery(
  delivery: AlertDeliveryRecord,
  deps: DeliverDeps,
  options: { retry: boolean } = { retry: true },
): Promise<AlertDeliveryRecord | null> {
  const now = deps.now ?? Date.now;
  const started = now();
  const at = new Date(started).toISOString();
  let result: SendResult;
  try {
    result = await send(delivery, deps, at);
  } catch (error) {
    result = { ok: false, error: `Unexpected error: ${(error as Error)?.message ?? "unknown"}` };
  }
  // Interrupted by a shutdown: not a try of the receiver; it stays due for the next holder.
  if (!result.ok && deps.signal?.aborted) return null;
  const durationMs = Math.max(0, now() - started);
  if (result.ok) {
    recordAlertDelivery(delivery.channelType, "sent");
    return deps.storage.recordAlertDeliveryAttempt(delivery.id, {
      attempt: { at, ok: true, httpStatus: result.httpStatus, durationMs },
      status: "sent",
      nextAttemptAt: null,
    });
  }
  const failures = delivery.attempts + 1;
  const next =
    options.retry && !result.permanent
      ? nextAttemptAt(deps.policy, failures, Date.parse(delivery.createdAt), now())
      : null;
  const gaveUp = options.retry && !result.permanent && next === null;
  recordAlertDelivery(delivery.channelType, next === null ? "failed" : "retrying");
  return deps.storage.recordAlertDeliveryAttempt(delivery.id, {
    attempt: {
      at,
      ok: false,
      httpStatus: result.httpStatus,
      error: gaveUp
        ? `${result.error} (gave up after ${failures} tries over ${describePolicy(deps.policy)})`
        : result.error,
      durationMs,
    },
    status: next === null ? "failed" : "retrying",
    nextAttemptAt: next === null ? null : new Date(next).toISOString(),
  });
}
