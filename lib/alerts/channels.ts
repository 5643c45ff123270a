import "server-only";
import type { AlertChannelConfig } from "@/lib/db/types";
import { newChannelId, newWebhookSecret } from "./ids";
import type { AlertChannelJson, GeneratedSecret, WebhookFormat } from "./types";

// A rule's channels between the API and the database: a request's channels become stored ones
// (keeping the secret of a webhook channel named by its id, generating one for a new channel given
// none), and stored ones become answers without their secret. Labels name a channel in the
// delivery log and in logs without its URL's path or query (a Slack webhook's path is a credential).

export type ChannelRequest =
  | { type: "webhook"; id?: string; url: string; format: WebhookFormat; secret?: string }
  | { type: "email"; id?: string; to: string[] };

/** "Webhook hooks.slack.com (slack)" / "Email ops@example.com, +2". */
export function channelLabel(channel: AlertChannelConfig | ChannelRequest): string {
  if (channel.type === "email") {
    const [first, ...rest] = channel.to;
    return `Email ${first ?? "(nobody)"}${rest.length ? `, +${rest.length}` : ""}`;
  }
  let host = "(invalid URL)";
  try {
    host = new URL(channel.url).host;
  } catch {
    // kept as is: the schema refuses such URLs, a hand-edited row may still hold one
  }
  return `Webhook ${host} (${channel.format})`;
}

/**
 * The channels to store for `requested`, given the rule's current ones (none for a new rule), and
 * the secrets generated meanwhile (to answer once).
 */
export function resolveChannels(
  requested: readonly ChannelRequest[],
  current: readonly AlertChannelConfig[] = [],
): { channels: AlertChannelConfig[]; secrets: GeneratedSecret[] } {
  const byId = new Map(current.map((c) => [c.id, c]));
  const used = new Set<string>();
  const secrets: GeneratedSecret[] = [];
  const channels = requested.map((req, index): AlertChannelConfig => {
    const previous = req.id && !used.has(req.id) ? byId.get(req.id) : undefined;
    let id = previous?.id ?? newChannelId();
    while (used.has(id)) id = newChannelId();
    used.add(id);
    if (req.type === "email") return { id, type: "email", to: [...req.to] };
    let secret = req.secret;
    if (secret === undefined && previous?.type === "webhook") secret = previous.secret;
    if (secret === undefined) {
      secret = newWebhookSecret();
      secrets.push({ channelId: id, channel: index, secret });
    }
    return { id, type: "webhook", url: req.url, format: req.format, secret };
  });
  return { channels, secrets };
}

/** A stored channel as answered: the secret only as `hasSecret`. */
export function channelJson(channel: AlertChannelConfig): AlertChannelJson {
  return channel.type === "email"
    ? { id: channel.id, type: "email", to: [...channel.to], label: channelLabel(channel) }
    : {
        id: channel.id,
        type: "webhook",
        url: channel.url,
        format: channel.format,
        hasSecret: channel.secret.length > 0,
        label: channelLabel(channel),
      };
}

/** Channels for the audit log: where they send (a webhook by host only), never a secret. */
export function auditChannels(channels: readonly AlertChannelConfig[]) {
  return channels.map((c) =>
    c.type === "email"
      ? { id: c.id, type: c.type, to: c.to }
      : { id: c.id, type: c.type, label: channelLabel(c), format: c.format },
  );
}
