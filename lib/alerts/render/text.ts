// Plain-text pieces every format shares: the title line and one line per event. Pure.
import type { AlertMessage } from "../message";

export const APP_NAME = "Tenant Atlas";

/** "Tenant Atlas · Licenses ending soon" (+ " (test)"). */
export function messageTitle(message: AlertMessage): string {
  return `${APP_NAME} · ${message.rule.name}${message.kind === "test" ? " (test)" : ""}`;
}

/** "… and 12 more" when the list was cut, else null. */
export function moreLine(message: AlertMessage): string | null {
  const more = message.eventCount - message.events.length;
  return more > 0 ? `… and ${more} more` : null;
}

/** "Scope: Region eu-central-1 · Snapshot 2026-02-01 10:00 UTC". */
export function contextLine(message: AlertMessage): string {
  const parts = [`Scope: ${message.rule.scopeSummary}`];
  if (message.snapshot)
    parts.push(`Sync of ${message.snapshot.takenAt.slice(0, 16).replace("T", " ")} UTC`);
  return parts.join(" · ");
}
