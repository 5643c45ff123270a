// A message in the body a channel sends: JSON, Slack or Teams for webhooks; text + HTML for email.
import type { WebhookFormat } from "../types";
import type { AlertMessage } from "../message";
import { renderJson, type RenderContext } from "./json";
import { renderSlack } from "./slack";
import { renderTeams } from "./teams";

export { renderEmail, escapeHtml, type EmailContent } from "./email";
export { renderJson, type RenderContext, type WebhookJsonBody } from "./json";

/** The webhook request body (JSON text) for `format`. */
export function renderWebhookBody(
  format: WebhookFormat,
  message: AlertMessage,
  ctx: RenderContext,
): string {
  const body =
    format === "slack"
      ? renderSlack(message, ctx)
      : format === "teams"
        ? renderTeams(message, ctx)
        : renderJson(message, ctx);
  return JSON.stringify(body);
}
