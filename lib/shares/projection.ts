// What a link's visitor's data is made of: each tenant cut down to the link's columns (every hidden
// field blanked: null, "" or [] as its type allows; id and name always kept), and each request's
// view cut down to the filters, sort keys and grouping those columns allow.
import type { SubscriptionLabel, TenantAnnotation } from "@/lib/annotations/types";
import type { GroupField, RowAnnotation, Tenant, TenantView } from "@/lib/tenants/types";
import { NO_ANNOTATION } from "@/lib/tenants/query/annotations";
import { DEFAULT_SORT, DEFAULT_VIEW } from "@/lib/tenants/view-codec";
import type { Visibility } from "./columns";
import type { ScopeFilter } from "./scope";

/**
 * Primary hostname first, as in Tenant: only the primary → `[primary]`; only the others → the
 * primary's place blanked (`["", …others]`, so `hostnames[0]` is never another host); neither → [].
 */
function hostnames(all: readonly string[], primary: boolean, others: boolean): string[] {
  if (primary && others) return [...all];
  if (primary) return all.slice(0, 1);
  if (others && all.length > 1) return ["", ...all.slice(1)];
  return [];
}

/** `tenant` with every field the link hides blanked. A new Tenant field fails to compile here. */
export function projectTenant(t: Tenant, v: Visibility): Tenant {
  return {
    id: t.id,
    name: t.name,
    status: v.has("status") ? t.status : "",
    hostnames: hostnames(t.hostnames, v.has("hostname"), v.has("otherHostnames")),
    regionCode: v.has("regionCode") || v.has("regionName") ? t.regionCode : "",
    countryCode: v.has("countryCode") ? t.countryCode : "",
    subscriptionId: v.has("subscriptionId") ? t.subscriptionId : null,
    licenseNumber: v.has("licenseNumber") ? t.licenseNumber : null,
    createdBy: v.has("createdBy") ? t.createdBy : null,
    createdAt: v.has("createdAt") ? t.createdAt : "",
    updatedAt: v.has("updatedAt") ? t.updatedAt : "",
    licenseStartsAt: v.has("licenseStartsAt") ? t.licenseStartsAt : null,
    licenseEndsAt: v.has("licenseEndsAt") ? t.licenseEndsAt : null,
    deletionStartsAt: v.has("deletionStartsAt") ? t.deletionStartsAt : null,
  };
}

/**
 * `annotation` with every field the link hides blanked (null, or [] for tags). The same object
 * when nothing is hidden or there is nothing to hide. A new annotation field fails to compile here.
 */
export function projectAnnotation(a: RowAnnotation, v: Visibility): RowAnnotation {
  if (a === NO_ANNOTATION) return a;
  const out: RowAnnotation = {
    subscriptionName: v.has("subscriptionName") ? a.subscriptionName : null,
    customerRef: v.has("customerRef") ? a.customerRef : null,
    owner: v.has("owner") ? a.owner : null,
    tags: v.has("tags") ? a.tags : NO_ANNOTATION.tags,
    note: v.has("note") ? a.note : null,
  };
  if (
    out.subscriptionName === a.subscriptionName &&
    out.customerRef === a.customerRef &&
    out.owner === a.owner &&
    out.tags === a.tags &&
    out.note === a.note
  )
    return a;
  return out;
}

/** A tenant's own annotation with the hidden fields blanked; undefined when nothing is left. */
export function projectOwnAnnotation(
  a: TenantAnnotation,
  v: Visibility,
): TenantAnnotation | undefined {
  const owner = v.has("owner") ? a.owner : null;
  const tags = v.has("tags") ? a.tags : NO_ANNOTATION.tags;
  const note = v.has("note") ? a.note : null;
  if (owner === null && tags.length === 0 && note === null) return undefined;
  if (owner === a.owner && tags === a.tags && note === a.note) return a;
  return { owner, tags, note };
}

/** A subscription's label with the hidden fields blanked; undefined when nothing is left. */
export function projectLabel(l: SubscriptionLabel, v: Visibility): SubscriptionLabel | undefined {
  const name = v.has("subscriptionName") ? l.name : "";
  const customerRef = v.has("customerRef") ? l.customerRef : null;
  if (name === "" && customerRef === null) return undefined;
  if (name === l.name && customerRef === l.customerRef) return l;
  return { name, customerRef };
}

/**
 * A visitor's view without what reads hidden columns: such filters reset to "any", such sort keys
 * and grouping levels dropped. Results never depend on a hidden value either way (it is blanked);
 * this only spares the visitor an empty or meaningless answer.
 */
export function visibleView(view: TenantView, v: Visibility): TenantView {
  const out: TenantView = { ...view };
  for (const key of Object.keys(DEFAULT_VIEW) as (keyof TenantView)[]) {
    if (key === "sort" || key === "group" || v.filter(key as ScopeFilter)) continue;
    (out as unknown as Record<string, unknown>)[key] = DEFAULT_VIEW[key];
  }
  const sort = view.sort.filter((k) => v.sort(k.field));
  out.sort = sort.length > 0 ? sort : [...DEFAULT_SORT];
  const levels = view.group === "none" ? [] : view.group.split(",");
  const kept = levels.filter((level) => v.group(level as GroupField));
  out.group = (kept.length > 0 ? kept.join(",") : "none") as TenantView["group"];
  return out;
}
