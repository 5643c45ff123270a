// The message an alert sends, before a channel's format: which rule, which tenants, what happened.
// Stored as the delivery's payload (JSON) when the match is recorded and rendered per channel when
// sent (./render/*). Pure; no server imports beyond types.
import type { ChangeKind } from "@/lib/tenants/types";
import type { AlertTrigger, DeliveryKind, TriggerKind } from "./types";

/** A message lists at most this many events; `eventCount` tells how many there were. */
export const MAX_LISTED_EVENTS = 200;

/** The tenant an event is about, as the new snapshot has it (a removed one: as it was). */
export interface AlertTenantJson {
  id: string;
  name: string;
  status: string;
  /** The primary hostname. */
  hostname: string | null;
  regionCode: string;
  countryCode: string;
  subscriptionId: string | null;
  licenseEndsAt: string | null;
  deletionStartsAt: string | null;
}

/** The change-feed entry behind a status, added, removed, renamed or moved event. */
export interface AlertChangeJson {
  id: number;
  kind: ChangeKind;
  before: string | null;
  after: string | null;
  detectedAt: string;
}

export interface AlertEventJson {
  trigger: TriggerKind;
  tenant: AlertTenantJson;
  change: AlertChangeJson | null;
  /** licenseEndsWithin: whole days until the license ends (1 = within a day); otherwise null. */
  daysLeft: number | null;
  /** One line, e.g. "Acme GmbH: license ends 2026-03-01 (in 20 days)". */
  summary: string;
}

export interface AlertMessage {
  version: 1;
  kind: DeliveryKind;
  rule: {
    id: string;
    name: string;
    trigger: AlertTrigger;
    /** The scope as a view query string ("" = every tenant). */
    scope: string;
    scopeSummary: string;
  };
  /** One line: the event's summary, or "3 tenants: …" for a digest. */
  summary: string;
  /** The snapshot (sync) that produced it; null for a test. */
  snapshot: { id: number; takenAt: string } | null;
  /** Events in this message (the list may be shorter: see truncated). */
  eventCount: number;
  events: AlertEventJson[];
  /** True when `events` lists only the first MAX_LISTED_EVENTS. */
  truncated: boolean;
}

const TRIGGER_PHRASES: Record<TriggerKind, (t: AlertTrigger) => string> = {
  licenseEndsWithin: (t) =>
    `license ends within ${t.kind === "licenseEndsWithin" ? t.days : "?"} days`,
  deletionScheduled: () => "deletion scheduled",
  statusChanged: (t) =>
    t.kind === "statusChanged" && t.to?.length
      ? `status changed to ${t.to.join(" or ")}`
      : "status changed",
  tenantAdded: () => "tenant added",
  tenantRemoved: () => "tenant removed",
  renamedOrMoved: () => "renamed or moved",
};

/** "license ends within 30 days", "status changed to disabled or deleted"… */
export function triggerPhrase(trigger: AlertTrigger): string {
  return TRIGGER_PHRASES[trigger.kind](trigger);
}

/** A message with `events` (all of them are counted, the first MAX_LISTED_EVENTS listed). */
export function buildMessage(input: {
  kind: DeliveryKind;
  rule: AlertMessage["rule"];
  snapshot: AlertMessage["snapshot"];
  events: readonly AlertEventJson[];
}): AlertMessage {
  const { events } = input;
  const summary =
    events.length === 1
      ? events[0]!.summary
      : `${events.length} ${events.length === 1 ? "match" : "matches"}: ${triggerPhrase(input.rule.trigger)}`;
  return {
    version: 1,
    kind: input.kind,
    rule: input.rule,
    summary,
    snapshot: input.snapshot,
    eventCount: events.length,
    events: events.slice(0, MAX_LISTED_EVENTS),
    truncated: events.length > MAX_LISTED_EVENTS,
  };
}

/** Reads a stored payload back (null when it is not one: a row edited by hand). */
export function parseMessage(payload: string): AlertMessage | null {
  try {
    const parsed = JSON.parse(payload) as AlertMessage;
    return parsed && parsed.version === 1 && Array.isArray(parsed.events) ? parsed : null;
  } catch {
    return null;
  }
}
