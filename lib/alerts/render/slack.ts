// A Slack incoming-webhook body (format "slack"): `text` (notifications, and clients without
// blocks) and `blocks` (header, summary, the events as a list with links, context). Names are
// escaped (& < >) so a tenant called "<!channel>" cannot ping anyone or forge a link. Pure.
import type { AlertMessage } from "../message";
import { tenantUrl } from "./links";
import { contextLine, messageTitle, moreLine } from "./text";
import type { RenderContext } from "./json";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
/** Slack's limit for a section's text is 3,000 characters. */
const SECTION_LIMIT = 2_900;
/** A message has at most 50 blocks; keep room for header, summary and context. */
const MAX_LIST_BLOCKS = 40;

export function renderSlack(message: AlertMessage, ctx: RenderContext) {
  const lines = message.events.map((e) => {
    const url = tenantUrl(ctx.appUrl, e.tenant.id);
    const summary = escape(e.summary);
    return url ? `• ${summary} (<${url}|open>)` : `• ${summary}`;
  });
  const more = moreLine(message);
  if (more) lines.push(more);
  const sections: string[] = [];
  let current = "";
  for (const line of lines) {
    const clipped = line.length > SECTION_LIMIT ? `${line.slice(0, SECTION_LIMIT - 1)}…` : line;
    if (current && current.length + clipped.length + 1 > SECTION_LIMIT) {
      sections.push(current);
      current = "";
    }
    current = current ? `${current}\n${clipped}` : clipped;
  }
  if (current) sections.push(current);
  const listBlocks = sections.slice(0, MAX_LIST_BLOCKS).map((text) => ({
    type: "section",
    text: { type: "mrkdwn", text },
  }));
  return {
    text: escape(`${messageTitle(message)}: ${message.summary}`),
    blocks: [
      {
        type: "header",
        text: { type: "plain_text", text: messageTitle(message).slice(0, 150), emoji: false },
      },
      ...(message.eventCount > 1
        ? [{ type: "section", text: { type: "mrkdwn", text: `*${escape(message.summary)}*` } }]
        : []),
      ...listBlocks,
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: escape(contextLine(message)).slice(0, 2_000) }],
      },
    ],
  };
}
