// A Microsoft Teams body (format "teams"): a message with one Adaptive Card attachment, the shape
// Teams' Workflows ("When a Teams webhook request is received") post to a channel. Text blocks
// render a Markdown subset, so names are escaped (a tenant called "[x](https://…)" stays text). Pure.
import type { AlertMessage } from "../message";
import { rulesUrl, tenantUrl } from "./links";
import { contextLine, messageTitle, moreLine } from "./text";
import type { RenderContext } from "./json";

/** Backslash before what could format or link (CommonMark escapes, which Teams honours). */
const escapeMarkdown = (s: string) => s.replace(/([\\`*_[\]()<>~])/g, "\\$1");
/** Cards beyond ~28 KB are refused; 50 event lines keep it well under. */
const MAX_LINES = 50;

export function renderTeams(message: AlertMessage, ctx: RenderContext) {
  const shown = message.events.slice(0, MAX_LINES);
  const more = message.eventCount - shown.length;
  const lines = shown.map((e) => {
    const url = tenantUrl(ctx.appUrl, e.tenant.id);
    const text = `- ${escapeMarkdown(e.summary)}`;
    return url ? `${text} ([open](${url}))` : text;
  });
  const moreText = more > 0 ? `… and ${more} more` : moreLine(message);
  const rules = rulesUrl(ctx.appUrl);
  const card = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body: [
      {
        type: "TextBlock",
        size: "Medium",
        weight: "Bolder",
        wrap: true,
        text: escapeMarkdown(messageTitle(message)),
      },
      ...(message.eventCount > 1
        ? [{ type: "TextBlock", wrap: true, text: escapeMarkdown(message.summary) }]
        : []),
      { type: "TextBlock", wrap: true, text: lines.join("\n") },
      ...(moreText ? [{ type: "TextBlock", wrap: true, isSubtle: true, text: moreText }] : []),
      {
        type: "TextBlock",
        wrap: true,
        isSubtle: true,
        size: "Small",
        text: escapeMarkdown(contextLine(message)),
      },
    ],
    actions: rules ? [{ type: "Action.OpenUrl", title: "Alert rules", url: rules }] : [],
  };
  return {
    type: "message",
    summary: `${messageTitle(message)}: ${message.summary}`.slice(0, 250),
    attachments: [
      { contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card },
    ],
  };
}
