// Which events a trigger finds in one sync: time-based ones in the new snapshot (a license ending
// within N days, a deletion date set), the others in the sync's change-feed entries. Each event has
// a key that makes it new: the license end or deletion date (a changed date is announced again),
// or the change-feed entry's id. Pure.
import type { Tenant, TenantChange } from "@/lib/tenants/types";
import type { AlertChangeJson, AlertEventJson, AlertTenantJson } from "./message";
import type { AlertTrigger } from "./types";

const DAY_MS = 86_400_000;

/** What one successful sync produced. */
export interface SyncFacts {
  snapshotId: number | null;
  takenAt: string;
  /** The new snapshot. */
  tenants: readonly Tenant[];
  /** The change-feed entries this sync wrote. */
  changes: readonly TenantChange[];
  /** Removed tenants as the previous snapshot had them (for scope and message). */
  removed: ReadonlyMap<string, Tenant>;
  /** Evaluation time (ms): "within N days" counts from here. */
  now: number;
}

export interface MatchedEvent {
  tenant: Tenant;
  eventKey: string;
  /** The event as messages carry it (made only for the events that are new: most are not). */
  event(): AlertEventJson;
}

/** Facts prepared once per sync and shared by every rule. */
export interface PreparedFacts {
  facts: SyncFacts;
  /** Tenants whose license ends after now, with its time, soonest first. */
  licenseEnds: { tenant: Tenant; endsAt: number }[];
  deletions: Tenant[];
  byId: Map<string, Tenant>;
}

export function prepareFacts(facts: SyncFacts): PreparedFacts {
  const licenseEnds: PreparedFacts["licenseEnds"] = [];
  const deletions: Tenant[] = [];
  const byId = new Map<string, Tenant>();
  for (const tenant of facts.tenants) {
    byId.set(tenant.id, tenant);
    if (tenant.licenseEndsAt) {
      const endsAt = Date.parse(tenant.licenseEndsAt);
      if (endsAt > facts.now) licenseEnds.push({ tenant, endsAt });
    }
    if (tenant.deletionStartsAt) deletions.push(tenant);
  }
  licenseEnds.sort((a, b) => a.endsAt - b.endsAt);
  return { facts, licenseEnds, deletions, byId };
}

export function tenantJson(t: Tenant): AlertTenantJson {
  return {
    id: t.id,
    name: t.name,
    status: t.status,
    hostname: t.hostnames[0] ?? null,
    regionCode: t.regionCode,
    countryCode: t.countryCode,
    subscriptionId: t.subscriptionId,
    licenseEndsAt: t.licenseEndsAt,
    deletionStartsAt: t.deletionStartsAt,
  };
}

const changeJson = (c: TenantChange): AlertChangeJson => ({
  id: c.id,
  kind: c.kind,
  before: c.before,
  after: c.after,
  detectedAt: c.detectedAt,
});

const day = (iso: string) => iso.slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const displayName = (t: Tenant) => t.name || t.hostnames[0] || t.id;

/** A tenant for a change whose tenant is in neither snapshot (should not happen; kept readable). */
function stubTenant(change: TenantChange): Tenant {
  return {
    id: change.tenantId,
    name: change.tenantName,
    status: "",
    hostnames: [],
    regionCode: "",
    countryCode: "",
    subscriptionId: null,
    licenseNumber: null,
    createdBy: null,
    createdAt: change.detectedAt,
    updatedAt: change.detectedAt,
    licenseStartsAt: null,
    licenseEndsAt: null,
    deletionStartsAt: null,
  };
}

function changeSummary(t: Tenant, c: TenantChange): string {
  const name = displayName(t);
  switch (c.kind) {
    case "added":
      return `${name}: added${c.after ? ` (${c.after})` : ""}`;
    case "removed":
      return `${name}: removed${c.before ? ` (${c.before})` : ""}`;
    case "status_changed":
      return `${name}: status ${c.before ?? "none"} → ${c.after ?? "none"}`;
    case "renamed":
      return `${c.before ?? "(no name)"}: renamed to ${c.after ?? "(no name)"}`;
    case "moved_region":
      return `${name}: moved from region ${c.before ?? "none"} to ${c.after ?? "none"}`;
    case "moved_subscription":
      return `${name}: moved from subscription ${c.before ?? "none"} to ${c.after ?? "none"}`;
    default:
      return `${name}: ${c.kind.replace(/_/g, " ")}`;
  }
}

const CHANGE_KINDS_OF: Partial<Record<AlertTrigger["kind"], readonly string[]>> = {
  statusChanged: ["status_changed"],
  tenantAdded: ["added"],
  tenantRemoved: ["removed"],
  renamedOrMoved: ["renamed", "moved_region", "moved_subscription"],
};

/** Every event `trigger` finds in the prepared sync, before the scope and the dedupe. */
export function triggerEvents(trigger: AlertTrigger, prepared: PreparedFacts): MatchedEvent[] {
  const { facts } = prepared;
  if (trigger.kind === "licenseEndsWithin") {
    const until = facts.now + trigger.days * DAY_MS;
    const out: MatchedEvent[] = [];
    for (const { tenant, endsAt } of prepared.licenseEnds) {
      if (endsAt > until) break;
      const daysLeft = Math.max(1, Math.ceil((endsAt - facts.now) / DAY_MS));
      out.push({
        tenant,
        eventKey: `license:${tenant.licenseEndsAt}`,
        event: () => ({
          trigger: trigger.kind,
          tenant: tenantJson(tenant),
          change: null,
          daysLeft,
          summary: `${displayName(tenant)}: license ends ${day(tenant.licenseEndsAt!)} (in ${plural(daysLeft, "day")})`,
        }),
      });
    }
    return out;
  }
  if (trigger.kind === "deletionScheduled") {
    return prepared.deletions.map((tenant) => ({
      tenant,
      eventKey: `deletion:${tenant.deletionStartsAt}`,
      event: () => ({
        trigger: trigger.kind,
        tenant: tenantJson(tenant),
        change: null,
        daysLeft: null,
        summary: `${displayName(tenant)}: deletion scheduled for ${day(tenant.deletionStartsAt!)}`,
      }),
    }));
  }
  const kinds = CHANGE_KINDS_OF[trigger.kind] ?? [];
  const to = trigger.kind === "statusChanged" && trigger.to?.length ? new Set(trigger.to) : null;
  const out: MatchedEvent[] = [];
  for (const change of facts.changes) {
    if (!kinds.includes(change.kind)) continue;
    if (to && !to.has(change.after ?? "")) continue;
    const tenant =
      prepared.byId.get(change.tenantId) ??
      facts.removed.get(change.tenantId) ??
      stubTenant(change);
    out.push({
      tenant,
      eventKey: `change:${change.id}`,
      event: () => ({
        trigger: trigger.kind,
        tenant: tenantJson(tenant),
        change: changeJson(change),
        daysLeft: null,
        summary: changeSummary(tenant, change),
      }),
    });
  }
  return out;
}
