// From an explorer view to a new alert rule: the view's filters become the rule's scope, and a
// time window that only means something today becomes the trigger instead — "license ends from
// today to today + N days" is the trigger "license ends within N days" (which moves with time),
// "deletion scheduled" is the trigger "deletion scheduled". Client-safe, pure.
import type { AlertTrigger } from "@/lib/alerts/types";
import { MAX_LICENSE_DAYS, MIN_LICENSE_DAYS } from "@/lib/alerts/types";
import { scopeView } from "@/lib/shares/scope";
import type { TenantView } from "@/lib/tenants/types";
import { parseViewParams, ViewParamsError, viewToSearchParams } from "@/lib/tenants/view-codec";

const DAY_MS = 86_400_000;

/** The view's filters as a query string (what a rule's scope holds). */
export function scopeQuery(view: TenantView): string {
  return viewToSearchParams(scopeView(view)).toString();
}

/** /alerts with a new rule's dialog open and this view's filters as its scope. */
export function alertsHrefForView(view: TenantView, now: number): string {
  const draft = draftFromView(view, now);
  const params = new URLSearchParams({ new: "1", scope: draft.scope });
  if (draft.trigger?.kind === "licenseEndsWithin") params.set("days", String(draft.trigger.days));
  if (draft.trigger?.kind === "deletionScheduled") params.set("trigger", "deletionScheduled");
  return `/alerts?${params.toString()}`;
}

export interface RuleDraft {
  /** The scope query string, without the params the trigger took over. */
  scope: string;
  /** A trigger read from the view's time window, or null. */
  trigger: AlertTrigger | null;
}

/** Whole UTC days from the day of `now` to the day of `iso`. */
function daysFromToday(iso: string, now: number): number {
  return Math.floor(Date.parse(iso) / DAY_MS) - Math.floor(now / DAY_MS);
}

/** See the file comment. A license window that does not start today stays in the scope. */
export function draftFromView(view: TenantView, now: number): RuleDraft {
  let next: TenantView = scopeView(view);
  let trigger: AlertTrigger | null = null;
  if (
    next.licenseEndsFrom &&
    next.licenseEndsTo &&
    daysFromToday(next.licenseEndsFrom, now) === 0
  ) {
    const days = daysFromToday(next.licenseEndsTo, now);
    if (days >= MIN_LICENSE_DAYS && days <= MAX_LICENSE_DAYS) {
      trigger = { kind: "licenseEndsWithin", days };
      next = { ...next, licenseEndsFrom: null, licenseEndsTo: null };
    }
  }
  if (next.deletionScheduled === true) {
    // A view can hold both; the license window wins the trigger, deletion stays a filter then.
    if (!trigger) {
      trigger = { kind: "deletionScheduled" };
      next = { ...next, deletionScheduled: null };
    }
  }
  return { scope: scopeQuery(next), trigger };
}

/** The scope text as a view, or the reason it is not one. */
export function parseScope(text: string): { view: TenantView } | { error: string } {
  try {
    const { view } = parseViewParams(new URLSearchParams(text.trim().replace(/^\?/, "")));
    return { view };
  } catch (error) {
    if (error instanceof ViewParamsError) return { error: error.message };
    throw error;
  }
}
