"use client";

// No tenant in the view: say what narrows it (the search, each filter with its value), offer to
// remove each with one click, and give the advice that fits: a shorter search only when there is a
// search, and when two filters cannot both hold, say so.
import { X } from "lucide-react";
import { useId } from "react";
import type { FacetCount, FacetDimension, TenantView } from "@/lib/tenants/types";
import { FACET_DIMENSIONS } from "@/lib/tenants/types";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { focusRing } from "@/components/ui/focus";
import { rangeSummary } from "./date-range-filter";
import { DIMENSION_LABELS, facetLabel, plural } from "./format";

type Update = (view: TenantView) => TenantView;

/** One thing that narrows the view, as a person names it, and how to take it away. */
interface Narrowing {
  id: string;
  /** "Status: Active" */
  label: string;
  remove: Update;
}

/** A group of narrowings that act as one (a filter with its values, the search, the dates). */
interface Part {
  /** `status "Active" or "Disabled"`, `the search "zorg"` */
  phrase: string;
  /** Tenants that would match with this part taken away, when the answer tells (facet sums). */
  without: number | null;
  /** What the part is called in "Removing the … filter". */
  name: string;
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(" or ");
}

type Facets = Record<FacetDimension, readonly FacetCount[]> | undefined;

/** A facet value as shown, with the name the answer gives it (a named subscription). */
const valueLabel = (facets: Facets, d: FacetDimension, value: string) =>
  facetLabel(d, value, facets?.[d]?.find((f) => f.value === value)?.label);

export function narrowingsOf(view: TenantView, facets?: Facets): Narrowing[] {
  const out: Narrowing[] = [];
  if (view.q) out.push({ id: "q", label: `Search: "${view.q}"`, remove: (v) => ({ ...v, q: "" }) });
  for (const d of FACET_DIMENSIONS)
    for (const value of view[d])
      out.push({
        id: `${d}:${value}`,
        label: `${DIMENSION_LABELS[d]}: ${valueLabel(facets, d, value)}`,
        remove: (v) => ({ ...v, [d]: v[d].filter((x) => x !== value) }),
      });
  if (view.annotated !== null)
    out.push({
      id: "annotated",
      label: `Annotated: ${view.annotated ? "Yes" : "No"}`,
      remove: (v) => ({ ...v, annotated: null }),
    });
  if (view.createdFrom)
    out.push({
      id: "createdFrom",
      label: `Created: ${rangeSummary({ from: view.createdFrom, to: null })}`,
      remove: (v) => ({ ...v, createdFrom: null }),
    });
  if (view.createdTo)
    out.push({
      id: "createdTo",
      label: `Created: ${rangeSummary({ from: null, to: view.createdTo })}`,
      remove: (v) => ({ ...v, createdTo: null }),
    });
  return out;
}

function partsOf(
  view: TenantView,
  facets: Record<FacetDimension, readonly FacetCount[]> | undefined,
): Part[] {
  const parts: Part[] = [];
  if (view.q) parts.push({ phrase: `the search "${view.q}"`, without: null, name: "search" });
  for (const d of FACET_DIMENSIONS) {
    if (view[d].length === 0) continue;
    const name = DIMENSION_LABELS[d].toLowerCase();
    // A facet's counts are taken with every filter but its own: their sum is what the view would
    // hold without this filter.
    const counts = facets?.[d];
    parts.push({
      // The short name in a sentence: "Middle East (UAE)", not "… · me-central-1".
      phrase: `${name} ${quoteList(view[d].map((v) => valueLabel(facets, d, v).split(" · ")[0] ?? v))}`,
      without: counts ? counts.reduce((sum, f) => sum + f.count, 0) : null,
      name: `${name} filter`,
    });
  }
  const range = rangeSummary({ from: view.createdFrom, to: view.createdTo });
  if (range) parts.push({ phrase: `created ${range}`, without: null, name: "created dates" });
  return parts;
}

export function TenantsEmptyState({
  view,
  facets,
  onChange,
  onClear,
}: {
  view: TenantView;
  facets: Record<FacetDimension, readonly FacetCount[]> | undefined;
  /** Applies a change to the view (one narrowing removed). */
  onChange: (update: Update) => void;
  onClear: () => void;
}) {
  const labelId = useId();
  const narrowings = narrowingsOf(view, facets);
  if (narrowings.length === 0)
    return (
      <EmptyState
        title="This organization has no tenants"
        advice="Tenants appear here after the next sync finds them."
      />
    );

  const parts = partsOf(view, facets);
  const searched = view.q !== "";
  const filtered = parts.length > (searched ? 1 : 0);
  const title = searched
    ? `No tenant matches "${view.q}"${filtered ? " with these filters" : ""}`
    : "No tenant matches these filters";

  const advice: string[] = [];
  const [first, second] = parts;
  if (parts.length === 2 && first && second) {
    advice.push(
      `${capitalize(first.phrase)} and ${second.phrase} exclude each other: no tenant has both.`,
    );
  } else if (parts.length === 1 && !searched && first) {
    advice.push(
      first.name === "created dates"
        ? `No tenant was ${first.phrase}.`
        : `No tenant has ${first.phrase}.`,
    );
  }
  if (searched)
    advice.push(
      filtered
        ? "Names, hostnames and IDs are searched. Try a shorter search, or remove a filter."
        : "Names, hostnames and IDs are searched. Check the spelling, or try a shorter search.",
    );
  const best = parts
    .filter((p) => p.without !== null && p.without > 0)
    .sort((a, b) => (b.without ?? 0) - (a.without ?? 0))[0];
  if (best && parts.length > 1)
    advice.push(`Removing the ${best.name} would show ${plural(best.without ?? 0, "tenant")}.`);

  return (
    <EmptyState
      title={title}
      advice={advice.map((line) => (
        <p key={line}>{line}</p>
      ))}
    >
      <div className="grid justify-items-center gap-2">
        <p className="text-sm text-zinc-700 dark:text-zinc-300" id={labelId}>
          {narrowings.length === 1
            ? "What narrows the list:"
            : "What narrows the list (remove any):"}
        </p>
        <ul
          aria-labelledby={labelId}
          className="flex max-w-2xl flex-wrap justify-center gap-2"
          data-testid="empty-narrowings"
        >
          {narrowings.map((n) => (
            <li key={n.id} className="min-w-0 max-w-full">
              <button
                type="button"
                onClick={() => onChange(n.remove)}
                aria-label={`Remove ${n.label}`}
                title={`Remove ${n.label}`}
                data-narrowing={n.id}
                className={cn(
                  "inline-flex h-8 max-w-full items-center gap-1.5 rounded-full border border-sky-600 bg-sky-50 pr-2 pl-3 text-sm text-sky-950 hover:bg-sky-100 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-50 dark:hover:bg-sky-900",
                  focusRing,
                )}
              >
                <span className="truncate">{n.label}</span>
                <X aria-hidden className="size-4 shrink-0" />
              </button>
            </li>
          ))}
        </ul>
      </div>
      {narrowings.length > 1 ? (
        <Button variant="primary" size="sm" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </EmptyState>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
