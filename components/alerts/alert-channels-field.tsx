"use client";

// Where a rule's messages go: webhooks (URL, body format, signing secret) and email recipients.
// A webhook's secret is write-only: an existing one is kept unless a new one is typed; a new
// channel without one gets a generated secret, shown once after saving.
import { Mail, Plus, Trash2, Webhook } from "lucide-react";
import { useId } from "react";
import { MAX_CHANNELS, WEBHOOK_FORMATS, type WebhookFormat } from "@/lib/alerts/types";
import { selectClass } from "@/components/shares/expiry-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { newEmail, newWebhook, type ChannelDraft } from "./rule-draft";

const FORMAT_LABELS: Record<WebhookFormat, string> = {
  json: "JSON (Tenant Atlas)",
  slack: "Slack-compatible",
  teams: "Microsoft Teams-compatible",
};

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="text-xs text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

function ChannelEditor({
  channel,
  index,
  onChange,
  onRemove,
  canRemove,
  errors,
}: {
  channel: ChannelDraft;
  index: number;
  onChange: (next: ChannelDraft) => void;
  onRemove: () => void;
  canRemove: boolean;
  errors: Record<string, string>;
}) {
  const id = useId();
  const err = (field: string) => errors[`channels.${index}.${field}`];
  const described = (field: string) => (err(field) ? `${id}-${field}-error` : undefined);
  const title = channel.type === "webhook" ? `Webhook ${index + 1}` : `Email ${index + 1}`;
  return (
    <fieldset
      className="grid gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="rule-channel"
      data-channel-type={channel.type}
    >
      <legend className="flex items-center gap-1.5 px-1 text-sm font-medium">
        {channel.type === "webhook" ? (
          <Webhook aria-hidden className="size-4" />
        ) : (
          <Mail aria-hidden className="size-4" />
        )}
        {title}
      </legend>
      {channel.type === "webhook" ? (
        <>
          <div className="grid gap-1">
            <label htmlFor={`${id}-url`} className="text-sm">
              URL
            </label>
            <Input
              id={`${id}-url`}
              type="url"
              value={channel.url}
              placeholder="https://hooks.example.com/…"
              onChange={(e) => onChange({ ...channel, url: e.target.value })}
              aria-invalid={err("url") ? true : undefined}
              aria-describedby={described("url")}
              data-testid="channel-url"
            />
            <FieldError id={`${id}-url-error`} message={err("url") && `URL ${err("url")}.`} />
          </div>
          <div className="flex flex-wrap gap-3">
            <div className="grid gap-1">
              <label htmlFor={`${id}-format`} className="text-sm">
                Body format
              </label>
              <select
                id={`${id}-format`}
                className={selectClass}
                value={channel.format}
                onChange={(e) => onChange({ ...channel, format: e.target.value as WebhookFormat })}
                data-testid="channel-format"
              >
                {WEBHOOK_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {FORMAT_LABELS[f]}
                  </option>
                ))}
              </select>
            </div>
            <div className="grid min-w-56 flex-1 gap-1">
              <label htmlFor={`${id}-secret`} className="text-sm">
                Signing secret
              </label>
              <Input
                id={`${id}-secret`}
                type="password"
                autoComplete="new-password"
                value={channel.secret}
                placeholder={
                  channel.hasSecret ? "Keep the current secret" : "Leave empty to generate one"
                }
                onChange={(e) => onChange({ ...channel, secret: e.target.value })}
                aria-invalid={err("secret") ? true : undefined}
                aria-describedby={`${id}-secret-hint${err("secret") ? ` ${id}-secret-error` : ""}`}
                data-testid="channel-secret"
              />
              <p id={`${id}-secret-hint`} className="text-xs text-zinc-700 dark:text-zinc-300">
                Signs each body: <code>X-Atlas-Signature: sha256=…</code>. At least 16 characters.
              </p>
              <FieldError
                id={`${id}-secret-error`}
                message={err("secret") && `Secret ${err("secret")}.`}
              />
            </div>
          </div>
        </>
      ) : (
        <div className="grid gap-1">
          <label htmlFor={`${id}-to`} className="text-sm">
            Recipients
          </label>
          <Input
            id={`${id}-to`}
            type="text"
            value={channel.to}
            placeholder="ops@example.com, billing@example.com"
            onChange={(e) => onChange({ ...channel, to: e.target.value })}
            aria-invalid={err("to") ? true : undefined}
            aria-describedby={`${id}-to-hint${err("to") ? ` ${id}-to-error` : ""}`}
            data-testid="channel-to"
          />
          <p id={`${id}-to-hint`} className="text-xs text-zinc-700 dark:text-zinc-300">
            Comma-separated. Sent over the server&apos;s SMTP settings (SMTP_URL, ALERTS_FROM).
          </p>
          <FieldError id={`${id}-to-error`} message={err("to") && `Recipients ${err("to")}.`} />
        </div>
      )}
      {canRemove ? (
        <div>
          <Button variant="ghost" size="sm" onClick={onRemove}>
            <Trash2 aria-hidden />
            Remove {title.toLowerCase()}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}

export function AlertChannelsField({
  channels,
  onChange,
  errors,
}: {
  channels: ChannelDraft[];
  onChange: (channels: ChannelDraft[]) => void;
  errors: Record<string, string>;
}) {
  const full = channels.length >= MAX_CHANNELS;
  return (
    <div className="grid gap-2">
      <p className="text-sm font-medium">Channels</p>
      {channels.map((c, i) => (
        <ChannelEditor
          key={c.key}
          channel={c}
          index={i}
          canRemove={channels.length > 1}
          errors={errors}
          onChange={(next) => onChange(channels.map((x, j) => (j === i ? next : x)))}
          onRemove={() => onChange(channels.filter((_, j) => j !== i))}
        />
      ))}
      {errors.channels ? (
        <p className="text-xs text-red-700 dark:text-red-400">Channels {errors.channels}.</p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" disabled={full} onClick={() => onChange([...channels, newWebhook()])}>
          <Plus aria-hidden />
          Add webhook
        </Button>
        <Button size="sm" disabled={full} onClick={() => onChange([...channels, newEmail()])}>
          <Plus aria-hidden />
          Add email
        </Button>
      </div>
    </div>
  );
}
