// An alert as email: subject, plain text and HTML. Every value from Qlik or a user (tenant names,
// rule names, hostnames) is HTML-escaped in the HTML part; the subject has no line breaks. Pure.
import type { AlertMessage } from "../message";
import { rulesUrl, tenantUrl } from "./links";
import { APP_NAME, contextLine, messageTitle, moreLine } from "./text";
import type { RenderContext } from "./json";

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const oneLine = (s: string) => s.replace(/[\p{Cc}]+/gu, " ").trim();

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export function renderEmail(message: AlertMessage, ctx: RenderContext): EmailContent {
  const subject = oneLine(`[${APP_NAME}] ${message.rule.name}: ${message.summary}`).slice(0, 200);
  const more = moreLine(message);
  const rules = rulesUrl(ctx.appUrl);

  const textLines = [messageTitle(message), "", message.eventCount > 1 ? message.summary : null]
    .filter((l): l is string => l !== null)
    .concat(
      message.events.map((e) => {
        const url = tenantUrl(ctx.appUrl, e.tenant.id);
        return `- ${oneLine(e.summary)}${url ? `\n  ${url}` : ""}`;
      }),
    );
  if (more) textLines.push(more);
  textLines.push("", contextLine(message));
  if (rules) textLines.push(`Alert rules: ${rules}`);
  if (message.kind === "test") textLines.push("", "This is a test message sent with “Send test”.");

  const items = message.events
    .map((e) => {
      const url = tenantUrl(ctx.appUrl, e.tenant.id);
      const summary = escapeHtml(e.summary);
      return `<li style="margin:4px 0">${url ? `<a href="${escapeHtml(url)}">${summary}</a>` : summary}</li>`;
    })
    .join("");
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111;line-height:1.45">`,
    `<h2 style="font-size:18px;margin:0 0 8px">${escapeHtml(messageTitle(message))}</h2>`,
    message.eventCount > 1
      ? `<p style="margin:0 0 8px"><strong>${escapeHtml(message.summary)}</strong></p>`
      : "",
    `<ul style="padding-left:20px;margin:0 0 8px">${items}</ul>`,
    more ? `<p style="margin:0 0 8px">${escapeHtml(more)}</p>` : "",
    `<p style="color:#555;font-size:13px;margin:12px 0 0">${escapeHtml(contextLine(message))}</p>`,
    rules
      ? `<p style="color:#555;font-size:13px;margin:4px 0 0"><a href="${escapeHtml(rules)}">Alert rules</a></p>`
      : "",
    message.kind === "test"
      ? `<p style="color:#555;font-size:13px;margin:4px 0 0">This is a test message sent with “Send test”.</p>`
      : "",
    `</body></html>`,
  ].join("");
  return { subject, text: textLines.join("\n"), html };
}
